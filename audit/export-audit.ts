// `otq audit export`: records of a window over all chains as JSONL/CSV, or an evidence bundle a third party can re-verify.
import { resolve } from 'node:path';
import { writeEvidenceBundle, type BundleResult } from './evidence-bundle.ts';
import { readStoredRecords, type AuditQuery } from './read-audit-records.ts';
import { verifyAuditLog, type VerifyReport } from './verify-audit-log.ts';

export interface ExportOptions extends AuditQuery {
  format?: 'jsonl' | 'csv';
  /** Write an evidence folder here instead of streaming records to `write`. */
  bundleDir?: string;
  /** Trusted public key for the verify report and the bundle (default: the log's audit-pubkey.pem). */
  publicKeyPem?: string;
  /** Receives the JSONL/CSV text when no bundle is written. */
  write?: (chunk: string) => void;
  /** When the bundle was made (verify-report.json). */
  clock?: () => Date;
}

export interface ExportResult {
  records: number;
  bundleDir?: string;
  /** Verify report of the whole log at export time (bundle only). */
  report?: VerifyReport;
  /** The bundle's heads, left-out count and its own verifier's verdict (bundle only). */
  bundle?: BundleResult;
}

const CSV_COLUMNS = ['chain', 'seq', 'ts', 'kind', 'principal', 'channel', 'requestId', 'payload', 'prev', 'hash'] as const;

function csvCell(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number'
        ? String(value)
        : value === null || value === undefined
          ? ''
          : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Exports the records of a window, over all chains in time order. JSONL lines are the stored lines byte for byte
 * (each names its chain and seq); CSV has one column per field. With `bundleDir`, writes the evidence folder (see
 * audit/README.md) and verifies it before returning.
 */
export async function exportAudit(options: ExportOptions): Promise<ExportResult> {
  const stored = await readStoredRecords(options);
  if (!options.bundleDir) {
    const write = options.write ?? (() => undefined);
    if (options.format === 'csv') write(`${CSV_COLUMNS.join(',')}\n`);
    for (const { record, line } of stored)
      write(options.format === 'csv' ? `${CSV_COLUMNS.map((c) => csvCell(record[c])).join(',')}\n` : `${line}\n`);
    return { records: stored.length };
  }
  const dir = resolve(options.dir);
  const report = await verifyAuditLog({ dir, ...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}) });
  const selection =
    [
      options.since ? `since ${options.since.toISOString()}` : null,
      options.until ? `until ${options.until.toISOString()}` : null,
      options.user ? `user ${options.user}` : null,
      options.kind ? `kind ${options.kind}` : null,
      options.chain ? `chain ${options.chain}` : null,
    ]
      .filter(Boolean)
      .join(', ') || 'all';
  const bundle = await writeEvidenceBundle({
    dir,
    bundleDir: options.bundleDir,
    records: stored,
    selection,
    verifyReport: { log: dir, verifiedAt: (options.clock ?? (() => new Date()))().toISOString(), ...report },
    ...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}),
  });
  return { records: bundle.records, bundleDir: resolve(options.bundleDir), report, bundle };
}
