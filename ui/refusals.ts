// Refusals at the door (authentication, rate limit, size, malformed body, forbidden) are evidence: each is recorded once, as an `auth` record.
import type { Context } from 'hono';
import type { AuditContext } from '../audit/audit-record.ts';
import type { Channel } from '../core/principal.ts';
import type { AppDeps, AppEnv } from './app-env.ts';

const recorded = new WeakSet<object>();

/** Marks an error whose refusal is already in the audit log (by the auth middleware, the rate limiter or a guard decision). */
export function markRecorded<T extends object>(error: T): T {
  recorded.add(error);
  return error;
}

export function isRecordedRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && recorded.has(error);
}

/** Longest refusal reason kept in a record: a reason is otq's own sentence, never the request body. */
const MAX_REASON_CHARS = 500;

export interface Refusal {
  /** `refused` (auth, size, malformed body, forbidden) or `rate_limited`. */
  outcome: 'refused' | 'rate_limited';
  status: number;
  code: string;
  reason: string;
  /** Claimed identity of a refused login (a proxy header's user), when there is one. */
  user?: string | null;
  retryAfterSeconds?: number;
}

/** The audit context of a request: the principal once authenticated, else none (bot hooks name their platform). */
export function refusalContext(c: Context<AppEnv>): AuditContext {
  const known = c.get('audit') as AuditContext | undefined;
  if (known) return known;
  const path = c.req.path;
  const channel: Channel = path.startsWith('/hooks/teams') ? 'teams' : path.startsWith('/hooks/mattermost') ? 'mattermost' : 'web';
  return { principal: null, channel, requestId: c.get('requestId') ?? 'unknown' };
}

/** Writes one `auth` record for a refused request: what was refused, why, and from which address (see client-address.ts). */
export async function recordRefusal(deps: AppDeps, c: Context<AppEnv>, remoteAddress: string | undefined, refusal: Refusal): Promise<void> {
  await deps.runtime.audit.record('auth', refusalContext(c), {
    outcome: refusal.outcome,
    status: refusal.status,
    code: refusal.code,
    reason: refusal.reason.slice(0, MAX_REASON_CHARS),
    method: c.req.method,
    path: c.req.path.slice(0, 200),
    remoteAddress: remoteAddress ?? null,
    ...(refusal.user !== undefined ? { user: refusal.user } : {}),
    ...(refusal.retryAfterSeconds !== undefined ? { retryAfterSeconds: refusal.retryAfterSeconds } : {}),
  });
}
