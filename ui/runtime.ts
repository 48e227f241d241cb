// The running otq instance as channels see it (HTTP, bots, reports): built once by the composition root in app/.
import type { Answer, AskRequest } from '../agent/answer.ts';
import type { GuardedSqlOutcome, GuardedSqlRequest } from '../agent/guarded-sql.ts';
import type { AuditConfig } from '../audit/audit-config.ts';
import type { AuditContext, AuditLog } from '../audit/audit-record.ts';
import type { Connector, SourceDescription } from '../connectors/connector.ts';
import type { SourceConfig } from '../connectors/source-config.ts';
import type { Principal } from '../core/principal.ts';
import type { Guard } from '../policies/decision.ts';
import type { BotsConfig } from './bots/bot-config.ts';
import type { ReportDefinition } from './reports/report-config.ts';
import type { ServerConfig } from './server-config.ts';

/** The parts of otq.yaml that channels read; app/config/config-schema.ts composes the whole file from these slices. */
export interface ChannelConfig {
  /** The plant's IANA time zone, for display and for reports' schedules. */
  readonly timezone: string;
  readonly defaultUser: string;
  readonly users: Readonly<Record<string, { readonly roles: string[]; readonly displayName?: string | undefined }>>;
  readonly server: ServerConfig;
  readonly sources: Readonly<Record<string, SourceConfig>>;
  readonly egress: { readonly allowedHosts: string[] };
  readonly audit: AuditConfig;
  readonly bots?: BotsConfig | undefined;
  readonly reports: ReportDefinition[];
}

export interface Runtime {
  readonly config: ChannelConfig;
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
  /** `context`: the request the catalog is read for (a row-filtered role's tags are read through the guard and audited under it). */
  catalog(principal: Principal, context?: AuditContext): Promise<SourceDescription[]>;
  close(): Promise<void>;
}
