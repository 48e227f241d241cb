// Reads records of a time window over all chains, optionally by user and kind: for GET /api/audit and `otq audit export`.
import { resolve } from 'node:path';
import type { AuditKind, AuditRecord } from './audit-record.ts';
import { listChains } from './log-layout.ts';
import { listSegments, scanLines } from './segment-files.ts';

export interface AuditQuery {
  dir: string;
  /** Inclusive lower bound on `ts`. */
  since?: Date;
  /** Inclusive upper bound on `ts`. */
  until?: Date;
  /** Principal id. */
  user?: string;
  kind?: AuditKind;
  /** Only this chain. */
  chain?: string;
  /** At most this many records (the oldest matching ones, in time order). */
  limit?: number;
}

/** A matching record with its stored line, byte-exact (so exported hashes can be recomputed). */
export interface StoredRecord {
  record: AuditRecord & { chain: string };
  line: string;
}

/**
 * Calls `visit` for each matching record of one chain directory, in seq order. Unparsable lines are skipped
 * (verify reports them). Return false from `visit` to stop.
 */
export async function scanChainRecords(
  chainDir: string,
  query: Omit<AuditQuery, 'dir'>,
  visit: (stored: StoredRecord) => boolean | void,
): Promise<void> {
  const since = query.since?.toISOString();
  const until = query.until?.toISOString();
  for (const segment of await listSegments(chainDir)) {
    const goOn = await scanLines(segment.path, (line, complete) => {
      if (!complete) return true;
      let record: AuditRecord & { chain: string };
      try {
        record = JSON.parse(line) as AuditRecord & { chain: string };
      } catch {
        return true;
      }
      if (since !== undefined && record.ts < since) return true;
      if (until !== undefined && record.ts > until) return true;
      if (query.user !== undefined && record.principal !== query.user) return true;
      if (query.kind !== undefined && record.kind !== query.kind) return true;
      return visit({ record, line });
    });
    if (!goOn) return;
  }
}

/**
 * The matching records of every chain (or of `query.chain`), merged into time order (ties: chain, then seq), at
 * most `limit` of the oldest.
 */
export async function readStoredRecords(query: AuditQuery): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (const chain of await listChains(resolve(query.dir))) {
    if (query.chain !== undefined && chain.id !== query.chain) continue;
    await scanChainRecords(chain.path, query, (stored) => void out.push(stored));
  }
  out.sort((a, b) =>
    a.record.ts !== b.record.ts
      ? a.record.ts < b.record.ts
        ? -1
        : 1
      : a.record.chain !== b.record.chain
        ? Number(a.record.chain) - Number(b.record.chain)
        : a.record.seq - b.record.seq,
  );
  return query.limit === undefined ? out : out.slice(0, query.limit);
}

/** The matching records, in time order over all chains. */
export async function readAuditRecords(query: AuditQuery): Promise<AuditRecord[]> {
  return (await readStoredRecords(query)).map((s) => s.record);
}
