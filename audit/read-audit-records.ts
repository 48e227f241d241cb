// Reads records of a time window, optionally by user and kind: for GET /api/audit and `otq audit export`.
import { resolve } from 'node:path';
import type { AuditKind, AuditRecord } from './audit-record.ts';
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
  /** At most this many records (the oldest matching ones, in seq order). */
  limit?: number;
}

/** A matching record with its stored line, byte-exact (so exported hashes can be recomputed). */
export interface StoredRecord {
  record: AuditRecord;
  line: string;
}

/** Streams all segments and calls `visit` for each matching record; stops after `limit`. Unparsable lines are skipped (verify reports them). */
export async function scanAuditRecords(query: AuditQuery, visit: (stored: StoredRecord) => void): Promise<number> {
  const since = query.since?.toISOString();
  const until = query.until?.toISOString();
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  let matched = 0;
  for (const segment of await listSegments(resolve(query.dir))) {
    const goOn = await scanLines(segment.path, (line, complete) => {
      if (!complete || matched >= limit) return matched < limit;
      let record: AuditRecord;
      try {
        record = JSON.parse(line) as AuditRecord;
      } catch {
        return true;
      }
      if (since !== undefined && record.ts < since) return true;
      if (until !== undefined && record.ts > until) return true;
      if (query.user !== undefined && record.principal !== query.user) return true;
      if (query.kind !== undefined && record.kind !== query.kind) return true;
      matched++;
      visit({ record, line });
      return matched < limit;
    });
    if (!goOn) break;
  }
  return matched;
}

/** The matching records, in seq order. */
export async function readAuditRecords(query: AuditQuery): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  await scanAuditRecords(query, ({ record }) => records.push(record));
  return records;
}
