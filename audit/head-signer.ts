// The writer's signing key: checked against the anchor and the announced keys, reloaded when a rotation replaced the key file.
import type { KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { signCheckpoint, type Checkpoint } from './checkpoint-note.ts';
import { readAnnouncements, trustedKeys } from './key-ring.ts';
import { PUBLIC_KEY_FILE } from './segment-files.ts';
import { loadOrCreateSigningKey, parsePublicKey, type SigningKey } from './signing-key.ts';

/** How often the writer looks at the key file for a rotation (at most once per this many ms, when it signs). */
const KEY_CHECK_MS = 1000;

export interface HeadSigner {
  /** Key id of the key that signs now. */
  readonly keyId: string;
  readonly publicKeyPem: string;
  /** The anchor: `<dir>/audit-pubkey.pem`, the first key of the log. */
  readonly anchorPem: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Signs a tree head of `chain`. */
  sign(head: Pick<Checkpoint, 'chain' | 'size' | 'root' | 'head' | 'time'>): Checkpoint;
  /** Picks up a rotated key file (cheap: one stat at most once a second); never switches to a key nobody announced. */
  refresh(nowMs: number): Promise<void>;
}

/**
 * Loads (or creates) the signing key and makes sure verify will trust it: the log's anchor
 * (`audit-pubkey.pem`, written by the first writer) or a key announced by a rotation from the anchor.
 */
export async function createHeadSigner(dir: string, keyFile: string, warn: (message: string) => void): Promise<HeadSigner> {
  let key = await loadOrCreateSigningKey(keyFile);
  const anchorPath = join(dir, PUBLIC_KEY_FILE);
  let anchorPem = await readFile(anchorPath, 'utf8').catch(() => null);
  if (anchorPem === null) {
    await writeFile(anchorPath, key.publicKeyPem, { mode: 0o644, flag: 'wx' }).catch(() => undefined);
    anchorPem = await readFile(anchorPath, 'utf8');
  }
  const anchor = anchorPem;
  const trusts = async (candidate: SigningKey): Promise<boolean> =>
    trustedKeys(parsePublicKey(anchor), await readAnnouncements(dir)).has(candidate.keyId);
  if (!(await trusts(key))) {
    throw new OtqError(
      'AUDIT_FAILED',
      `the audit signing key ${keyFile} (key id ${key.keyId}) does not match ${anchorPath} and no key rotation announced it: ` +
        'this log was started with another key. Restore the original key file, rotate keys with `otq audit rotate-key`, or use a new audit.dir.',
    );
  }
  let fileId = fileIdentity(keyFile);
  let checkedAt = 0;
  const signer: HeadSigner = {
    get keyId() {
      return key.keyId;
    },
    get publicKeyPem() {
      return key.publicKeyPem;
    },
    get privateKey() {
      return key.privateKey;
    },
    get publicKey() {
      return key.publicKey;
    },
    anchorPem: anchor,
    sign: (head) => signCheckpoint(key.privateKey, key.publicKey, head, key.keyId),
    async refresh(nowMs) {
      if (nowMs - checkedAt < KEY_CHECK_MS) return;
      checkedAt = nowMs;
      const id = fileIdentity(keyFile);
      if (id === fileId) return;
      fileId = id;
      if (id === 'missing') {
        warn(`audit: the key file ${keyFile} is gone; still signing with key ${key.keyId} (held in memory)`);
        return;
      }
      try {
        const next = await loadOrCreateSigningKey(keyFile);
        if (next.keyId === key.keyId) return;
        if (await trusts(next)) key = next;
        else
          warn(`audit: the key file ${keyFile} now holds key ${next.keyId}, which no rotation announced; still signing with ${key.keyId}`);
      } catch (error) {
        warn(`audit: could not reload the key file ${keyFile}: ${(error as Error).message}; still signing with ${key.keyId}`);
      }
    },
  };
  return signer;
}

/**
 * Inode, mtime and size of the key file. Synchronous on purpose (once a second at most, a few microseconds): the flush
 * that signs must not wait for a thread of libuv's pool, which DuckDB statements may all be holding.
 */
function fileIdentity(path: string): string {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 'missing';
  }
  return `${info.ino}:${info.mtimeMs}:${info.size}`;
}
