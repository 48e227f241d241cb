// Verifies an evidence log on disk: streams every segment through the verifier with all known checkpoints.
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { parseCheckpointFile, type FileCheckpoint } from './checkpoint-note.ts';
import { createLogVerifier, type VerifyReport } from './log-verifier.ts';
import { CHECKPOINTS_FILE, PUBLIC_KEY_FILE, listSegments, scanBlocks } from './segment-files.ts';
import { keyIdOf, parsePublicKey } from './signing-key.ts';

export type { VerifyReport } from './log-verifier.ts';

export interface VerifyOptions {
  dir: string;
  /** The trusted public key (SPKI PEM). Default: `<dir>/audit-pubkey.pem`, which an attacker with write access could replace. */
  publicKeyPem?: string;
  /** A copy of checkpoints kept elsewhere (checkpoints.txt copy, or syslog lines with `note=`). */
  checkpointFile?: string;
}

/**
 * Checks every record's hash and canonical form, the chain and seq continuity, every checkpoint's
 * signature, and that the log matches each checkpoint (in the log, in checkpoints.txt and in the
 * external file) at that checkpoint's size. One streaming pass; stops at the first problem.
 */
export async function verifyAuditLog(options: VerifyOptions): Promise<VerifyReport> {
  const dir = resolve(options.dir);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new OtqError('USAGE', `no audit log directory at ${dir}; pass --log DIR`);
  let pem = options.publicKeyPem;
  if (pem === undefined) {
    pem = await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8').catch(() => undefined);
    if (pem === undefined)
      throw new OtqError('USAGE', `no public key given and ${join(dir, PUBLIC_KEY_FILE)} is missing; pass --pubkey FILE`);
  }
  const publicKey = parsePublicKey(pem);
  const fileCheckpoints: FileCheckpoint[] = parseCheckpointFile(
    await readFile(join(dir, CHECKPOINTS_FILE), 'utf8').catch(() => ''),
    CHECKPOINTS_FILE,
  );
  if (options.checkpointFile) {
    const external = await readFile(options.checkpointFile, 'utf8').catch((error: Error) => {
      throw new OtqError('USAGE', `cannot read checkpoint file ${options.checkpointFile}: ${error.message}`);
    });
    const parsed = parseCheckpointFile(external, basename(options.checkpointFile));
    if (parsed.length === 0)
      return {
        ok: false,
        records: 0,
        checkpoints: 0,
        problem: `${options.checkpointFile} holds no checkpoint`,
        keyId: keyIdOf(publicKey),
        warnings: [],
      };
    fileCheckpoints.push(...parsed);
  }
  const verifier = createLogVerifier(publicKey, fileCheckpoints);
  const segments = await listSegments(dir);
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s] as { name: string; path: string };
    verifier.segment(segment.name, s === segments.length - 1);
    const goOn = await scanBlocks(segment.path, (block, complete) => (complete ? verifier.lines(block) : verifier.tail(block)));
    if (!goOn) break;
  }
  return verifier.finish();
}
