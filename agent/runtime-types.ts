// The running otq instance as channels see it (CLI, HTTP, bots, reports): built once by the composition root.
import type { AuditContext, AuditLog } from '../audit/audit-record.ts';
import type { Connector, SourceDescription } from '../connectors/connector.ts';
import type { Principal } from '../core/principal.ts';
import type { Guard } from '../policies/decision.ts';
import type { Answer, AskRequest } from './answer.ts';
import type { LoadedConfig } from './config/load-config.ts';
import type { OtqConfig } from './config/config-schema.ts';
import type { GuardedSqlOutcome, GuardedSqlRequest } from './guarded-sql.ts';

export interface Runtime {
  readonly loaded: LoadedConfig;
  readonly config: OtqConfig;
  readonly connectors: ReadonlyMap<string, Connector>;
  readonly guard: Guard;
  readonly audit: AuditLog;
  /** The principal for a configured user id, or undefined when the user is not configured. */
  principalFor(userId: string): Principal | undefined;
  /** Answers a question: quick planner first, then the model, else a message saying how to configure one. */
  ask(request: AskRequest): Promise<Answer>;
  /** Guarded, audited SQL (no model). */
  runSql(principal: Principal, context: AuditContext, request: GuardedSqlRequest): Promise<GuardedSqlOutcome>;
  /** Sources, tables and tags this principal may see. */
  catalog(principal: Principal): Promise<SourceDescription[]>;
  close(): Promise<void>;
}
