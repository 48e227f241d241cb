// The per-request values every route reads (who is asking, through which channel) and the services a route needs.
import type { AuditContext, AuditKind, AuditRecord } from '../audit/audit-record.ts';
import type { Principal } from '../core/principal.ts';
import type { JsonValue } from '../core/json.ts';
import type { Context } from 'hono';
import type { Runtime } from './runtime.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { ResultStore } from './result-store.ts';
import type { AnswerMemory } from './answer-memory.ts';
import type { VerifiedStore } from './verified/verified-store.ts';

/** Hono environment of the otq app: `c.get('principal')` etc. are set by the auth middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** performance.now() when the request reached the app (for Server-Timing). */
    startedAt: number;
    principal: Principal;
    audit: AuditContext;
  };
}

/** Filters of `GET /api/audit`, passed through to the audit reader. Times are ISO-8601 instants. */
export interface AuditQuery {
  since?: string;
  until?: string;
  user?: string;
  kind?: AuditKind;
  limit?: number;
}

/** Read side of the evidence log, injected by the composition root (audit/ owns the implementation). */
export interface AuditReader {
  read(query: AuditQuery): Promise<AuditRecord[]>;
  /** The result of a chain and signature check, as JSON (at least `ok: boolean`). */
  verify(): Promise<{ ok: boolean } & Record<string, JsonValue | undefined>>;
}

/** Everything the routes share; built once in createApp. */
export interface AppDeps {
  runtime: Runtime;
  clock: () => Date;
  metrics: Metrics;
  limiter: RateLimiter | null;
  results: ResultStore;
  auditReader: AuditReader | null;
  /** Recent answers by request id, for feedback and verification. */
  answers: AnswerMemory;
  verified: VerifiedStore;
  /** The client address recorded in audit records: the socket peer unless a trusted proxy names it (client-address.ts). */
  clientAddress: (c: Context) => string | undefined;
}
