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
  const duration = VALUE_ANSWERS.has(kind) ? DURATION_ASKED_RE.exec(question) : null;
  if (duration)
    return {
      kind: 'decline',
      reason: `"${duration[0]}" asks for a time, and the ${kind} answer gives values; say the limit, e.g. "how long was it above 4 m" or "above its high alarm limit". Without it I would answer: ${plan.understood}`,
    };
  return null;
}
