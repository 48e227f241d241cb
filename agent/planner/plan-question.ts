// planQuestion: question text -> Plan | Decline | Ambiguous, from the tag catalog alone (no model, no I/O).
import type { ConversationTurn } from '../answer.ts';
import { planCatalog, readCatalogAsk } from './catalog-ask.ts';
import { readCoverageAsk } from './coverage-ask.ts';
import { readStateReport, unrecordedStateDecline, unrecordedStateWord } from './state-time.ts';
import { stopCountDecline, stopCountWord } from './stopped-time.ts';
import { followUpQuestion } from './follow-up.ts';
import { ambiguousReading, readingQuestion, readingTags } from './reading-ambiguity.ts';
import { unfinishedNightAsk } from './night-ask.ts';
import { spellNightFlow } from './night-flow-ask.ts';
import type { SourceDescription } from '../../connectors/connector.ts';
import { chooseOperation, type Cues } from './choose-operation.ts';
import { buildTypoIndex, normalizeQuestion, type TypoIndex } from './normalize-question.ts';
import { buildKnownWords } from './known-words.ts';
import { bucketsDecline, readBucket } from './bucket-words.ts';
import { rankOrdinalReason, readRankLimit, readRankOrdinal } from './rank-limit.ts';
import {
  AGG_WORDS,
  ALARM_ACK_TIME_RE,
  ALARM_RE,
  ALARM_UNACK_RE,
  COMPARE_RE,
  FILLER,
  KIND_DEFAULT_MEASUREMENT,
  LIST_OF_VALUES_RE,
  NON_PLANNER_RE,
  NOW_RE,
  PLURAL_RE,
  RANK_RE,
  RUN_RE,
  SUPERLATIVE_RE,
  SERIES_RE,
} from './question-lexicon.ts';
import type { Plan, PlanResult } from './plan.ts';
import { measurementsOf } from './group-check.ts';
import { askBack } from './ask-back.ts';
import { AMOUNT_RE, amountTags, isVolumeFlow, readFlowSide } from './amount-tags.ts';
import { rateUnit } from './signal-units.ts';
import { maskAssetNumbers, numberOfThing } from './asset-numbers.ts';
import { linkEntities, linkPair, placeTokens } from './link-entities.ts';
import { nearestMeasurement } from './nearest-measurement.ts';
import { buildTagIndex, inCatalogPhrase, stem, tokenize, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';
import { makeWindow, resolveTime, type ShiftDefinition, type TimeContext, type TimeParse } from './time-window.ts';
import { blankChangeWords, comparesPeriods, readPeriods } from './period-pair.ts';
import { withShortForms } from './short-asset-forms.ts';
import { namesCatalogThing } from './compound-words.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';
import { unrankedBucketDecline, unrankedBucketWord } from './counted-buckets.ts';
import { bucketRankAfterTime, lastCrossingWord, readShape, type ShapeCue } from './shape-cues.ts';
import { readLimitWords } from './limit-words.ts';
import { planShiftLog } from './shift-log-plan.ts';
import { readThresholdReport } from './threshold-report.ts';
import { clockLikeBand, readThreshold, readUnitBand, vagueComparison } from './threshold-expression.ts';
import { readDurationUnit } from './duration-unit.ts';
import { alarmSideWord, readAlarmStanding, unknownAlarmState } from './alarm-state.ts';
import { readRecentAlarms } from './alarm-recent.ts';
import { withoutAlarmGrouping } from './alarm-grouping.ts';
import { vagueTimeWord } from './vague-time.ts';
import { MONTHS } from './time-words.ts';
import { isoWeekday, toWall } from './zoned-time.ts';
import { findModifier, modifierDecline } from './modifier-words.ts';
import { applyAskedUnit, fitsAskedUnit, narrowToAskedUnit, readAskedUnit, type AskedUnit } from './asked-unit.ts';
import { changeSincePoint } from './since-change.ts';
import { conjoinedTags } from './conjoined-things.ts';
import { findRatio, ratioDecline } from './unit-ratios.ts';
import { dropHarmless, unplacedDecline } from './unplaced-words.ts';
import { untakenStatisticDecline } from './untaken-statistic.ts';
import { untakenLimitDecline } from './untaken-limit.ts';
import { disjointDecline, disjointWords } from './disjoint-words.ts';
import type { DateOrder } from './numeric-date.ts';

/**
 * Words joined by slashes that name things, not a unit: identifiers ("p1/p3") or words of three letters or more
 * ("speed/power"); a unit has a digit or a short part (m3/h, mg/l, l/s).
 */
const SLASHED_THINGS_RE = /^(?:[a-z]+\d+(?:\/[a-z]+\d+)+|[a-z]{3,}(?:\/[a-z]{3,})+)$/;

/** A source the planner can answer from: its description (with historian mapping and tags) and the tag index. */

/** The arithmetic mean of the stored readings, asked for by name (the plain "mean"/"average" is time-weighted). */
const READINGS_MEAN_RE =
  /^(?:arithmetic (?:mean|average|avg)(?: of (?:the )?(?:stored )?(?:readings|samples|values|rows))?|(?:mean|average|avg) of (?:the |all )?(?:stored |raw )?(?:readings|samples|values|rows))\b/;
export interface PlannerCatalog {
  source: SourceDescription;
  index: TagIndex;
  vocabulary: Vocabulary;
  /** Words a typo may be corrected to: the lexicon, the thesaurus and this catalog's own vocabulary. */
  known: TypoIndex;
}

export interface PlanContext {
  now: Date;
  timezone: string;
  synonyms: Readonly<Record<string, string>>;
  shifts: readonly ShiftDefinition[];
  /** Hours of "minimum night flow", plant time (default 02:00–04:00). */
  nightHours?: { fromHour: number; toHour: number };
  /** How numeric dates with slashes are read (planner.dateOrder, default dmy). */
  dateOrder?: DateOrder;
  history?: readonly ConversationTurn[];
}

/** A statistic of acknowledgement times: "average ack times", "how long ... to ack" ask for one number, not a list. */
const ACK_STATISTIC_RE = /\b(?:mean|average|avg|typical|median|max|maximum|min|minimum|longest|shortest|fastest|slowest|total|how long)\b/;

/** The time context of a question: its clock, the plant's zone and shifts, the site's order of numeric dates. */
const timeOf = (ctx: PlanContext): TimeContext => ({
  now: ctx.now,
  timezone: ctx.timezone,
  shifts: ctx.shifts,
  ...(ctx.dateOrder ? { dateOrder: ctx.dateOrder } : {}),
});

/** Builds the catalogs of all sources that have a historian mapping and a tag catalog. */
export function buildCatalogs(sources: readonly SourceDescription[], vocabulary: Vocabulary = buildVocabulary()): PlannerCatalog[] {
  return sources
    .filter((s) => s.historian && s.tags && s.tags.length > 0)
    .map((source) => {
      const index = buildTagIndex(source.tags ?? []);
      return {
        source,
        index,
        vocabulary,
        known: buildKnownWords(index, vocabulary),
      };
    });
}

const knownUnion = new WeakMap<readonly PlannerCatalog[], TypoIndex>();
function knownOf(catalogs: readonly PlannerCatalog[]): TypoIndex {
  if (catalogs.length === 1) return catalogs[0]!.known;
  let known = knownUnion.get(catalogs);
  if (!known) {
    known = buildTypoIndex(
      new Set(catalogs.flatMap((c) => [...c.known.known])),
      catalogs[0]?.known.contrasts,
      new Set(catalogs.flatMap((c) => [...c.known.slipsOnly])),
    );
    knownUnion.set(catalogs, known);
  }
  return known;
}

function blankMatch(text: string, re: RegExp): { text: string; match: RegExpExecArray | null } {
  const match = re.exec(text);
  if (!match) return { text, match };
  return { text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length), match };
}

