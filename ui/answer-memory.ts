// The answers this server gave recently, by request id and asker: feedback and verification refer to an answer the
// server itself produced, never to a question, SQL or numbers a client sends.
import type { Answer } from '../agent/answer.ts';

export interface RememberedAnswer {
  requestId: string;
  principalId: string;
  question: string;
  answer: Answer;
  createdAtMs: number;
}

export interface AnswerMemory {
  remember(entry: Omit<RememberedAnswer, 'createdAtMs'>): void;
  /** The answer, only for the principal who asked it; otherwise undefined (no hint that it exists). */
  recall(requestId: string, principalId: string): RememberedAnswer | undefined;
}

export interface AnswerMemoryOptions {
  /** Answers kept in total, oldest dropped first (default 1,000). */
  total?: number;
  /** Answers older than this are forgotten, in milliseconds (default 24 h). */
  ttlMs?: number;
}

export function createAnswerMemory(options: AnswerMemoryOptions, nowMs: () => number): AnswerMemory {
  const total = options.total ?? 1000;
  const ttlMs = options.ttlMs ?? 86_400_000;
  const entries = new Map<string, RememberedAnswer>();
  return {
    remember(entry) {
      entries.set(entry.requestId, { ...entry, createdAtMs: nowMs() });
      while (entries.size > total) entries.delete(entries.keys().next().value as string);
    },
    recall(requestId, principalId) {
      const entry = entries.get(requestId);
      if (!entry || entry.principalId !== principalId || nowMs() - entry.createdAtMs > ttlMs) return undefined;
      return entry;
    },
  };
}
