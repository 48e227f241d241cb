// What the bot endpoints need from the running otq, injectable for tests.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { BotAnswer } from './verified-answer.ts';
import type { Runtime } from '../runtime.ts';
import type { AuditContext } from '../../audit/audit-record.ts';
import type { Egress } from './egress.ts';
import type { ReplayGuard } from './replay-guard.ts';
import type { VerifiedStore } from '../verified/verified-store.ts';

export interface BotDeps {
  runtime: Runtime;
  egress: Egress;
  env: NodeJS.ProcessEnv;
  /** Web UI base URL for "full result" links (server.publicUrl). */
  publicUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  newRequestId: () => string;
  /** Late deliveries in flight; tests await them. */
  pending: Set<Promise<void>>;
  /** Server clock for the Teams activity window (default Date.now). */
  nowMs?: () => number;
  /** Teams activity ids seen within the window (default: one per mounted Teams hook). */
  replay?: ReplayGuard;
  /** Verified answers, so a bot message says "✓ Verified by X on DATE" as the web page does (absent: never). */
  verified?: Pick<VerifiedStore, 'findByMeaning'>;
  /** Client address recorded in refusals (default: the socket peer; createApp passes its trusted-proxy view). */
  clientAddress?: (c: Context) => string | undefined;
}

/** Tracks a late delivery so shutdown and tests can wait for it; never rejects. */
function track(deps: BotDeps, work: Promise<void>): void {
  const settled = work.catch(() => {});
  deps.pending.add(settled);
  void settled.finally(() => deps.pending.delete(settled));
}

/** Posts a late answer when it is ready (through the egress allowlist) and records the delivery or its failure. */
export function deliverLater(
  deps: BotDeps,
  context: AuditContext,
  target: { platform: 'mattermost' | 'teams'; url: string },
  answer: Promise<BotAnswer>,
  body: (answer: BotAnswer) => unknown,
): void {
  track(
    deps,
    answer.then(async (ready) => {
      try {
        await deps.egress.postJson(target.url, body(ready));
        await deps.runtime.audit.record('report', context, { event: 'delivered', ...target, evidence: ready.auditSeq });
      } catch (error) {
        await deps.runtime.audit.record('report', context, { event: 'delivery_failed', ...target, error: (error as Error).message });
      }
    }),
  );
}

/** The socket peer of a request on @hono/node-server (undefined elsewhere). */
export function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
