// A count of values asked ("top 3", "the three highest flows", "5 biggest") that the chosen plan does not apply: one tag's
// aggregate gives the one maximum, not the three highest readings. Named, instead of answered with the count dropped.
import type { Decline, Plan } from './plan.ts';

/** The number of results the plan's operation gives, when it applies one (a ranking, a list, a top few). */
function limitOf(plan: Plan): number | undefined {
  const op = plan.operation as { limit?: unknown; rank?: { limit?: unknown } };
  if (typeof op.limit === 'number') return op.limit;
  if (typeof op.rank?.limit === 'number') return op.rank.limit;
  return undefined;
}

/** A decline when the question asked for `count` (two or more) results and the plan applies no such limit; else null. */
export function untakenCountDecline(plan: Plan, count: number | undefined): Decline | null {
  if (count === undefined || count < 2 || limitOf(plan) !== undefined) return null;
  return {
    kind: 'decline',
    reason:
      `I could not place "${count}": the ${plan.operation.kind} answer gives no ${count} values to rank, and answering without the count would answer another question. ` +
      `Without it I would answer: ${plan.understood}`,
  };
}
