// A clock and timers that move only when the test says so: schedules are tested without waiting.
import type { Timers } from '../../ui/reports/report-scheduler.ts';

export class ManualTimers implements Timers {
  private nowMs: number;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(start: Date) {
    this.nowMs = start.getTime();
  }

  readonly clock = (): Date => new Date(this.nowMs);

  set(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.nowMs + ms, fn, id });
    return id;
  }

  clear(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }

  /** Moves the clock forward, firing due timers in time order (each sees the clock at its own due time). */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const due = this.queue[0];
      if (!due || due.at > target) break;
      this.queue.shift();
      this.nowMs = due.at;
      due.fn();
    }
    this.nowMs = target;
  }

  /** Due times of pending timers, ISO. */
  pending(): string[] {
    return this.queue.map((t) => new Date(t.at).toISOString()).sort();
  }
}
