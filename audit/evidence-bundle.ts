// Writes an evidence bundle (records, inclusion proofs, signed heads, keys, stand-alone verifier) and checks it before saying so.
import { hash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { parseCheckpointNote, type Checkpoint } from './checkpoint-note.ts';
import { createProofCollector } from './inclusion-proofs.ts';
import { trustedKeys } from './key-ring.ts';
import { chainPath, listChains } from './log-layout.ts';
import { recordLeafHash } from './merkle.ts';
import { scanChainRecords, type StoredRecord } from './read-audit-records.ts';
import { PUBLIC_KEY_FILE, listSegments, scanLinesBackward } from './segment-files.ts';
import { bundleReadme } from './bundle-readme.ts';
import { parsePublicKey } from './signing-key.ts';

export interface BundleRequest {
  dir: string;
  bundleDir: string;
  /** The records to put in, any chains, in the order they should appear. */
  records: StoredRecord[];
  /** Trusted anchor key (default: the log's audit-pubkey.pem). */
  publicKeyPem?: string;
  /** What was selected ("since ..., user ..."), for the README. */
  selection: string;
  /** JSON written as verify-report.json (the whole-log verify at export time). */
  verifyReport: unknown;
}

export interface BundleResult {
  records: number;
  /** Per chain: the size of the signed head its records are proven against. */
  heads: { chain: string; size: number; time: string }[];
  /** Records left out because no signed head covered them yet (a batch in flight). */
  leftOut: number;
  /** What the bundle's own verifier said. */
  verdict: string;
}

interface Verifier {
  verifyBundle: (dir: string) => string;
}

/**
 * Writes the bundle: per chain, the newest signed head and an RFC 9162 inclusion proof of every record against it,
 * so the bundle always ends on signatures covering its last records (records newer than a chain's newest head are
 * left out and counted). Then runs the bundle's own verifier on what was written; a bundle that does not verify
 * is an error, never a success.
 */
export async function writeEvidenceBundle(request: BundleRequest): Promise<BundleResult> {
  const dir = resolve(request.dir);
  const bundle = resolve(request.bundleDir);
  await mkdir(bundle, { recursive: true });
  if ((await readdir(bundle)).length > 0) throw new OtqError('USAGE', `bundle directory ${bundle} is not empty; choose a new one`);
  const anchorPem = request.publicKeyPem ?? (await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8'));

  const byChain = new Map<string, StoredRecord[]>();
  for (const s of request.records) byChain.set(s.record.chain, [...(byChain.get(s.record.chain) ?? []), s]);
  const heads = new Map<string, Checkpoint>();
  const proofs: string[] = [];
  const kept: StoredRecord[] = [];
  let leftOut = 0;
  for (const [chain, stored] of byChain) {
    const proven = await proveInChain(
      chainPath(dir, chain),
      chain,
      stored.map((s) => s.record.seq),
    );
    const inside = proven ? stored.filter((s) => proven.paths.has(s.record.seq)) : [];
    leftOut += stored.length - inside.length;
    if (!proven || inside.length === 0) continue;
    heads.set(chain, proven.head);
    for (const s of inside) {
      const path = (proven.paths.get(s.record.seq) ?? []).map((p) => p.toString('hex'));
      proofs.push(JSON.stringify({ chain, seq: s.record.seq, leafIndex: s.record.seq - 1, treeSize: proven.head.size, path }));
    }
    kept.push(...inside);
  }

  const rotations: StoredRecord[] = [];
  for (const chain of await listChains(dir)) await scanChainRecords(chain.path, { kind: 'key_rotation' }, (s) => void rotations.push(s));
  const keys = trustedKeys(
    parsePublicKey(anchorPem),
    rotations.map((r) => r.record.payload),
  );
  const files: Record<string, string> = {
    'records.jsonl': kept.map((s) => `${s.line}\n`).join(''),
    'proofs.jsonl': proofs.map((p) => `${p}\n`).join(''),
    'rotations.jsonl': rotations.map((s) => `${s.line}\n`).join(''),
    'audit-pubkey.pem': anchorPem,
    'verify-report.json': `${JSON.stringify(request.verifyReport, null, 2)}\n`,
    'README.md': bundleReadme(request.selection, kept.length, [...heads.values()], leftOut),
  };
  for (const [chain, head] of heads) files[`heads/${chain}.txt`] = head.note;
  for (const [id, key] of keys) files[`keys/${id}.pem`] = key.export({ format: 'pem', type: 'spki' }) as string;
  await mkdir(join(bundle, 'heads'));
  await mkdir(join(bundle, 'keys'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(bundle, name), text, { mode: 0o644 });
  const verifierUrl = new URL('./bundle-verifier.mjs', import.meta.url);
  await copyFile(verifierUrl, join(bundle, 'verify-bundle.mjs'));
  const names = [...Object.keys(files), 'verify-bundle.mjs'].sort();
  const sums: string[] = [];
  for (const name of names) sums.push(`${hash('sha256', await readFile(join(bundle, name)), 'hex')}  ${name}`);
  await writeFile(join(bundle, 'SHA256SUMS'), `${sums.join('\n')}\n`);

  const verifier = (await import(verifierUrl.href)) as Verifier;
  let verdict: string;
  try {
    verdict = verifier.verifyBundle(bundle);
  } catch (error) {
    throw new OtqError('AUDIT_FAILED', `the bundle written to ${bundle} does not verify: ${(error as Error).message}`, { cause: error });
  }
  return {
    records: kept.length,
    heads: [...heads.values()].map((h) => ({ chain: h.chain, size: h.size, time: h.time })),
    leftOut,
    verdict,
  };
}

/**
 * Inclusion proofs of records `seqs` of a chain against its newest signed head (seqs the head does not cover yet
 * get none), or null when the chain has no head. Checks that the records give the head's signed root.
 */
export async function proveInChain(
  chainDir: string,
  chain: string,
  seqs: readonly number[],
): Promise<{ head: Checkpoint; paths: Map<number, Buffer[]> } | null> {
  const head = await newestHead(chainDir);
  if (head === null) return null;
  const covered = [...new Set(seqs.filter((seq) => seq >= 1 && seq <= head.size))];
  const collector = createProofCollector(
    head.size,
    covered.map((seq) => seq - 1),
  );
  await scanChainRecords(chainDir, {}, ({ record }) => {
    collector.append(recordLeafHash(record.hash));
    return record.seq < head.size;
  });
  const { root, proofs } = collector.finish();
  if (root.toString('hex') !== head.root)
    throw new OtqError(
      'AUDIT_FAILED',
      `chain ${chain} does not match its newest signed head (size ${head.size}); run \`otq audit verify\``,
    );
  return { head, paths: new Map(covered.map((seq) => [seq, proofs.get(seq - 1) ?? []])) };
}

/** The newest signed head of a chain (the note of its last checkpoint record), or null when it has none yet. */
async function newestHead(chainDir: string): Promise<Checkpoint | null> {
  const segments = await listSegments(chainDir);
  for (let i = segments.length - 1; i >= 0; i--) {
    let found: Checkpoint | null = null;
    await scanLinesBackward((segments[i] as { path: string }).path, (line) => {
      if (!line.includes('"kind":"checkpoint"')) return true;
      const record = JSON.parse(line.toString('utf8')) as { kind: string; payload: { note?: unknown } };
      if (record.kind !== 'checkpoint' || typeof record.payload.note !== 'string') return true;
      const parsed = parseCheckpointNote(record.payload.note);
      if (parsed.ok) found = parsed.checkpoint;
      return !parsed.ok;
    });
    if (found) return found;
  }
  return null;
}
