// "Is T1 level up or down since monday", "cw01 lvl change since midnight": the change of a signal since a point in time
// is the value in force now against the value in force at that point (both given, and their difference), not an
// average over the time since.
import type { Plan } from './plan.ts';

/** A window that starts at a point named with "since" ("since monday", "since 6 this morning", "since 1 oct"). */
const SINCE_RE = /\bsince\b/;

/** Words asking how a value moved: its direction or its change. */
const MOVED_RE =
  /\b(?:up or down|down or up|higher or lower|lower or higher|(?:gone|go|went|going|come|came) (?:up|down)|up since|down since|risen|rise[ns]?|rose|rising|fallen|falls?|fell|falling|drop(?:ped|s|ping)?|increase[ds]?|decrease[ds]?|change[ds]?|delta|diff(?:erence)?|moved|trend(?:ing)?|climb(?:ed|ing)?|gained|lost)\b/;

/**
 * The plan of a change since a point: the value at the window's start (`first`, the value in force then), at its end
 * (`last`, now) and their difference (`delta`). Counters keep their change alone (what they counted since), and a plan
 * that is not one statistic over the window is left as it is.
 */
export function changeSincePoint(plan: Plan, question: string): Plan {
  const op = plan.operation;
  if (op.kind !== 'aggregate' || op.when) return plan;
  const text = question.toLowerCase();
  if (!SINCE_RE.test(text) || !MOVED_RE.test(text)) return plan;
  if (plan.tags.some((t) => t.dataType?.toLowerCase() === 'counter' || t.dataType?.toLowerCase() === 'status')) return plan;
  if (op.fns.some((fn) => fn === 'integral' || fn === 'sum' || fn === 'count')) return plan;
  return { ...plan, operation: { kind: 'aggregate', fns: ['first', 'last', 'delta'] } };
}
