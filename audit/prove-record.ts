// `otq audit prove SEQ`: one record's inclusion proof against its chain's newest signed head, as JSON or as a bundle.
import { resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { proveInChain, writeEvidenceBundle, type BundleResult } from './evidence-bundle.ts';
import { chainPath, listChains } from './log-layout.ts';
import { scanChainRecords, type StoredRecord } from './read-audit-records.ts';

export interface ProveOptions {
  dir: string;
  seq: number;
  /** The record's chain; needed only when several chains have a record `seq`. */
  chain?: string;
  /** Write a bundle (checkable with its verify-bundle.mjs) here. */
  bundleDir?: string;
  publicKeyPem?: string;
}

/** The proof: the stored line, its audit path, and the signed head (note) it leads to. */
export interface RecordProof {
  chain: string;
  seq: number;
  record: string;
  leafIndex: number;
  treeSize: number;
  path: string[];
  head: string;
  bundle?: BundleResult;
}

/** Finds the record (asking for `--chain` when the seq is ambiguous) and proves it. */
export async function proveRecord(options: ProveOptions): Promise<RecordProof> {
  const dir = resolve(options.dir);
  if (!Number.isSafeInteger(options.seq) || options.seq < 1)
    throw new OtqError('USAGE', `"${options.seq}" is not a sequence number (1, 2, ...)`);
  const found: StoredRecord[] = [];
  for (const chain of await listChains(dir)) {
    if (options.chain !== undefined && chain.id !== options.chain) continue;
    await scanChainRecords(chain.path, {}, (stored) => {
      if (stored.record.seq === options.seq) found.push(stored);
      return stored.record.seq < options.seq;
    });
  }
  const where = options.chain === undefined ? '' : ` in chain ${options.chain}`;
  if (found.length === 0) throw new OtqError('NOT_FOUND', `no record with sequence number ${options.seq}${where} in ${dir}`);
  if (found.length > 1)
    throw new OtqError(
      'USAGE',
      `sequence number ${options.seq} exists in chains ${found.map((s) => s.record.chain).join(', ')}: say which with --chain (evidence ids read CHAIN:SEQ)`,
    );
  const stored = found[0] as StoredRecord;
  const { chain, seq } = stored.record;
  const proven = await proveInChain(chainPath(dir, chain), chain, [seq]);
  const path = proven?.paths.get(seq);
  if (!proven || !path)
    throw new OtqError('NOT_FOUND', `record ${chain}:${seq} is not under a signed head yet (a batch in flight); try again in a moment`);
  const proof: RecordProof = {
    chain,
    seq,
    record: stored.line,
    leafIndex: seq - 1,
    treeSize: proven.head.size,
    path: path.map((p) => p.toString('hex')),
    head: proven.head.note,
  };
  if (!options.bundleDir) return proof;
  const bundle = await writeEvidenceBundle({
    dir,
    bundleDir: options.bundleDir,
    records: [stored],
    selection: `record ${chain}:${seq}`,
    verifyReport: { note: 'a single-record proof: run `otq audit verify` on the log for the whole log' },
    ...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}),
  });
  return { ...proof, bundle };
}
