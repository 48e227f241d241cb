// A writer takes the first chain of the log directory that no live writer holds (creating it when all are busy).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { tryAcquireAuditLock, type AuditLock } from './audit-lock.ts';
import { CHAINS_DIR, MAX_CHAINS, chainIdOf, chainPath } from './log-layout.ts';
import { CHAIN_ID } from './record-codec.ts';
import { fsyncDir } from './segment-files.ts';

export interface OpenedChain {
  chain: string;
  /** The chain's directory. */
  path: string;
  lock: AuditLock;
}

/**
 * Locks a chain of `dir` for this writer: `preferred` if given (AUDIT_LOCKED when busy), else the lowest-numbered
 * chain that is free or whose writer died. Reusing slots keeps the number of chains at the number of writers that
 * ever ran at the same time (the server, a CLI call beside it, a second instance), not one per process.
 */
export async function openChain(dir: string, now: Date, preferred?: string): Promise<OpenedChain> {
  const chainsDir = join(dir, CHAINS_DIR);
  if ((await mkdir(chainsDir, { recursive: true, mode: 0o700 })) !== undefined) await fsyncDir(dir);
  if (preferred !== undefined && !CHAIN_ID.test(preferred))
    throw new OtqError('USAGE', `chain id "${preferred}" is not two to six digits (01, 02, ...)`);
  const candidates = preferred !== undefined ? [preferred] : Array.from({ length: MAX_CHAINS }, (_, i) => chainIdOf(i + 1));
  for (const chain of candidates) {
    const path = chainPath(dir, chain);
    if ((await mkdir(path, { recursive: true, mode: 0o700 })) !== undefined) await fsyncDir(chainsDir);
    const lock = await tryAcquireAuditLock(path, now);
    if (lock) return { chain, path, lock };
  }
  throw new OtqError(
    'AUDIT_LOCKED',
    preferred !== undefined
      ? `audit chain ${preferred} of ${dir} is being written by another live process`
      : `all ${MAX_CHAINS} chains of the audit log ${dir} are held by live writers`,
    { details: { dir } },
  );
}
