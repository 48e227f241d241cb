// Verified answers on disk: an append-only JSON-lines file of `verified` and `retired` events beside the audit directory,
// shared by every instance that shares that directory. The audit log holds the evidence; this file is the index.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { meaningKey, normalizeQuestion } from './meaning-key.ts';

/** One verified answer: the question, how it was answered (source, SQL), who vouched for it and the evidence behind it. */
export interface VerifiedAnswer {
  id: string;
  question: string;
  /** The answer's sentence when it was verified (its numbers are of that time). */
  answer: string;
  source: string;
  sql: string;
  /** The time window label of the verified answer, when it had one. */
  window?: string;
  verifiedBy: string;
  verifiedByName: string;
  /** ISO instant. */
  verifiedAt: string;
  /** Audit sequence numbers of the verified answer (its data access and answer records). */
  evidence: number[];
  /** The audit record of the verification itself. */
  verificationSeq: number;
  retired?: { by: string; at: string; reason: string; seq: number };
}

type StoreEvent =
  | ({ event: 'verified' } & Omit<VerifiedAnswer, 'retired'>)
  | { event: 'retired'; id: string; by: string; at: string; reason: string; seq: number };

export interface VerifiedStore {
  /** Every verified answer, retired ones included, newest first. */
  list(): Promise<VerifiedAnswer[]>;
  /** The active verified answer with the same meaning (source + SQL apart from time literals), if any. */
  findByMeaning(source: string, sql: string): Promise<VerifiedAnswer | undefined>;
  /** The active verified answer of exactly this question (case and spacing aside), if any. */
  findByQuestion(question: string): Promise<VerifiedAnswer | undefined>;
  add(entry: Omit<VerifiedAnswer, 'id' | 'retired'>): Promise<VerifiedAnswer>;
  retire(id: string, by: string, at: string, reason: string, seq: number): Promise<VerifiedAnswer | undefined>;
}

export function createVerifiedStore(file: string): VerifiedStore {
  let cache: { mtimeMs: number; size: number; entries: VerifiedAnswer[] } | null = null;

  const load = async (): Promise<VerifiedAnswer[]> => {
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    if (cache && cache.mtimeMs === info.mtimeMs && cache.size === info.size) return cache.entries;
    const byId = new Map<string, VerifiedAnswer>();
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      let event: StoreEvent;
      try {
        event = JSON.parse(line) as StoreEvent;
      } catch {
        continue; // a torn last line of a crashed writer: the event did not happen
      }
      if (event.event === 'verified') {
        const { event: _event, ...entry } = event;
        byId.set(entry.id, entry);
      } else {
        const entry = byId.get(event.id);
        if (entry) entry.retired = { by: event.by, at: event.at, reason: event.reason, seq: event.seq };
      }
    }
    const entries = [...byId.values()].sort((a, b) => b.verifiedAt.localeCompare(a.verifiedAt));
    cache = { mtimeMs: info.mtimeMs, size: info.size, entries };
    return entries;
  };

  const append = async (event: StoreEvent) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(event)}\n`, { encoding: 'utf8', mode: 0o640 });
  };

  return {
    list: load,
    async findByMeaning(source, sql) {
      const key = meaningKey(source, sql);
      return (await load()).find((e) => !e.retired && meaningKey(e.source, e.sql) === key);
    },
    async findByQuestion(question) {
      const key = normalizeQuestion(question);
      return (await load()).find((e) => !e.retired && normalizeQuestion(e.question) === key);
    },
    async add(entry) {
      const verified: VerifiedAnswer = { id: randomBytes(9).toString('base64url'), ...entry };
      await append({ event: 'verified', ...verified });
      return verified;
    },
    async retire(id, by, at, reason, seq) {
      const entry = (await load()).find((e) => e.id === id);
      if (!entry || entry.retired) return undefined;
      await append({ event: 'retired', id, by, at, reason, seq });
      return { ...entry, retired: { by, at, reason, seq } };
    },
  };
}
