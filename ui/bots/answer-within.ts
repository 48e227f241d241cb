// Answers inline when the answer is ready within the platform's time limit, otherwise hands it to a late delivery.
import type { Answer } from '../../agent/answer.ts';

export type Timed = { kind: 'inline'; answer: Answer } | { kind: 'late'; answer: Promise<Answer> };

/** Waits at most `budgetMs` for `pending`; `sleep` is injectable so tests need no real waiting. */
export async function answerWithin(
  pending: Promise<Answer>,
  budgetMs: number,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<Timed> {
  const timeout = Symbol('timeout');
  const first = await Promise.race([pending, sleep(budgetMs).then(() => timeout)]);
  return first === timeout ? { kind: 'late', answer: pending } : { kind: 'inline', answer: first as Answer };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
