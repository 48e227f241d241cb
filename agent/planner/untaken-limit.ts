// A limit or a duration the question asks for that the plan's operation does not compute: "which dates did turbidity
// exceed 15 NTU" planned as the day with the highest value, "how long was T2 above hi" planned as T2's maximum.
// Answering would answer another question with confidence, so the plan stops, naming the words.
import type { Decline, Plan } from './plan.ts';
import { comparisonWords } from './comparator-words.ts';
import type { ThresholdCue } from './threshold-expression.ts';

/** Operations that compare with a limit: its stretches, its crossings, the time together (a state), run-hours (a state). */
const TAKES_A_LIMIT: ReadonlySet<Plan['operation']['kind']> = new Set(['threshold', 'crossing', 'together', 'run-hours']);

/** Operations whose answer is a value of the signal, never a time. */
const VALUE_ANSWERS: ReadonlySet<Plan['operation']['kind']> = new Set([
  'aggregate',
  'latest',
  'at',
  'series',
  'rank',
  'compare',
  'total',
  'bucket-rank',
  'change',
]);

/** "how long", "for how much time", "duration", "% of the time", "time spent": a time asked of the signal's state. */
const DURATION_ASKED_RE =
  /\b(?:how\s+(?:long|lng)(?!\s+ago)|how\s+much\s+(?:of\s+the\s+)?time|duration|time\s+spent|(?:percent(?:age)?|share|proportion|fraction)\s+of\s+(?:the\s+)?time)\b|%\s+(?:of\s+(?:the\s+)?)?time\b/;

/**
 * A bare "hours" beside a statistic of the value ("T1 lvl hi yday hrs"): a time is asked, not a level. Not after a number
 * or a period word ("last 24 hours", "per hour"), nor the hours of running or a counter ("run hours", "hours counter").
 */
const BARE_HOURS_RE =
  /(?<!\b(?:\d+(?:[.,]\d+)?|last|past|next|few|per|each|every|run|running|operating|the|of|in)\s*)\b(?:hours|hrs|hr)\b(?!\s*(?:counter|meter|run|ago)\b)/;
const VALUE_STATISTICS = new Set(['max', 'min', 'avg', 'mean']);
/**
 * A length a stretch must have ("for more than 10 minutes", "longer than 1h", "lasting 2+ hrs", "10+ min"): a condition on
 * the stretches that no plan applies (every stretch would be counted), named instead.
 */
const LASTING_RE =
  /\b(?:(?:for|lasting|lasted)\s+(?:(?:more|longer|long)\s+than\s+|over\s+|at\s+least\s+|above\s+)?|(?:longer|long|more)\s+than\s+|at\s+least\s+)\d+(?:[.,]\d+)?\s*\+?\s*(?:h|hours?|hrs?|minutes?|mins?|min)\b(?!\s+ago)|\b\d+(?:[.,]\d+)?\s*(?:\+\s*(?:h|hours?|hrs?|minutes?|mins?|min)\b|(?:h|hours?|hrs?|minutes?|mins?|min)\s*(?:\+|or\s+(?:more|longer)\b|plus\b))/;

/**
 * The decline for a plan that leaves out the limit or the duration asked; null when it takes up both. `question` is the
 * normalized question, `limit` the comparison read out of it (a number, or a catalog limit's words).
 */
export function untakenLimitDecline(question: string, plan: Plan, limit: { threshold?: ThresholdCue; words?: string }): Decline | null {
  const kind = plan.operation.kind;
  const cue = limit.threshold;
  const said =
    limit.words ??
    (cue ? comparisonWords(cue.comparator, String(cue.value), cue.upper === undefined ? undefined : String(cue.upper)) : undefined);
  if (said !== undefined && !TAKES_A_LIMIT.has(kind))
    return {
      kind: 'decline',
      reason: `I could not place "${said.trim()}": the ${kind} answer compares with no limit, and answering without it would answer another question. Without it I would answer: ${plan.understood}`,
    };
  const lasting = kind === 'threshold' || kind === 'crossing' ? LASTING_RE.exec(question) : null;
  if (lasting)
    return {
      kind: 'decline',
      reason: `I could not place "${lasting[0].replace(/\s*(?:h|hours?|hrs?|minutes?|mins?|min)\b.*$/, '').trim()}": a length the stretches must have is not applied (every stretch would be counted); ask for the stretches and read their lengths. Without it I would answer: ${plan.understood}`,
    };
  const op = plan.operation;
  const statistic = op.kind === 'aggregate' && op.fns.length > 0 && op.fns.every((fn) => VALUE_STATISTICS.has(fn));
  const duration =
    VALUE_ANSWERS.has(kind) || kind === 'crossing'
      ? (DURATION_ASKED_RE.exec(question) ?? (statistic ? BARE_HOURS_RE.exec(question) : null))
      : null;
  // "when did T1 first exceed 5.2 m, and for how long": a crossing is a moment; the one stretch it starts is not computed.
  if (duration && kind === 'crossing')
    return {
      kind: 'decline',
      reason: `"${duration[0]}" asks for the time of one stretch, and the crossing answer gives only the moment it began; ask "how long was it above ..." for every stretch (each with its start). Without it I would answer: ${plan.understood}`,
    };
  if (duration)
    return {
      kind: 'decline',
      reason: `"${duration[0]}" asks for a time, and the ${kind} answer gives values; say the limit, e.g. "how long was it above 4 m" or "above its high alarm limit". Without it I would answer: ${plan.understood}`,
    };
  return null;
}
