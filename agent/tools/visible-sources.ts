// The part of every source a principal may see: the guard's filter, applied the same way by every tool.
import type { SourceDescription } from '../../connectors/connector.ts';
import type { Principal } from '../../core/principal.ts';
import type { Guard } from '../../policies/decision.ts';

/** Sources filtered for the principal; sources with nothing visible are dropped. */
export function visibleSources(sources: readonly SourceDescription[], guard: Guard, principal: Principal): SourceDescription[] {
  return sources.map((s) => guard.filterDescription(principal, s)).filter((s) => s.tables.length > 0);
}