/** Plans one question against the catalogs; the history supplies entities and windows for follow-ups. */
export function planQuestion(question: string, catalogs: PlannerCatalog | readonly PlannerCatalog[], ctx: PlanContext): PlanResult {
  const list = Array.isArray(catalogs) ? (catalogs as readonly PlannerCatalog[]) : [catalogs as PlannerCatalog];
  if (list.length === 0) return { kind: 'decline', reason: 'no source has a historian mapping with a tag catalog' };
  const previous = ctx.history?.at(-1);
  // Words read in another form than written (chat forms, typos, inflections): declines quote what was written.
  const readings = new Map<string, string>();
  const swapped = previous ? followUpQuestion(question, list, ctx) : null;
  if (swapped) return asWritten(stripFollowUp(planOnce(swapped, list, ctx, previous, readings)), question, readings);
  const first = planOnce(question, list, ctx, previous, readings);
  if (first.kind !== 'decline' || !previous || !first.followUp) return asWritten(stripFollowUp(first), question, readings);
  // A follow-up without entities ("and the day before?"): keep the previous question's entities and operation.
  const merged = mergeFollowUp(previous.question, question, list, ctx);
  return asWritten(stripFollowUp(planOnce(merged, list, ctx, previous, readings)), question, readings);
}

/**
 * A decline quotes the words as the asker wrote them: a word the planner read in another form ("tmrw" as tomorrow,
 * "excl" as excluding, "unackd" as unacknowledged) is quoted as written, with the reading beside it.
 */
function asWritten(result: PlanResult, question: string, readings: ReadonlyMap<string, string>): PlanResult {
  if (result.kind !== 'decline' || readings.size === 0) return result;
  const written = question.toLowerCase();
  const reason = result.reason.replace(/"([^"]{1,60})"/g, (quoted, word: string) => {
    if (written.includes(word)) return quoted;
    // "long than 1": each word as written ("longer than 1").
    const back = word.replace(/[a-z]+/g, (w) => [...readings].find(([, to]) => to === w)?.[0] ?? w);
    if (/\s/.test(word) && back !== word && written.includes(back)) return `"${back}"`;
    const from = [...readings].find(([, to]) => to === word || to.split(/\s+/).includes(word))?.[0];
    return from && written.includes(from) ? `"${from}" (read as "${word}")` : quoted;
  });
  return { ...result, reason };
}

type Planned = PlanResult & { followUp?: boolean };

function stripFollowUp(result: Planned): PlanResult {
  const rest = { ...result };
  delete rest.followUp;
  return rest;
}

/** The follow-up's words plus the previous question without its time expression. */
function mergeFollowUp(previousQuestion: string, followUp: string, catalogs: readonly PlannerCatalog[], ctx: PlanContext): string {
  const before = normalizeQuestion(previousQuestion, {
    synonyms: ctx.synonyms,
    shifts: ctx.shifts,
    ...(catalogs[0] ? { vocabulary: catalogs[0].vocabulary } : {}),
  });
  const time = resolveTime(before, timeOf(ctx));
  return `${followUp} ${(time?.rest ?? before).trim()}`;
}

