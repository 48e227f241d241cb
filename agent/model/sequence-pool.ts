// A pool of llama.cpp context sequences: concurrent questions wait for a free sequence instead of failing with "No sequences left".
import type { LlamaChatSession, LlamaContextSequence } from 'node-llama-cpp';
import { OtqError } from '../../core/errors.ts';

/** One sequence with its long-lived chat session; the session keeps the system prompt's KV cache between questions. */
export interface PooledSequence {
  sequence: LlamaContextSequence;
  session: LlamaChatSession;
}

export interface SequencePool {
  /**
   * Waits for a free sequence (waiters FIFO). The most recently released sequence is handed out first: its KV cache
   * holds the system prompt and tool docs, so the next question evaluates only its own tokens.
   * Rejects when `signal` aborts first or the pool is closed.
   */
  acquire(signal?: AbortSignal): Promise<PooledSequence>;
  release(item: PooledSequence): void;
  /** Sequences in the pool, free or busy. */
  readonly size: number;
  /** Callers currently waiting. */
  readonly waiting: number;
  close(): void;
}

export function createSequencePool(items: PooledSequence[]): SequencePool {
  const free = [...items];
  const queue: { resolve: (item: PooledSequence) => void; reject: (error: Error) => void }[] = [];
  let closed = false;
  return {
    get size() {
      return items.length;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (closed) return Promise.reject(new OtqError('MODEL_UNAVAILABLE', 'the model is shutting down'));
      const item = free.shift();
      if (item) return Promise.resolve(item);
      return new Promise<PooledSequence>((resolve, reject) => {
        const waiter = {
          resolve: (value: PooledSequence) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(value);
          },
          reject,
        };
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(new OtqError('CANCELLED', 'cancelled while waiting for a free model sequence'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
      });
    },
    release(item) {
      const next = queue.shift();
      if (next) next.resolve(item);
      else free.unshift(item);
    },
    close() {
      closed = true;
      for (const waiter of queue.splice(0)) waiter.reject(new OtqError('MODEL_UNAVAILABLE', 'the model is shutting down'));
    },
  };
}
