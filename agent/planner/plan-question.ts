// planQuestion: question text -> Plan | Decline | Ambiguous, from the tag catalog alone (no model, no I/O).
import { askedKindDecline } from './asked-kind.ts';
import type { ConversationTurn } from '../answer.ts';
import { AGAIN_WORDS, followUpQuestion } from './follow-up.ts';
import { ambiguousReading, readingQuestion, readingTags } from './reading-ambiguity.ts';
import { chooseOperation } from './choose-operation.ts';
import { normalizeQuestion } from './normalize-question.ts';
import type { PlanResult } from './plan.ts';
import { askBack } from './ask-back.ts';
import { resolveTime } from './time-window.ts';
import { AGG_WORDS } from './question-lexicon.ts';
import { buildVocabulary } from './vocabulary.ts';
import { unknownAlarmState } from './alarm-state.ts';
import { narrowToAskedUnit } from './asked-unit.ts';
import { timeOf, type PlanContext, type PlannerCatalog } from './planner-catalog.ts';
import { inAskedUnit, stripFollowUp, type Planned } from './planned.ts';
import { untakenDecline } from './taken-up.ts';
import { beyondPlannerDecline, readQuestionText, type PlanPass } from './question-text.ts';
import { readShapeAndTime, type ShapeAndTime } from './shape-and-time.ts';
import { readCues, type CueReading } from './question-cues.ts';
import { readContentWords, type ContentWords } from './content-words.ts';
import { linkAcrossCatalogs, type Linking } from './catalog-linking.ts';

export { buildCatalogs, type PlanContext, type PlannerCatalog } from './planner-catalog.ts';

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

/** The statistics a follow-up may swap ("and the min?" after "max discharge pressure bps03 yday"). */
const SWAPPED_STATISTICS = new Set(['avg', 'min', 'max']);
const statisticWords = (text: string): string[] => (text.match(/[a-z]+/g) ?? []).filter((w) => SWAPPED_STATISTICS.has(AGG_WORDS[w] ?? ''));

/**
 * The follow-up's words plus the previous question: without its time expression when the follow-up names a period
 * ("and the day before?"), with it when not ("and the min?": the same window); without its statistic when the
 * follow-up names another one.
 */
function mergeFollowUp(previousQuestion: string, followUp: string, catalogs: readonly PlannerCatalog[], ctx: PlanContext): string {
  const read = (text: string): string =>
    normalizeQuestion(text, { synonyms: ctx.synonyms, shifts: ctx.shifts, ...(catalogs[0] ? { vocabulary: catalogs[0].vocabulary } : {}) });
  const before = read(previousQuestion);
  const after = read(followUp);
  const ownTime = resolveTime(after, timeOf(ctx));
  const time = ownTime ? resolveTime(before, timeOf(ctx)) : null;
  let kept = time?.rest ?? before;
  const asked = statisticWords(ownTime?.rest ?? after);
  if (asked.length > 0) {
    const dropped = new Set(statisticWords(kept).filter((w) => !asked.includes(w)));
    kept = kept.replace(/[a-z]+/g, (w) => (dropped.has(w) ? ' ' : w));
  }
  // "same for last week": the words that only say "the same question again" ask nothing of their own.
  const own = followUp.replace(/[\p{L}]+/gu, (w) => (AGAIN_WORDS.has(w.toLowerCase()) ? ' ' : w));
  return `${own.trim()} ${kept.trim()}`;
}

/**
 * One pass over a question, stage by stage: its text, what no plan computes, its shape and time, its other cues, its
 * content words, the tags they link to in each catalog, and the operation chosen for the best linking.
 */