function planOnce(
  question: string,
  catalogs: readonly PlannerCatalog[],
  ctx: PlanContext,
  previous: ConversationTurn | undefined,
  readings: Map<string, string>,
): Planned {
  const vocabulary = catalogs[0]?.vocabulary ?? buildVocabulary();
  const corrections: string[] = [];
  // Typo corrections, read back to what was written: the words a shift-log note must mention are matched as written.
  const typos = new Map<string, string>();
  // Verb forms of catalog nouns ("flowed", "pumped"): they narrow where tags carry the noun and are dropped elsewhere.
  const verbal = new Set<string>();
  // Plurals read as their singular ("PRV positions"): the question still asks about several things.
  const plurals = new Set<string>();
  const indexes = catalogs.map((c) => c.index);
  let text = normalizeQuestion(question, {
    synonyms: withShortForms(ctx.synonyms, indexes),
    shifts: ctx.shifts,
    vocabulary,
    known: knownOf(catalogs),
    numbered: (word, num) => numberOfThing(indexes, word, num),
    names: (part) => namesCatalogThing(part, indexes, vocabulary),
    onCorrection: (from, to) => {
      corrections.push(`"${from}" as "${to}"`);
      readings.set(from, to);
      typos.set(to, from);
    },
    onRewrite: (from, to) => readings.set(from, to),
    onLemma: (from, to, kind) => {
      readings.set(from, to);
      if (kind === 'verb') verbal.add(to);
      if (kind === 'plural') plurals.add(to);
    },
  });
  // Politeness and purpose ("thanks in advance", "for the regulator") say how the question is asked, never what.
  text = dropHarmless(text, vocabulary);
  const original = text;
  const listsValues = ALARM_RE.test(text) || LIST_OF_VALUES_RE.test(text) || readCatalogAsk(text) !== null;
  const outside = NON_PLANNER_RE.exec(listsValues ? text.replace(/\blist\b/g, 'show') : text);
  // "difference between yesterday and the day before": between two periods, the change is a shape of the planner.
  const periodsCompared = (): boolean => readShape(text)?.cue.kind === 'change' || comparesPeriods(text, timeOf(ctx));
  if (outside && !(outside[0] === 'difference between' && periodsCompared()))
    return {
      kind: 'decline',
      reason: `"${outside[0]}" asks for more than the planner's shapes (values, aggregates, series, thresholds, run-hours, rankings, alarms)`,
    };
  // "how long was P1 tripped", "MTBF of P2": a state no running status records (state-time.ts).
  const unrecorded = unrecordedStateWord(question, readStateReport(text)?.report ?? null);
  if (unrecorded) return unrecordedStateDecline(unrecorded);
  // "how many times did P1 stop", "no. of trips": a count of stops, which no plan computes (stopped-time.ts).
  // An alarm count ("how many trip alarms") is the journal's.
  const stops = /\b(?:alarm|alert)s?\b/.test(text) ? null : stopCountWord(text);
  if (stops) return stopCountDecline(stops);
  const ordinal = readRankOrdinal(text);
  if (ordinal) return { kind: 'decline', reason: rankOrdinalReason(ordinal) };
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
  const pair = periods.pair;
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
  const planTime: TimeParse | null = time;
  // "notes from 8 oct except the pump stuff": a note's topic can be asked for, not left out.
  const leftOut = shape?.cue.kind === 'shift-log' ? findModifier(text, vocabulary, indexes) : null;
  if (leftOut?.kind === 'exclusion') return modifierDecline(leftOut);
  if (shape?.cue.kind === 'shift-log')
    return planShiftLog({
      source: catalogs.find((c) => c.source.historian?.shiftLog)?.source.name,
      question: original,
      time,
      rest: text.replace(/[a-z]+/g, (w) => typos.get(w) ?? w),
      words: shape.cue.words,
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

  const cues: Cues = {
    fns: [],
    plural: PLURAL_RE.test(text),
    text: original,
    rank: RANK_RE.test(text),
    compare: false,
    now: false,
    series: SERIES_RE.test(text),
    ...(shapeCue ? { shape: shapeCue } : {}),
  };
  cues.now = now.match !== null;
  if (recentAlarms) {
    const { limit, words, oldest, defaulted } = recentAlarms;
    cues.recentAlarms = { limit, words, oldest, ...(defaulted ? { defaulted } : {}) };
  }
  // "above 80 psi", "under 0,3 mg/l", "run status 0" (threshold-expression.ts); "above normal" sets no number.
  const vagueLimit = vagueComparison(text);
  if (vagueLimit)
    return {
      kind: 'decline',
      reason: `"${vagueLimit.trim()}" gives no number to compare with; say the value, e.g. "above 0.5 mg/L", or "above its high alarm limit"`,
    };
  const clockBand = unitBand ? null : clockLikeBand(text);
  if (clockBand)
    return {
      kind: 'decline',
      reason: `"${clockBand}": hours of the day or values? Write the unit ("between 6 and 8 m") or the hours ("from 06:00 to 08:00")`,
    };
  // The band read before the time is blanked already.
  const threshold = unitBand ? { cue: unitBand.cue, text } : readThreshold(text);
  if (threshold) [cues.threshold, text] = [threshold.cue, threshold.text];
  // "availability of P02", "downtime of each pump", "hrs p2 offline": the time in each state (state-time.ts).
  const stateReport = cues.threshold ? null : readStateReport(text);
  if (stateReport?.state) [cues.threshold, text] = [{ comparator: 'below', value: 0.5, status: true }, stateReport.text];
  else if (stateReport) [cues.stateReport, text] = [stateReport.report, stateReport.text];
  // "in l/s", "psi", "in m3": the unit the result is asked in names no tag (asked-unit.ts).
  const askedUnit = readAskedUnit(text, catalogUnits(catalogs), original);
  text = askedUnit.text;
  // The plan's last readings: a change since a point (since-change.ts), then the unit asked.
  const inAskedUnit = (planned: Planned): Planned => {
    const result = planned.kind === 'plan' ? (changeSincePoint(planned, original) as Planned) : planned;
    return askedUnit.asked ? withAskedUnit(result, askedUnit.asked) : result;
  };
  // "below its low alarm limit", "over hi alarm": the tag's catalog limit is the threshold (not an alarm list).
  const limit = cues.threshold ? null : readLimitWords(text);
  if (limit) [cues.alarmLimit, text] = [limit.cue, limit.text];
  // The limit as read, before the catalog resolves it: a plan must take it up (untaken-limit.ts).
  const limitSaid = { ...(cues.threshold ? { threshold: cues.threshold } : {}), ...(limit ? { words: limit.cue.words } : {}) };
  const report = cues.threshold || limit ? readThresholdReport(text) : null;
  if (report?.report) cues.thresholdReport = report.report;
  if (report) text = report.text;
  // "how many minutes was X below L", "overlap in mins": the stretches' time in that unit.
  // "how many minutes did the dosing pump run": a run time in minutes (the default unit, hours, names no tag either).
  const runTime = !cues.threshold && !limit && !cues.stateReport && !shapeCue && RUN_RE.test(text);
  const duration =
    cues.threshold || limit || shapeCue?.kind === 'together' || runTime ? readDurationUnit(text, { minutesOnly: runTime }) : null;
  if (duration) [cues.durationUnit, text] = [duration.unit, duration.text];
  // "hourly", "per day": one bucket size; two asked at once ("per day and per hour") are named (bucket-words.ts).
  const buckets = readBucket(text);
  const twoSizes = bucketsDecline(buckets);
  if (twoSizes) return twoSizes;
  if (buckets.bucket) [cues.bucket, text] = [buckets.bucket, buckets.text];
  // "worst ack time sept", "anything unacked at bps03": acknowledging is done to alarms only.
  cues.alarm = ALARM_RE.test(text) || ALARM_ACK_TIME_RE.test(text) || ALARM_UNACK_RE.test(text);
  if (cues.alarm) {
    // "which alarms are still unacknowledged", "time to acknowledge": what the acknowledgements say, not tag words.
    const unack = blankMatch(text, ALARM_UNACK_RE);
    if (unack.match) cues.acknowledgement = 'unacknowledged';
    const ackTime = blankMatch(unack.text, ALARM_ACK_TIME_RE);
    // "ack times for ps3 alarms": the times of each alarm (its list has them); a statistic of them is one number.
    const eachAlarm = /\btimes\b/.test(ackTime.match?.[0] ?? '') && !ACK_STATISTIC_RE.test(cues.text);
    if (ackTime.match && !eachAlarm) cues.acknowledgement = 'time';
    text = ackTime.text;
    // "still active", "standing", "not cleared yet": the alarms standing at a moment (alarm-state.ts).
    const standing = readAlarmStanding(text);
    if (standing) [cues.alarmStanding, text] = [standing.bare ? 'in-alarm' : 'standing', standing.text];
    // "by station", "each priority": what the count is split by names no tag (alarm-grouping.ts).
    text = withoutAlarmGrouping(text);
  }
  cues.run = !cues.alarm && (RUN_RE.test(text) || (runTime && duration !== null));
  if (!cues.alarm && /\bhours?\b/.test(text)) cues.hoursWord = true;
  const ranked = readRankLimit(text);
  if (ranked.limit !== undefined) cues.limit = ranked.limit;
  // "which of the two pumps started more often": a comparative ranks the running things and names one.
  if (ranked.comparative && cues.run) [cues.rank, cues.limit] = [true, 1];
  text = ranked.text;

  // A statistic, condition, exclusion or rate no part of the plan applies ("median", "while P1 ran", "other than P1"):
  // named, instead of answering the question without it (modifier-words.ts).
  // In a together question the "when" clause is the question ("any time when both pumps ran"), not a condition on it.
  const modifier = findModifier(text, vocabulary, indexes, { whenIsShape: shapeCue?.kind === 'together', question: original });
  if (modifier) return modifierDecline(modifier);
  // "kwh per m3": a ratio of two quantities, named rather than answered as its first quantity (unit-ratios.ts).
  const ratio = findRatio(original);
  if (ratio) return ratioDecline(ratio);

  // "what tags does BPS03 have", "list the pumps at BPS01", "unit of T1 level": the catalog itself (catalog-ask.ts),
  // when nothing is measured, computed or timed.
  const measures =
    shapeCue !== undefined || cues.threshold || cues.alarmLimit || cues.stateReport || cues.alarm || cues.run || cues.series || cues.bucket;
  // "is there any data for T3 level", "how complete was the T1 data": the data's coverage, not the plant (coverage-ask.ts).
  const coverage = measures || cues.now ? null : readCoverageAsk(text);
  if (coverage) [cues.coverage, text] = [coverage.words, coverage.text];
  const catalogWords = measures || cues.now || coverage ? null : readCatalogAsk(text, question);
  // "what were the pumps at BPS01 doing yesterday": things of a kind asked with a time are asked about, not listed.
  const catalogAsk = catalogWords?.cue.asks === 'kind' && time ? null : catalogWords;
  if (catalogAsk && time)
    return {
      kind: 'decline',
      reason: `I could not place "${time.window.label.replace(/\s*\(.*$/, '')}" in a catalog question: the catalog lists tags, units, assets and sites, with no dates`,
    };
  if (catalogAsk) text = catalogAsk.text;
  // A slash between things ("P1/P3", "P01/P02/P03", "speed/power", "suction p / T1 lvl") joins them as "and" does (so do "&"
  // and "+"); in a unit (m3/h, mg/l) it divides.
  const words = text
    // "I'm", "we're", "it's": a contraction's tail is no word of its own ("m" is no unit here).
    .replace(/(?<=[a-z])'(?:m|re|ve|ll|d|s)(?![a-z])/g, '')
    .replace(/\s*[&+]\s*/g, ' and ')
    // Letters of any script are word letters: "Hochbehälter" is one word, never "hochbeh" and "lter".
    .split(/[^\p{L}\p{N}_%°./-]+/u)
    .flatMap((w) => (w === '/' ? ['and'] : SLASHED_THINGS_RE.test(w) ? w.replaceAll('/', ' and ').split(' ') : [w]))
    .map((w) => w.replace(/^[./-]+|[./-]+$/g, ''))
    .filter((w) => w.length > 0);
  const content: string[] = [];
  // The two sides of "A and B" / "A vs B", for a shape that relates exactly two tags (correlation).
  const sides: [string[], string[]] = [[], []];
  let side = 0;
  let compareWords = 0;
  // "final water", "critical point", "high lift": an operation or priority word inside a pair the catalog describes names the thing.
  // A position word before a word it names a tag with ("final chlorine": Final water free chlorine) is an adjective of
  // the name, not "the last value".
  const POSITION_WORDS = /^(?:final|opening|initial|closing|first|last)$/;
  // The next word counts in its thesaurus readings too: "final cl2" is "final chlorine" as much as "final chlorine" is.
  const readingsOf = (word: string): string[] => [word, ...(vocabulary.terms.get(word) ?? [])];
  const namesWith = (i: number): boolean =>
    POSITION_WORDS.test(words[i] ?? '') &&
    words[i + 1] !== undefined &&
    catalogs.some((c) =>
      c.index.tags.some(
        (t) =>
          t.terms.has(stem(words[i] ?? '')) &&
          readingsOf(words[i + 1] ?? '').some((w) => w.split(/\s+/).every((x) => t.terms.has(stem(x)))),
      ),
    );
  const inPhrase = (i: number): boolean => namesWith(i) || catalogs.some((c) => inCatalogPhrase(c.index, words, i));
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (cues.alarm && !cues.priority && !inPhrase(i)) {
      const pair = `${word} ${words[i + 1] ?? ''}`;
      // "high-priority" is one word of the question and the thesaurus' "high priority".
      const value = vocabulary.priorities.get(pair) ?? vocabulary.priorities.get(word.replace(/-/g, ' '));
      // "p1" is a priority word and, in most plants, pump P1: an identifier the catalog knows is the pump.
      // It is the pump only where a tag carries that identifier together with the other identifiers named ("p2 alarms in
      // DMA02": no P2 in DMA02, so priority 2).
      const idKey = (w: string): string => w.replace(/^([a-z]+)[_-]?0*(\d+)$/, '$1$2');
      const others = words.filter((w, j) => j !== i && /^[a-z]+[_-]?\d+$/.test(w) && !vocabulary.priorities.has(w)).map(idKey);
      const catalogId =
        /\d/.test(word) && catalogs.some((c) => c.index.tags.some((t) => t.terms.has(idKey(word)) && others.every((o) => t.terms.has(o))));
      // "high level alarm", "high pressure alarms": before a measurement the catalog knows, the word says which limit, not a priority.
      const next = words[i + 1] ?? '';
      const limitWord =
        !/\d/.test(next) &&
        [next, ...(vocabulary.terms.get(next) ?? [])].some((w) =>
          catalogs.some((c) => w.split(/\s+/).every((x) => c.index.vocabulary.has(stem(x)))),
        );
      const side = value !== undefined ? alarmSideWord(words, i, limitWord) : undefined;
      if (side) return { kind: 'decline', reason: side };
      // "p1 alarms" with no station named: priority 1, or pump P1 of every station that has one; either is a guess.
      if (value !== undefined && catalogId && others.length === 0 && !/^(?:pumps?|pmps?)$/.test(words[i - 1] ?? ''))
        return {
          kind: 'decline',
          reason: `I could not place "${word}": priority ${value} or pump ${word.toUpperCase()} of any station? Say "priority ${value} alarms", or name the pump's station`,
        };
      if (value !== undefined && !catalogId && !(limitWord && !vocabulary.priorities.has(pair))) {
        const two = vocabulary.priorities.has(pair);
        cues.priority = { word: two ? pair : word, value };
        if (two) i += 1;
        else if (words[i + 1] === 'priority' || words[i + 1] === 'prio') i += 1;
        continue;
      }
    }
    if (word === 'priority' && cues.priority) continue;
    // "mean of the readings", "arithmetic mean/average": the arithmetic mean of the stored rows, not of the signal.
    const readings = READINGS_MEAN_RE.exec(words.slice(i, i + 5).join(' '));
    if (!inPhrase(i) && readings) {
      if (!cues.fns.includes('mean')) cues.fns.push('mean');
      i += readings[0].split(' ').length - 1;
      continue;
    }
    const fn = inPhrase(i) ? undefined : AGG_WORDS[word];
    if (fn) {
      if (!cues.fns.includes(fn)) cues.fns.push(fn);
      continue;
    }
    if (COMPARE_RE.test(word)) compareWords += 1;
    if (/^(and|vs|versus|against|with|to)$/.test(word) && sides[0].length > 0) side = 1;
    if (
      /^(alarm(?:s|ed|ing)?|alerts?|trips?|noisiest|noisy|frequent|common|chattering|tally|clear|cleared|clearing|mttc|mean|take|took|active|acknowledged|still|yet|any|open|outstanding|history|histories|journal|log|events?)$/.test(
        word,
      ) &&
      cues.alarm
    )
      continue;
    // A filler word the thesaurus says some part of the plan must take up ("per", "each") goes on to be checked.
    if (FILLER.has(word) && !vocabulary.placed.has(word)) continue;
    content.push(word);
    sides[side === 0 ? 0 : 1].push(word);
  }
  cues.compare = compareWords > 0;
  cues.entityWords = content;
  const tokens = tokenize(content).map((token) => withAlternatives(token, vocabulary));
  // "P1 vs P2", "hi-lift P1 P2 P3": two or more numbers of one family compare those things.
  const families = new Map<string, number>();
  for (const token of tokens) if (token.id) families.set(token.id.letters, (families.get(token.id.letters) ?? 0) + 1);
  if ([...families.values()].some((count) => count >= 2)) cues.compare = true;
  // "which PRV was most open", "hottest RTU panel": a superlative over a group asks which member.
  if (SUPERLATIVE_RE.test(text)) cues.rank = true;
  const followUp = tokens.length === 0 && previous !== undefined;
  if (tokens.length === 0 && !cues.alarm) {
    return { kind: 'decline', reason: 'I could not find a tag, asset or measurement in the question', followUp };
  }
  // A thesaurus form that ends in s is a plural only when its singular is a word too ("lvls", not "pres" of pressure).
  const word = (w: string): boolean => knownOf(catalogs).known.has(w) || vocabulary.terms.has(w) || vocabulary.rewrite.has(w);
  const singularForm = (w: string): boolean => vocabulary.terms.has(w) && !word(w.slice(0, -1));
  if (tokens.length > 0 && cues.plural === false)
    cues.plural = content.some((w) => (/[a-z]{3,}s$/.test(w) && !/ss$/.test(w) && !/us$/.test(w) && !singularForm(w)) || plurals.has(w));

  const sideTokens = sides.map((words) => tokenize(words).map((t) => withAlternatives(t, vocabulary))) as [QueryToken[], QueryToken[]];
  let amountNote: string | undefined;
  type Best = { catalog: PlannerCatalog; tags: IndexedTag[]; multiId: boolean; tokens: QueryToken[]; ignored: string[]; held?: string[] };
  let best: Best | undefined;
  let failure: Planned | undefined;
  for (const catalog of catalogs) {
    if (tokens.length === 0) {
      best = { catalog, tags: [], multiId: false, tokens: [], ignored: [] };
      break;
    }
    if (shapeCue?.kind === 'correlation' && sides[1].length > 0) {
      const pair = linkPair(catalog.index, sideTokens, vocabulary, verbal);
      if (pair) {
        // The words neither side placed still go to the placed-word contract ("... last week after the refill").
        const rest = placeTokens(catalog.index, tokens, vocabulary, verbal);
        best = { catalog, tags: pair, multiId: true, tokens, ignored: rest.ignored, held: rest.held };
        break;
      }
    }
    const placed = placeTokens(catalog.index, tokens, vocabulary, verbal);
    if (placed.blocking.length > 0) {
      failure ??= {
        kind: 'decline',
        reason: `I did not understand ${placed.blocking.map((w) => `"${w}"`).join(', ')}: no tag, asset or description matches, and it stands where a tag or measurement is named`,
      };
      continue;
    }
    if (placed.unplaced.length > 0) {
      failure ??= {
        kind: 'decline',
        reason: `I could not place ${placed.unplaced.map((w) => `"${w}"`).join(', ')}: it changes what is asked, and the quick planner has no way to apply it to this question`,
      };
      continue;
    }
    const useful = placed.tokens;
    if (catalogAsk && useful.length > 0) {
      const listed = planCatalog({
        index: catalog.index,
        source: catalog.source.name,
        tokens: useful,
        cue: catalogAsk.cue,
        hasSites: catalog.source.historian?.assets?.site !== undefined,
        window: makeWindow(ctx.now, ctx.now, ctx.timezone, 'the catalog, no time window'),
      });
      if (listed?.kind === 'plan') return unplacedDecline(listed, placed, vocabulary) ?? listed;
      if (listed) {
        failure ??= listed;
        continue;
      }
    }
    if (useful.length === 0 && !cues.alarm) {
      failure ??= {
        kind: 'decline',
        reason: `I could not find a tag, asset or measurement for ${placed.ignored.map((w) => `"${w}"`).join(', ') || 'the question'}`,
      };
      continue;
    }
    // "which tank", "rank ...", "all tanks", "each reservoir": a group is asked for, not the single most specific tag.
    // So is a run-hours ranking over a kind named without an identifier ("least used pump", "pump ran the longest").
    const group = /\bwhich\b|\brank(?:ing|ed)?\b/.test(original) || cues.plural || (cues.rank && cues.run && useful.every((t) => !t.id));
    let linked = useful.length === 0 ? ({ kind: 'ok', tags: [], multiId: false } as const) : linkEntities(catalog.index, useful, group);
    // "wtp out ph + raw ph": one side's words lost to the other side's tag; each side linked on its own (conjoined-things.ts).
    const both =
      shapeCue?.kind !== 'correlation' && linked.kind === 'ok' && conjoinedTags(catalog.index, sideTokens, linked.tags, vocabulary, verbal);
    if (both) linked = { kind: 'ok', tags: both, multiId: true };
    // "how much water went into T3", "how much did BPS02 pump": the volume of the named thing's flow on that side.
    const side = readFlowSide(original);
    const amount = side ? amountTags(catalog.index, useful, side) : null;
    // "how much did pump P1 at BPS02 pump": the pump measures no flow; its station's flow is the amount it took part in.
    const wider =
      side && !amount && useful.filter((t) => t.id).length > 1
        ? useful
            .filter((t) => t.id)
            .map((dropped) => ({
              dropped,
              tags: amountTags(
                catalog.index,
                useful.filter((t) => t !== dropped),
                side,
              ),
            }))
            .find((w) => w.tags !== null)
        : undefined;
    const volume = amount ?? wider?.tags ?? null;
    if (volume) {
      const counters = volume.filter((t) => t.info.dataType?.toLowerCase() === 'counter');
      linked = { kind: 'ok', tags: counters.length > 0 ? counters : volume, multiId: false };
      if (wider && linked.tags[0])
        amountNote = `${wider.dropped.text.toUpperCase()} has no flow tag; answered with ${linked.tags.map((t) => t.info.name).join(', ')}`;
    }
    // "how many litres did the dosing pump deliver", "hypo dosed last wk in m3": an amount of a thing named without an
    // identifier is its flow's volume when the thing (the assets of the tags linked) has exactly one flow (DosingRate).
    if (!volume && linked.kind === 'ok' && linked.tags.length > 0 && AMOUNT_RE.test(original)) {
      const isRate = (t: IndexedTag): boolean => isVolumeFlow(t) && t.info.dataType?.toLowerCase() !== 'counter';
      // Only where nothing linked is an amount already (an energy meter, a totaliser, another rate such as kW).
      const amountLike = (t: IndexedTag): boolean => t.info.dataType?.toLowerCase() === 'counter' || rateUnit(t.info.unit) !== null;
      const direct = linked.tags.filter(isRate);
      const others = linked.tags.filter((t) => !isRate(t));
      const assets = new Set(linked.tags.map((t) => t.info.asset ?? t.info.name));
      const rates = direct.length > 0 ? direct : catalog.index.tags.filter((t) => assets.has(t.info.asset ?? t.info.name) && isRate(t));
      if (rates.length === 1 && others.length > 0 && !others.some(amountLike)) linked = { kind: 'ok', tags: rates, multiId: false };
    }
    // "total flow" means the totaliser: when the best match is not a counter, try again with "total" as a word.
    if (cues.fns.includes('sum') && linked.kind === 'ok' && !linked.tags.every((t) => t.info.dataType === 'counter')) {
      const withTotal = linkEntities(catalog.index, [...useful, { text: 'total' }]);
      if (withTotal.kind === 'ok' && withTotal.tags.every((t) => t.info.dataType === 'counter')) linked = withTotal;
    }
    // "which reservoir was lowest": a bare storage kind means its level when the kind's tags measure several things.
    if (linked.kind === 'ok' && measurementsOf(linked.tags).length > 1) {
      const implied = useful.map((t) => (t.id ? undefined : KIND_DEFAULT_MEASUREMENT[stem(t.text)])).find((m) => m !== undefined);
      if (implied && !useful.some((t) => t.text === implied)) {
        const withMeasure = linkEntities(catalog.index, [...useful, { text: implied }], group);
        if (withMeasure.kind === 'ok' && measurementsOf(withMeasure.tags).length === 1) linked = withMeasure;
      }
    }
    // "energy used by bps03 pump 2 in MWh": the thing named has no such tag, but exactly one of its tags can be given
    // in the asked unit (its power, integrated): that, before a wider asset's measurement.
    if (linked.kind === 'fail' && askedUnit.asked) {
      const ids = useful.filter((t) => t.id);
      const asset = ids.length > 0 ? linkEntities(catalog.index, ids, true) : null;
      const fit = asset?.kind === 'ok' ? asset.tags.filter((t) => fitsAskedUnit(t.info.unit, askedUnit.asked!)) : [];
      if (fit.length === 1) linked = { kind: 'ok', tags: fit, multiId: false };
    }
    if (linked.kind === 'fail') {
      // "average flow of pump 1 at BPS03": the pump measures no flow; its station's flow is the nearest answer.
      const nearest = nearestMeasurement(catalog.index, useful);
      if (nearest?.kind === 'one') {
        const chosen = chooseOperation({ catalog, tags: [nearest.tag], tokens: useful, multiId: false, cues, time: planTime, ctx });
        // The words placed so far must be taken up by this plan too ("flow of pump 1 at BPS03 per pump": no).
        const unplaced = chosen.kind === 'plan' ? unplacedDecline(chosen, placed, vocabulary) : null;
        if (unplaced) return unplaced;
        // So must its statistic ("typical flow of pump 2 right now": the station's flow now is no typical value).
        const statistic =
          chosen.kind === 'plan' ? (untakenStatisticDecline(text, chosen) ?? untakenLimitDecline(original, chosen, limitSaid)) : null;
        if (statistic) return statistic;
        if (chosen.kind === 'plan') return inAskedUnit({ ...chosen, notes: [...(chosen.notes ?? []), nearest.note], followUp: false });
      }
      if (nearest?.kind === 'several' && !failure) failure = askBack(nearest.reason, nearest.tags, original, content);
    }
    // "clearwell pump alarms": the clearwell's tags and the pumps' tags, though no tag is both, unless two things are
    // compared ("suction vs discharge"; disjoint-words.ts).
    const apart = linked.kind === 'ok' && !cues.compare ? disjointWords(catalog.index, useful, linked.tags) : null;
    if (apart) {
      failure ??= disjointDecline(apart);
      continue;
    }
    if (linked.kind === 'ok' && (!best || linked.tags.length < best.tags.length || best.tags.length === 0))
      best = { catalog, tags: [...linked.tags], multiId: linked.multiId, tokens: useful, ignored: placed.ignored, held: placed.held };
    else if (linked.kind === 'fail' && !failure) failure = { kind: 'decline', reason: linked.reason };
  }
  if (!best) return failure ?? { kind: 'decline', reason: 'no tag matches the question' };
  const state = cues.alarm ? unknownAlarmState(best.ignored, original) : undefined;
  if (state)
    return {
      kind: 'decline',
      reason: `I could not place "${state}": the alarm journal records when alarms were raised, acknowledged and cleared, nothing else`,
    };
  // "T2 res": a short form with two readings the catalog both has there is asked back (reading-ambiguity.ts).
  const split = ambiguousReading(best.tokens, best.catalog.index.tags);
  if (split) return askBack(readingQuestion(split), readingTags(split), original, content);
  const chosen = chooseOperation({
    catalog: best.catalog,
    tags: askedUnit.asked ? narrowToAskedUnit(best.tags, askedUnit.asked) : best.tags,
    tokens: best.tokens,
    multiId: best.multiId,
    cues,
    time: planTime,
    ctx,
  });
  // A word no part of the plan took up, and not known harmless, stops the plan (unplaced-words.ts).
  const unplaced = chosen.kind === 'plan' ? unplacedDecline(chosen, { ignored: best.ignored, held: best.held ?? [] }, vocabulary) : null;
  if (unplaced) return unplaced;
  // So must the limit and the time asked ("which dates ... exceed 15 NTU" is no day ranked by its maximum).
  const statistic =
    chosen.kind === 'plan' ? (untakenStatisticDecline(text, chosen) ?? untakenLimitDecline(original, chosen, limitSaid)) : null;
  if (statistic) return statistic;
  if (chosen.kind === 'plan' && corrections.length > 0) chosen.understood = `${chosen.understood} (read ${corrections.join(', ')})`;
  if (chosen.kind === 'plan' && amountNote) chosen.notes = [...(chosen.notes ?? []), amountNote];
  return inAskedUnit({ ...chosen, followUp });
}

/** A plan in the unit its result was asked in; anything else as it is. */
function withAskedUnit(result: Planned, asked: AskedUnit): Planned {
  if (result.kind !== 'plan') return result;
  const converted = applyAskedUnit(stripFollowUp(result) as Plan, asked);
  return result.followUp === undefined ? converted : { ...converted, followUp: result.followUp };
}

const unitsOfCatalogs = new WeakMap<readonly PlannerCatalog[], ReadonlySet<string>>();
/** The units the catalogs' tags are measured in, lower case. */
function catalogUnits(catalogs: readonly PlannerCatalog[]): ReadonlySet<string> {
  let units = unitsOfCatalogs.get(catalogs);
  if (!units) {
    units = new Set(catalogs.flatMap((c) => c.index.tags.map((t) => (t.info.unit ?? '').toLowerCase()).filter((u) => u !== '')));
    unitsOfCatalogs.set(catalogs, units);
  }
  return units;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A month or weekday name in the rest of the question that the window read does not cover; undefined when none. */
function strayCalendarWord(rest: string, window: TimeParse['window'] | undefined, timezone: string): string | undefined {
  for (const word of rest.split(/[^a-z]+/)) {
    // "may" is a month only beside a day number ("3 may"); otherwise it asks permission.
    const month = word === 'may' && !/\d\s*may\b|\bmay\s*\d/.test(rest) ? undefined : MONTHS[word];
    const weekday = WEEKDAYS.findIndex(
      (d) => word.length >= 3 && d.startsWith(word) && (word.length >= 6 || /^(?:mon|tue|tues|wed|thu|thur|thurs|fri)$/.test(word)),
    );
    if (month === undefined && weekday < 0) continue;
    if (!window) return word;
    const from = new Date(window.from);
    const last = new Date(Math.max(from.getTime(), Date.parse(window.to) - 1));
    const [a, b] = [toWall(from, timezone), toWall(last, timezone)];
    if (month !== undefined) {
      const covered = a.month === month || b.month === month || (a.month < month && month < b.month);
      if (!covered) return word;
    } else {
      const days = (last.getTime() - from.getTime()) / 86_400_000;
      if (days < 6 && isoWeekday(a) - 1 !== weekday && isoWeekday(b) - 1 !== weekday) return word;
    }
  }
  return undefined;
}

/** The thesaurus' alternatives of a word token ("cl2" -> chlorine; "clear_well", a joined phrase, -> clearwell). */
function withAlternatives(token: QueryToken, vocabulary: Vocabulary): QueryToken {
  const key = token.text.replace(/_/g, ' ');
  // "cl2" looks like an identifier but the thesaurus knows it as a word.
  if (token.id && !(token.id.word === undefined && vocabulary.terms.has(key))) return token;
  const alternatives = vocabulary.terms.get(key) ?? vocabulary.terms.get(stem(key));
  if (!alternatives) return token;
  // One step further along the thesaurus: "vol" -> volume -> the flow totaliser or a stored volume.
  const chained = alternatives.flatMap((alt) => [alt, ...(alt !== key ? (vocabulary.terms.get(alt) ?? []) : [])]);
  return { text: token.text, alts: [...new Set(chained)].map((alt) => alt.split(/\s+/).map(stem)) };
}
