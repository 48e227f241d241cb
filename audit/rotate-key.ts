// `otq audit rotate-key`: a new signing key, announced in a key_rotation record that the old key signs, then put in place.
import { generateKeyPairSync } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { createFileAuditLog, type FileAuditLogOptions } from './file-audit-log.ts';
import { announceKey } from './key-ring.ts';
import { KEYS_DIR } from './log-layout.ts';
import { fsyncDir } from './segment-files.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';

export interface RotationResult {
  oldKeyId: string;
  newKeyId: string;
  /** Where the announcement was recorded. */
  chain: string;
  seq: number;
  /** The old private key, kept under this name: destroy it once you no longer need it. */
  retiredKeyFile: string;
}

/**
 * Rotates the signing key of the log in `options.dir`. Order matters: the announcement (signed by the old key, and
 * committed under a head the old key signs) is durable before the new key file replaces the old one, so no head
 * is ever signed by a key the log has not announced. Running writers pick the new key up within a second.
 */
export async function rotateSigningKey(options: FileAuditLogOptions): Promise<RotationResult> {
  const dir = resolve(options.dir);
  const keyFile = options.keyFile ? resolve(options.keyFile) : join(dirname(dir), 'audit-key.pem');
  const clock = options.clock ?? (() => new Date());
  const probe = await open(keyFile, 'r').catch(() => null);
  if (!probe) throw new OtqError('USAGE', `no signing key at ${keyFile} to rotate: start otq once to create the log and its key`);
  await probe.close();
  const old = await loadOrCreateSigningKey(keyFile);
  const log = await createFileAuditLog({ ...options, dir, keyFile });
  try {
    const fresh = generateKeyPairSync('ed25519');
    const announcement = announceKey(old.privateKey, old.publicKey, fresh.publicKey, clock().toISOString());
    const record = await log.record('key_rotation', { principal: null, channel: 'system', requestId: 'key-rotation' }, { ...announcement });

    const keysDir = join(dir, KEYS_DIR);
    await mkdir(keysDir, { recursive: true, mode: 0o755 });
    await writeSynced(join(keysDir, `${announcement.newKeyId}.json`), `${JSON.stringify(announcement, null, 2)}\n`, 0o644);
    await fsyncDir(keysDir);

    const draft = `${keyFile}.new-${announcement.newKeyId}`;
    await writeSynced(draft, fresh.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
    const retiredKeyFile = `${keyFile}.retired-${announcement.oldKeyId}`;
    await link(keyFile, retiredKeyFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await rename(draft, keyFile).catch(async (error: unknown) => {
      await unlink(draft).catch(() => undefined);
      throw error;
    });
    await fsyncDir(dirname(keyFile));
    return { oldKeyId: announcement.oldKeyId, newKeyId: announcement.newKeyId, chain: log.chain, seq: record.seq, retiredKeyFile };
  } finally {
    await log.close();
  }
}

async function writeSynced(path: string, text: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
