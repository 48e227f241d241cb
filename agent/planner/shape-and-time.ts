// The shape of a question (crossing, change, night flow, shift log...) and its time window, read before its other cues.
import { unfinishedNightAsk } from './night-ask.ts';
import { spellNightFlow } from './night-flow-ask.ts';
import { ALARM_RE, NOW_RE } from './question-lexicon.ts';
import { maskAssetNumbers } from './asset-numbers.ts';
import type { TimeParse } from './time-window.ts';
import { blankChangeWords, readPeriods, type PeriodPair } from './period-pair.ts';
import { unrankedBucketDecline, unrankedBucketWord } from './counted-buckets.ts';
import { bucketRankAfterTime, lastCrossingWord, readShape, type ShapeCue } from './shape-cues.ts';
import { planShiftLog } from './shift-log-plan.ts';
import { namesCatalogThing } from './compound-words.ts';
import { readUnitBand, type ThresholdCue } from './threshold-expression.ts';
import { readRecentAlarms, type RecentAlarms } from './alarm-recent.ts';
import { vagueTimeWord } from './vague-time.ts';
import { findModifier, modifierDecline } from './modifier-words.ts';
import { timeOf } from './planner-catalog.ts';
import type { Planned } from './planned.ts';
import { blankMatch, type PlanPass } from './question-text.ts';
import { strayCalendarWord } from './stray-calendar-word.ts';

/** What the shape and time words of a question said, and the text left with them blanked. */
export interface ShapeAndTime {
  text: string;
  shapeCue: ShapeCue | undefined;
  time: TimeParse | null;
  /** "now", "right now", "currently" was said. */
  nowSaid: boolean;
  recentAlarms: RecentAlarms | null;
  /** A band with a unit ("within 3 to 4 m"), read before the time took its numbers for dates. */
  unitBand: { cue: ThresholdCue; text: string } | null;
}

interface Read {
  text: string;
  shape: { cue: ShapeCue; text: string } | null;
  time: TimeParse | null;
  pair: PeriodPair | undefined;
  nowSaid: boolean;
  recentAlarms: RecentAlarms | null;
  unitBand: { cue: ThresholdCue; text: string } | null;
}

/** The shape and the window of the question (one period or two compared), or the decline or shift-log plan they make. */
export function readShapeAndTime(pass: PlanPass, text: string): Planned | ShapeAndTime {
  const { original, catalogs, indexes, ctx, vocabulary, typos } = pass;
  const read = readWindow(pass, text);
  if ('kind' in read) return read;
  const { shape, time, pair } = read;
  text = read.text;
  // "notes from 8 oct except the pump stuff": a note's topic can be asked for, not left out.
  const leftOut = shape?.cue.kind === 'shift-log' ? findModifier(text, vocabulary, indexes) : null;
  if (leftOut?.kind === 'exclusion') return modifierDecline(leftOut);
  if (shape?.cue.kind === 'shift-log')
    return planShiftLog({
      source: catalogs.find((c) => c.source.historian?.shiftLog)?.source.name,
      table: catalogs.find((c) => c.source.historian?.shiftLog)?.source.historian?.shiftLog?.table,
      question: original,
      time,
      rest: text.replace(/[a-z]+/g, (w) => typos.get(w) ?? w),
      words: shape.cue.words,
      reading: {
        namesThing: (w) => namesCatalogThing(w, indexes, vocabulary),
        termsOf: (w) => vocabulary.terms.get(w),
        corrected: new Map([...typos].map(([to, from]) => [from, to])),
      },
      ctx,
    });
  // "lowest T2 lvl day last wk": a bucket noun left over once the window is read, beside a superlative, asks which bucket.
  const bucketRank = shape ? null : bucketRankAfterTime(text);
  if (bucketRank) text = bucketRank.text;
  // Two periods of a night flow compare the nights' night flows, not the flow over both periods.
  const shapeCue: ShapeCue | undefined =
    pair && shape?.cue.kind === 'night-flow'
      ? { ...shape.cue, previous: pair.previous }
      : pair
        ? { kind: 'change', period: pair.period, previous: pair.previous, words: 'vs' }
        : (shape?.cue ?? bucketRank?.cue);
  // "higher or lower", "% diff" beside a change read from its shape words ("vs the day before") name no tag.
  const nightsCompared = shapeCue?.kind === 'night-flow' && shapeCue.before !== undefined;
  if ((shapeCue?.kind === 'change' || nightsCompared) && !pair) text = blankChangeWords(text);
  return { text, shapeCue, time, nowSaid: read.nowSaid, recentAlarms: read.recentAlarms, unitBand: read.unitBand };
}

/** Reads the shape words, the newest alarms asked, "now", a band with a unit, and the window, in that order. */
function readWindow(pass: PlanPass, text: string): Planned | Read {
  const { original, indexes, ctx, previous, vocabulary } = pass;
  text = spellNightFlow(text, vocabulary);
  const shape = readShape(text);
  if (shape) text = shape.text;
  // "which shift yesterday had the highest inflow": a bucket with no spans of its own, before "shift yesterday" is read as one shift.
  const unranked = shape?.cue.kind === 'shift-log' ? undefined : unrankedBucketWord(text);
  if (unranked) return unrankedBucketDecline(unranked);
  // "last 5 alarms", "the most recent alarm at BPS03": how many newest alarms, before "last 5" is read as a period and
  // "latest" as now (alarm-recent.ts).
  const recentAlarms = ALARM_RE.test(text) ? readRecentAlarms(text) : null;
  if (recentAlarms) text = recentAlarms.text;
  const now = blankMatch(text, NOW_RE);
  // "pump 2 amps", "pmp 1 hrs": a number that belongs to a thing of the catalog is read by no time rule.
  const assetNumbers = maskAssetNumbers(now.text, indexes);
  text = assetNumbers.text;
  // "within 3 to 4 m on 20 October": a band with a unit is read before the time, which would take its numbers for dates.
  const unitBand = readUnitBand(text);
  if (unitBand) text = unitBand.text;
  // One period, or two compared ("this week vs last week", "from last week to this week"): period-pair.ts.
  const periods = readPeriods(text, original, { ...timeOf(ctx), ...(previous?.window ? { previousWindow: previous.window } : {}) });
  if (periods.kind === 'decline') return periods;
  const night = unfinishedNightAsk(periods.time?.window, original, ctx.now);
  if (night) return night;
  const time = periods.time;
  text = periods.text;
  // "t3 lvl last under 2.6m in sept": a "last" no time phrase took up, in a crossing, asks for the last crossing.
  if (shape?.cue.kind === 'crossing') {
    const last = lastCrossingWord(text);
    if (last) [shape.cue, text] = [{ ...shape.cue, last: true }, last.text];
  }
  // A month or weekday name left over once the window is read must agree with it ("at 4am on oct 3rd" leaves "oct");
  // one that does not ("monday to wednesday", "1 oct - 5 oct" read as a single day) is a period the plan would drop.
  const stray = strayCalendarWord(text, time?.window, ctx.timezone);
  if (stray)
    return {
      kind: 'decline',
      reason: `I could not place "${stray}": the window read was ${time?.window.label ?? 'none'}; write the period as one expression, e.g. "from 1 oct to 5 oct"`,
    };
  const vague = time ? undefined : vagueTimeWord(text);
  if (vague)
    return {
      kind: 'decline',
      reason: `"${vague}" says no time I can place; say when, e.g. "at 6", "this morning", "since 8" or "yesterday"`,
    };
  text = assetNumbers.restore(text);
  return { text, shape, time, pair: periods.pair, nowSaid: now.match !== null, recentAlarms, unitBand };
}
