// What a plan means, as one comparable value: the metamorphic checks (a question re-asked in other words, or with one
// thing swapped) compare these, never the wording of `understood`.
import type { Plan, PlanResult } from '../../agent/planner/plan.ts';

/** The meaning of a planner result: source, tags, window, operation and asked unit; a decline or ask-back by its kind. */
export interface PlanKey {
  kind: PlanResult['kind'];
  source?: string;
  tags?: string[];
  from?: string;
  to?: string;
  operation?: string;
  scale?: string;
  candidates?: string[];
}

/** A shift-log thing's forms are alternatives (a note naming any one of them matches): their order means nothing. */
function meaningOf(operation: Plan['operation']): Plan['operation'] {
  if (operation.kind !== 'shift-log' || !operation.things) return operation;
  return { ...operation, things: operation.things.map((forms) => [...forms].sort()) };
}

export function planKey(result: PlanResult): PlanKey {
  if (result.kind === 'decline') return { kind: 'decline' };
  if (result.kind === 'ambiguous') return { kind: 'ambiguous', candidates: [...result.candidates].sort() };
  return {
    kind: 'plan',
    source: result.source,
    tags: result.tags.map((t) => t.name),
    from: result.window.from,
    to: result.window.to,
    operation: JSON.stringify(meaningOf(result.operation)),
    ...(result.scale ? { scale: result.scale.text } : {}),
  };
}

/** The parts in which two keys differ ("tags", "window", "operation", ...); empty when the plans mean the same. */
export function keyDifferences(a: PlanKey, b: PlanKey): string[] {
  if (a.kind !== b.kind) return ['kind'];
  const parts: string[] = [];
  if (a.source !== b.source) parts.push('source');
  if (JSON.stringify(a.tags) !== JSON.stringify(b.tags)) parts.push('tags');
  if (a.from !== b.from || a.to !== b.to) parts.push('window');
  if (a.operation !== b.operation) parts.push('operation');
  if (a.scale !== b.scale) parts.push('scale');
  if (JSON.stringify(a.candidates) !== JSON.stringify(b.candidates)) parts.push('candidates');
  return parts;
}
