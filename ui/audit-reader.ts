// The audit page's read side over the evidence log on disk: newest matching records, and the chain/signature verify report.
import { readAuditRecords } from '../audit/read-audit-records.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import type { AuditReader } from './app-env.ts';

/** Without `since`, the page shows the last 24 hours. */
const DEFAULT_WINDOW_MS = 24 * 3_600_000;

/** Reads `dir` (the configured audit.dir) per request; nothing is cached, so the page always shows what is on disk. */
export function createFileAuditReader(dir: string, clock: () => Date = () => new Date()): AuditReader {
  return {
    async read(query) {
      const since = query.since ? new Date(query.since) : new Date(clock().getTime() - DEFAULT_WINDOW_MS);
      const records = await readAuditRecords({
        dir,
        since,
        ...(query.until ? { until: new Date(query.until) } : {}),
        ...(query.user ? { user: query.user } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      });
      return records.slice(-(query.limit ?? 200));
    },
    async verify() {
      const report = await verifyAuditLog({ dir });
      return {
        ok: report.ok,
        records: report.records,
        checkpoints: report.checkpoints,
        keyId: report.keyId,
        ...(report.firstBadSeq !== undefined ? { firstBadSeq: report.firstBadSeq } : {}),
        ...(report.problem !== undefined ? { problem: report.problem } : {}),
        warnings: report.warnings,
      };
    },
  };
}
