// `otq audit export`: records of a window as JSONL/CSV, or an evidence bundle a third party can re-verify.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { parseCheckpointFile, type Checkpoint } from './checkpoint-note.ts';
import { inclusionProof, recordLeafHash, treeLevels } from './merkle.ts';
import { scanAuditRecords, type AuditQuery, type StoredRecord } from './read-audit-records.ts';
import { CHECKPOINTS_FILE, PUBLIC_KEY_FILE, listSegments, scanLines } from './segment-files.ts';
import { verifyAuditLog, type VerifyReport } from './verify-audit-log.ts';

export interface ExportOptions extends AuditQuery {
  format?: 'jsonl' | 'csv';
  /** Write an evidence folder here instead of streaming records to `write`. */
  bundleDir?: string;
  /** Trusted public key for the verify report (default: the log's audit-pubkey.pem). */
  publicKeyPem?: string;
  /** Receives the JSONL/CSV text when no bundle is written. */
  write?: (chunk: string) => void;
}

export interface ExportResult {
  records: number;
  bundleDir?: string;
  /** Verify report of the whole log at export time (bundle only). */
  report?: VerifyReport;
  /** Size of the checkpoint the bundle's inclusion proofs are against (bundle only; null if none covers the records). */
  checkpointSize?: number | null;
}

const CSV_COLUMNS = ['seq', 'ts', 'kind', 'principal', 'channel', 'requestId', 'payload', 'prev', 'hash'] as const;

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

/** Exports the records of a window; with `bundleDir`, writes the evidence folder (see audit/README.md). */
export async function exportAudit(options: ExportOptions): Promise<ExportResult> {
  if (!options.bundleDir) {
    const write = options.write ?? (() => undefined);
    if (options.format === 'csv') write(`${CSV_COLUMNS.join(',')}\n`);
    const records = await scanAuditRecords(options, ({ record, line }) => {
      write(options.format === 'csv' ? `${CSV_COLUMNS.map((c) => csvCell(record[c])).join(',')}\n` : `${line}\n`);
    });
    return { records };
  }
  return writeBundle(options, resolve(options.bundleDir));
}

