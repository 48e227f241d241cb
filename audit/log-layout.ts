// Where things live in a log directory: one sub-directory per chain (one chain per concurrent writer), keys beside them.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { CHAIN_ID } from './record-codec.ts';

/** Sub-directory holding the chains: `<dir>/chains/01`, `<dir>/chains/02`, ... */
export const CHAINS_DIR = 'chains';
/** Sub-directory holding public keys announced by key rotations (`<key id>.json`). */
export const KEYS_DIR = 'keys';
/** The most chains a log directory may have: as many as writers ever ran at the same time. */
export const MAX_CHAINS = 999;

/** Chain id of slot `n` (1-based): `01`, `02`, ..., `100`. */
export function chainIdOf(n: number): string {
  return String(n).padStart(2, '0');
}

/** Directory of one chain. */
export function chainPath(dir: string, chain: string): string {
  return join(dir, CHAINS_DIR, chain);
}

export interface ChainDir {
  id: string;
  path: string;
}

/** The chains of a log directory, in slot order. */
export async function listChains(dir: string): Promise<ChainDir[]> {
  const names = await readdir(join(dir, CHAINS_DIR)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((name) => CHAIN_ID.test(name))
    .sort((a, b) => Number(a) - Number(b))
    .map((id) => ({ id, path: chainPath(dir, id) }));
}

/**
 * Refuses a directory in the single-writer layout of earlier otq versions (segments at its top level): its records
 * have no chain id, so they can be neither continued nor verified together with chains.
 */
export async function refuseOldLayout(dir: string): Promise<void> {
  const old = await stat(join(dir, 'segment-000001.jsonl')).catch(() => null);
  if (old) {
    throw new OtqError(
      'AUDIT_FAILED',
      `audit log ${dir} has the single-writer layout of an earlier otq (segment files at its top level, no chains/). ` +
        'Verify and archive it with the otq version that wrote it, then move it aside; otq starts a new log there.',
    );
  }
}
