// Fair sharing of one source's connections: at most `capacity` calls run at once, one principal holds at most
// `perKey` of them, and waiting calls are served round-robin across principals (not first come, first served), so
// one user flooding slow queries cannot make another user's simple query wait for all of them.
import { ConnectorError } from '../core/errors.ts';

export interface FairGateOptions {
  /** Calls that may run at once (the connection pool's size). */
  capacity: number;
  /** Calls one key (principal) may run at once; the rest of its calls wait even when connections are free. */
  perKey: number;
}

interface Waiter {
  key: string;
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class FairGate {
  readonly #capacity: number;
  readonly #perKey: number;
  readonly #running = new Map<string, number>();
  #total = 0;
  /** Waiters per key, in arrival order; the map's order is the round-robin order of keys. */
  readonly #queues = new Map<string, Waiter[]>();

  constructor(options: FairGateOptions) {
    this.#capacity = Math.max(1, Math.floor(options.capacity));
    this.#perKey = Math.max(1, Math.min(this.#capacity, Math.floor(options.perKey)));
  }

  /** Calls running now, per key (for tests and metrics). */
  running(key: string): number {
    return this.#running.get(key) ?? 0;
  }

  /** Waits for a turn; resolves to the function that ends it (call it exactly once). Aborting while waiting rejects. */
  enter(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#queues.size === 0 && this.#canRun(key)) return Promise.resolve(this.#start(key));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        key,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#remove(waiter);
          reject(abortError(signal));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      const queue = this.#queues.get(key);
      if (queue) queue.push(waiter);
      else this.#queues.set(key, [waiter]);
      this.#dispatch();
    });
  }

  #canRun(key: string): boolean {
    return this.#total < this.#capacity && this.running(key) < this.#perKey;
  }

  #start(key: string): () => void {
    this.#total += 1;
    this.#running.set(key, this.running(key) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= 1;
      const left = this.running(key) - 1;
      if (left > 0) this.#running.set(key, left);
      else this.#running.delete(key);
      this.#dispatch();
    };
  }

  /** Starts waiters while there is room: each turn goes to the first key in round-robin order that may run. */
  #dispatch(): void {
    let progressed = true;
    while (progressed && this.#total < this.#capacity) {
      progressed = false;
      for (const [key, queue] of this.#queues) {
        if (!this.#canRun(key)) continue;
        const waiter = queue.shift()!;
        this.#queues.delete(key);
        // The key goes to the back of the round-robin order with the rest of its queue.
        if (queue.length > 0) this.#queues.set(key, queue);
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve(this.#start(key));
        progressed = true;
        break;
      }
    }
  }

  #remove(waiter: Waiter): void {
    const queue = this.#queues.get(waiter.key);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.#queues.delete(waiter.key);
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return new ConnectorError('CANCELLED', 'stopped while waiting for a turn on this source', { cause: reason });
}