async function writeBundle(options: ExportOptions, bundle: string): Promise<ExportResult> {
  await mkdir(bundle, { recursive: true });
  if ((await readdir(bundle)).length > 0) throw new OtqError('USAGE', `bundle directory ${bundle} is not empty; choose a new one`);
  const dir = resolve(options.dir);
  const stored: StoredRecord[] = [];
  await scanAuditRecords(options, (s) => stored.push(s));
  const lastSeq = stored.reduce((max, s) => Math.max(max, s.record.seq), 0);

  const checkpoints = parseCheckpointFile(await readFile(join(dir, CHECKPOINTS_FILE), 'utf8').catch(() => ''), CHECKPOINTS_FILE)
    .flatMap((c) => (c.parsed.ok ? [c.parsed.checkpoint] : []))
    .sort((a, b) => a.size - b.size);
  const covering: Checkpoint | undefined = checkpoints.find((c) => c.size >= lastSeq && lastSeq > 0);

  const proofs: string[] = [];
  if (covering) {
    const leaves: Buffer[] = [];
    for (const segment of await listSegments(dir)) {
      await scanLines(segment.path, (line, complete) => {
        if (!complete || leaves.length >= covering.size) return leaves.length < covering.size;
        leaves.push(recordLeafHash((JSON.parse(line) as { hash: string }).hash));
        return true;
      });
    }
    const levels = treeLevels(leaves);
    for (const { record } of stored) {
      if (record.seq > covering.size) continue;
      proofs.push(
        JSON.stringify({
          seq: record.seq,
          leafIndex: record.seq - 1,
          treeSize: covering.size,
          path: inclusionProof(levels, record.seq - 1).map((p) => p.toString('hex')),
        }),
      );
    }
  }
  const report = await verifyAuditLog({ dir, ...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}) });
  const files: Record<string, string> = {
    'records.jsonl': stored.map((s) => `${s.line}\n`).join(''),
    'proofs.jsonl': proofs.map((p) => `${p}\n`).join(''),
    'checkpoint.txt': covering?.note ?? '',
    'checkpoints.txt': checkpoints
      .filter((c) => c.size >= (stored[0]?.record.seq ?? 0))
      .map((c) => `${c.note}\n`)
      .join(''),
    'audit-pubkey.pem': options.publicKeyPem ?? (await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8')),
    'verify-report.json': `${JSON.stringify({ log: dir, verifiedAt: new Date().toISOString(), ...report }, null, 2)}\n`,
    'README.md': bundleReadme(options, stored.length, covering ?? null),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(bundle, name), text, { mode: 0o644 });
  await copyFile(new URL('./bundle-verifier.mjs', import.meta.url), join(bundle, 'verify-bundle.mjs'));
  const names = [...Object.keys(files), 'verify-bundle.mjs'].sort();
  const sums: string[] = [];
  for (const name of names) sums.push(`${hash('sha256', await readFile(join(bundle, name)), 'hex')}  ${name}`);
  await writeFile(join(bundle, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  return { records: stored.length, bundleDir: bundle, report, checkpointSize: covering?.size ?? null };
}

function bundleReadme(options: ExportOptions, count: number, covering: Checkpoint | null): string {
  const filters = [
    options.since ? `since ${options.since.toISOString()}` : null,
    options.until ? `until ${options.until.toISOString()}` : null,
    options.user ? `user ${options.user}` : null,
    options.kind ? `kind ${options.kind}` : null,
  ].filter(Boolean);
  return `# otq evidence bundle

${count} audit records (${filters.join(', ') || 'all'}), exported from an otq evidence log.
${covering ? `They are proven against the signed checkpoint of size ${covering.size}, signed ${covering.time}.` : 'No signed checkpoint covers these records yet: re-export after the next checkpoint (at most one hour).'}

| file | what |
| --- | --- |
| records.jsonl | the records, byte for byte as stored (one RFC 8785 canonical JSON object per line) |
| proofs.jsonl | per record: RFC 9162 inclusion proof (audit path) in the tree of checkpoint.txt |
| checkpoint.txt | the Ed25519-signed checkpoint (signed-note format) the proofs are against |
| checkpoints.txt | all checkpoints from the first exported record on |
| audit-pubkey.pem | the log's public key; compare it with the copy you received out of band |
| verify-report.json | the result of \`otq audit verify\` over the whole log at export time |
| verify-bundle.mjs | a dependency-free script that checks all of the above |
| SHA256SUMS | checksums of the files |

## Re-verify (third party)

1. Files unchanged: \`sha256sum -c SHA256SUMS\`
2. Everything at once (Node 18+ only, no packages): \`node verify-bundle.mjs .\` prints \`bundle intact: ...\` and exits 0.
3. The checkpoint signature with OpenSSL alone:

\`\`\`sh
sed '/^$/,$d' checkpoint.txt > body.txt                                   # the signed text
tail -n 1 checkpoint.txt | cut -d' ' -f3 | base64 -d | tail -c 64 > sig.bin # drop the 4-byte key id
openssl pkeyutl -verify -pubin -inkey audit-pubkey.pem -rawin -in body.txt -sigfile sig.bin
\`\`\`

4. One record's hash with jq (SHA-256 of the record without \`hash\`, keys sorted, no whitespace;
   equal to RFC 8785 for records with plain numbers and ASCII text, which otq records are):

\`\`\`sh
head -n 1 records.jsonl | jq -cjS 'del(.hash)' | sha256sum   # compare with: head -n 1 records.jsonl | jq -r .hash
\`\`\`

The Merkle tree is RFC 6962: leaf = SHA-256(0x00 || 32 bytes of the record hash), node = SHA-256(0x01 || left || right).
`;
}
