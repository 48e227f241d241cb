// What the bot endpoints need from the running otq, injectable for tests.
import type { Runtime } from '../../agent/runtime-types.ts';
import type { Egress } from './egress.ts';

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
}

/** Tracks a late delivery so shutdown and tests can wait for it; never rejects. */
export function track(deps: BotDeps, work: Promise<void>): void {
  const settled = work.catch(() => {});
  deps.pending.add(settled);
  void settled.finally(() => deps.pending.delete(settled));
}
