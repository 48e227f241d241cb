// Teams activities are signed but carry no nonce in the signature: a captured request could be sent again. This keeps
// the ids seen within the acceptance window and refuses activities older (or further ahead) than it.

/** Why an activity was refused, or `ok`. */
export type ReplayVerdict = 'ok' | 'no_id' | 'no_timestamp' | 'stale' | 'future' | 'replayed';

export interface ReplayGuard {
  /** Judges one activity (its id and ISO timestamp) at `nowMs`; remembers the id when it is accepted. */
  check(id: string | undefined, timestamp: string | undefined, nowMs: number): ReplayVerdict;
  /** Ids remembered (each for the window after its timestamp). */
  readonly size: number;
}

/** Default window: five minutes either side of the server clock. */
export const DEFAULT_REPLAY_WINDOW_MS = 5 * 60_000;

export function createReplayGuard(windowMs = DEFAULT_REPLAY_WINDOW_MS): ReplayGuard {
  /** id -> the instant after which the timestamp check alone refuses it (so it can be forgotten). */
  const seen = new Map<string, number>();
  const sweep = (nowMs: number): void => {
    for (const [id, forgetAtMs] of seen) if (forgetAtMs < nowMs) seen.delete(id);
  };
  return {
    check(id, timestamp, nowMs) {
      if (!id) return 'no_id';
      const atMs = timestamp === undefined ? NaN : Date.parse(timestamp);
      if (Number.isNaN(atMs)) return 'no_timestamp';
      if (atMs < nowMs - windowMs) return 'stale';
      if (atMs > nowMs + windowMs) return 'future';
      if (seen.size > 1000) sweep(nowMs);
      const forgetAtMs = seen.get(id);
      if (forgetAtMs !== undefined && forgetAtMs >= nowMs) return 'replayed';
      seen.set(id, atMs + windowMs);
      return 'ok';
    },
    get size() {
      return seen.size;
    },
  };
}
