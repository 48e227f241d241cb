// Key rotation: the new key is announced in a record the old key signs; running writers switch; verify and bundles follow the keys.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportAudit } from '../../audit/export-audit.ts';
import { createFileAuditLog, type FileAuditLog } from '../../audit/file-audit-log.ts';
import { announceKey } from '../../audit/key-ring.ts';
import { parseCheckpointNote } from '../../audit/checkpoint-note.ts';
import { rotateSigningKey } from '../../audit/rotate-key.ts';
import { keyIdOf, parsePublicKey } from '../../audit/signing-key.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { CONTEXT, readRecords, tempLogDir } from './helpers.ts';

const writers: FileAuditLog[] = [];
afterEach(async () => {
  await Promise.allSettled(writers.splice(0).map((l) => l.close()));
});

/** Key ids of the heads of a chain, in order. */
async function headKeys(dir: string, chain = '01'): Promise<string[]> {
  return (await readRecords(dir, chain))
    .filter((r) => r.kind === 'checkpoint')
    .map((r) => {
      const parsed = parseCheckpointNote(r.payload.note as string);
      return parsed.ok ? parsed.checkpoint.keyId : 'bad';
    });
}

describe('key rotation', () => {
  it('announces the new key under the old one, switches a running writer, and verifies and exports across the change', async () => {
    const dir = await tempLogDir();
    let now = Date.parse('2025-03-01T00:00:00Z');
    const clock = () => new Date(now);
    const live = await createFileAuditLog({ dir, clock });
    writers.push(live);
    await live.record('answer', CONTEXT, { before: true });
    const oldId = keyIdOf(parsePublicKey(live.publicKeyPem));

    const rotation = await rotateSigningKey({ dir, clock });
    expect(rotation).toMatchObject({ oldKeyId: oldId, chain: '02' });
    expect(rotation.newKeyId).not.toBe(oldId);
    expect((await stat(join(dirname(dir), 'audit-key.pem'))).mode & 0o777).toBe(0o600);
    expect(await readFile(rotation.retiredKeyFile, 'utf8')).toMatch(/PRIVATE KEY/);
    const announced = (await readRecords(dir, '02')).find((r) => r.kind === 'key_rotation');
    expect(announced?.payload).toMatchObject({ oldKeyId: oldId, newKeyId: rotation.newKeyId });
    // the record's own head is signed by the old key: the announcement is under the key everyone trusts already
    expect((await headKeys(dir, '02'))[0]).toBe(oldId);

    now += 2000; // the running writer looks at the key file at most once a second
    await live.record('answer', CONTEXT, { after: true });
    expect((await headKeys(dir)).slice(-1)).toEqual([rotation.newKeyId]);
    expect(keyIdOf(parsePublicKey(live.publicKeyPem))).toBe(rotation.newKeyId);
    await live.close();

    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: true, keyId: oldId, keyIds: [oldId, rotation.newKeyId], uncovered: 0 });

    const bundle = join(dirname(dir), 'bundle');
    const exported = await exportAudit({ dir, since: new Date(0), bundleDir: bundle });
    expect(exported.bundle?.verdict).toMatch(/^bundle intact: /);
    expect(execFileSync('node', ['verify-bundle.mjs', '.'], { cwd: bundle, encoding: 'utf8' })).toMatch(/by key [0-9a-f]{8}\)/);
    const heads = execFileSync(
      'sh',
      [
        '-c',
        `for head in heads/*.txt; do sed '/^$/,$d' "$head" > body.txt; tail -n 1 "$head" | cut -d' ' -f3 | base64 -d > blob.bin; ` +
          `tail -c 64 blob.bin > sig.bin; keyid=$(head -c 4 blob.bin | od -An -tx1 | tr -d ' \\n'); echo $keyid; ` +
          `openssl pkeyutl -verify -pubin -inkey "keys/$keyid.pem" -rawin -in body.txt -sigfile sig.bin; done`,
      ],
      { cwd: bundle, encoding: 'utf8' },
    );
    expect(heads).toContain(rotation.newKeyId);
    expect(heads.match(/Signature Verified Successfully/g)).toHaveLength(2);
  });

  it('refuses heads signed by a key that nobody announced, and an announcement not signed by a trusted key', async () => {
    const dir = await tempLogDir();
    const log = await createFileAuditLog({ dir });
    const mallory = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    // an announcement of mallory's key, signed by a key the log never trusted
    await log.record('key_rotation', CONTEXT, {
      ...announceKey(other.privateKey, other.publicKey, mallory.publicKey, '2025-03-01T00:00:00.000Z'),
    });
    await log.close();
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, keyIds: [expect.any(String)] });
    // mallory's key in the key file: the writer refuses to start with it
    const keyFile = join(dirname(dir), 'audit-key.pem');
    const original = await readFile(keyFile, 'utf8');
    await writeFile(keyFile, mallory.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
    await expect(createFileAuditLog({ dir })).rejects.toThrow(/no key rotation announced it/);
    await writeFile(keyFile, original, { mode: 0o600 });
  });
});