function planOnce(
  question: string,
  catalogs: readonly PlannerCatalog[],
  ctx: PlanContext,
  previous: ConversationTurn | undefined,
  readings: Map<string, string>,
): Planned {
  const vocabulary = catalogs[0]?.vocabulary ?? buildVocabulary();
  const indexes = catalogs.map((c) => c.index);
  const { text: original, ...read } = readQuestionText(question, catalogs, indexes, ctx, vocabulary, readings);
  const pass: PlanPass = { ...read, question, original, catalogs, indexes, ctx, previous, vocabulary };
  // A journal that records a trip condition ("TRIP", "Pump Trip") takes "trip alarms" as that condition.
  const tripRecorded = catalogs.some((c) => (c.source.alarmConditions ?? []).some((name) => /trip/i.test(name)));
  const beyond = beyondPlannerDecline(original, question, ctx, tripRecorded);
  if (beyond) return beyond;
  const frame = readShapeAndTime(pass, original);
  if ('kind' in frame) return frame;
  const reading = readCues(pass, frame);
  if ('kind' in reading) return reading;
  const words = readContentWords(pass, reading.cues, reading.text);
  if ('kind' in words) return words;
  const linking = linkAcrossCatalogs(pass, frame, reading, words);
  if ('planned' in linking) return linking.planned;
  return planBest(pass, frame, reading, words, linking);
}

/** The operation chosen for the best linking, once the words, the statistic and the limit asked are all taken up. */
function planBest(pass: PlanPass, frame: ShapeAndTime, reading: CueReading, words: ContentWords, linking: Linking): Planned {
  const { original, ctx, corrections } = pass;
  const { cues, asked } = reading;
  const { best, failure, amountNote } = linking;
  if (!best) return failure ?? { kind: 'decline', reason: 'no tag matches the question' };
  const state = cues.alarm ? unknownAlarmState(best.ignored, original) : undefined;
  if (state)
    return {
      kind: 'decline',
      reason: `I could not place "${state}": the alarm journal records when alarms were raised, acknowledged and cleared, nothing else`,
    };
  // "T2 res": a short form with two readings the catalog both has there is asked back (reading-ambiguity.ts).
  const split = ambiguousReading(best.tokens, best.catalog.index.tags);
  if (split) return askBack(readingQuestion(split), readingTags(split), original, words.content);
  const chosen = chooseOperation({
    catalog: best.catalog,
    tags: asked ? narrowToAskedUnit(best.tags, asked) : best.tags,
    tokens: best.tokens,
    multiId: best.multiId,
    cues,
    time: frame.time,
    ctx,
  });
  // "now vs 24 h ago" compares a value at two moments; a plan of any other kind would drop the earlier one.
  const against = frame.time?.against;
  if (against && chosen.kind === 'plan' && chosen.operation.kind !== 'at')
    return {
      kind: 'decline',
      reason: `the question compares now with ${frame.time?.window.label.replace(/^now against /, '').replace(/\s*\(.*\)$/, '')}: only a value at the two moments is compared that way; name two periods to compare anything else, e.g. "today vs yesterday"`,
    };
  // A word no part of the plan took up, the statistic, the limit or the count said, stops the plan (taken-up.ts).
  const untaken = chosen.kind === 'plan' ? untakenDecline(chosen, { ignored: best.ignored, held: best.held ?? [] }, pass, reading) : null;
  if (untaken) return untaken;
  const wrongKind = chosen.kind === 'plan' ? askedKindDecline(chosen, original, best.tokens, best.catalog.index.tags) : null;
  if (wrongKind) return wrongKind;
  // "which DMA had the most customer complaints": no choice of tags takes up a word no tag knows; it is named instead.
  if (chosen.kind === 'ambiguous' && best.ignored.length > 0) return unknownWordsDecline(best.ignored);
  if (chosen.kind === 'plan' && corrections.length > 0) chosen.understood = `${chosen.understood} (read ${corrections.join(', ')})`;
  if (chosen.kind === 'plan' && amountNote) chosen.notes = [...(chosen.notes ?? []), amountNote];
  return inAskedUnit({ ...chosen, followUp: words.followUp }, original, asked);
}

/** The decline of an ask-back whose question holds words no tag, asset or description knows: each choice would drop them. */
function unknownWordsDecline(words: readonly string[]): Planned {
  const named = [...new Set(words)].map((w) => `"${w}"`).join(', ');
  return {
    kind: 'decline',
    reason: `I could not place ${named}: no tag, asset or description matches, so no choice of tags would answer the question as asked`,
  };
}
