// What the agent tools share for one question: who asks, the evidence context, the guarded SQL path and its outcomes.
import type { AuditContext, AuditLog } from '../../audit/audit-record.ts';
import type { Connector, SourceDescription } from '../../connectors/connector.ts';
import type { Principal } from '../../core/principal.ts';
import type { Guard } from '../../policies/decision.ts';
import type { Answer, ResolvedWindow } from '../answer.ts';
import type { GuardedSqlOutcome } from '../guarded-sql.ts';

/** Long-lived dependencies, built once by the composition root. */
export interface AgentToolDeps {
  /** Full source descriptions; every tool filters them for the principal through `guard.filterDescription`. */
  sources: readonly SourceDescription[];
  connectors: ReadonlyMap<string, Connector>;
  guard: Guard;
  audit: AuditLog;
  /** Plant time zone (IANA), used for buckets of the tag tools. */
  timezone: string;
  /** Rows of a result shown to the model (default 50); the user's answer still carries the whole bounded result. */
  maxRowsToModel?: number;
  /** Statement timeout for agent SQL, ms (default: the connector's). */
  sqlTimeoutMs?: number;
}

/** One question's context. */
export interface ToolContext {
  principal: Principal;
  auditContext: AuditContext;
  signal?: AbortSignal;
  /** The question's reference time ("now" of relative windows, the latest value's instant). */
  now?: Date;
  /** Called after every guarded SQL run (ok or denied), so the agent can build the answer from the last good one. */
  onSql?: (event: SqlEvent) => void;
}

export type SqlEvent =
  /** `rendered`: the planner's answer for a plan-built query (sentence, chart, notes), when the plan tool ran it. */
  | { kind: 'outcome'; tool: string; outcome: GuardedSqlOutcome; window?: ResolvedWindow; rendered?: Answer }
  | { kind: 'error'; tool: string; source: string; sql: string; message: string };

/** The names of the tools whose calls reach a connector: they are guarded and audited inside runGuardedSql. */
export const SQL_TOOLS: ReadonlySet<string> = new Set(['run_sql', 'tag_history', 'tag_stats', 'plan_query']);
