// Key rotation: a new signing key is announced in a statement signed by the old one; the trusted keys follow from the anchor.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonObject } from '../core/json.ts';
import { KEYS_DIR } from './log-layout.ts';
import { keyIdOf, rawPublicKey } from './signing-key.ts';

/**
 * The payload of a `key_rotation` record (and of `<dir>/keys/<newKeyId>.json`): the old key signs `statement`,
 * which names both key ids, the new key's raw bytes and the time. Anyone holding the old public key can check it.
 */
export interface KeyAnnouncement {
  oldKeyId: string;
  newKeyId: string;
  /** SPKI PEM of the new key. */
  newPublicKey: string;
  /** UTC ISO-8601. */
  time: string;
  /** The signed text (see `announcementStatement`). */
  statement: string;
  /** Ed25519 signature of `statement` by the old key, base64. */
  signature: string;
}

/** The text the old key signs: fixed lines, so openssl can check it as it is. */
export function announcementStatement(oldKeyId: string, newKey: KeyObject, time: string): string {
  return `otq-audit key rotation\nold ${oldKeyId}\nnew ${keyIdOf(newKey)}\nkey ${rawPublicKey(newKey).toString('base64')}\ntime ${time}\n`;
}

/** Announces `newKey` with the old private key. */
export function announceKey(oldPrivate: KeyObject, oldPublic: KeyObject, newKey: KeyObject, time: string): KeyAnnouncement {
  const oldKeyId = keyIdOf(oldPublic);
  const statement = announcementStatement(oldKeyId, newKey, time);
  return {
    oldKeyId,
    newKeyId: keyIdOf(newKey),
    newPublicKey: newKey.export({ format: 'pem', type: 'spki' }) as string,
    time,
    statement,
    signature: sign(null, Buffer.from(statement), oldPrivate).toString('base64'),
  };
}

/** The new key of an announcement signed by a trusted key, or why it cannot be trusted. */
export function checkAnnouncement(
  value: unknown,
  trusted: ReadonlyMap<string, KeyObject>,
): { ok: true; announcement: KeyAnnouncement; key: KeyObject } | { ok: false; problem: string } {
  const a = value as Partial<KeyAnnouncement> | null;
  const fields = ['oldKeyId', 'newKeyId', 'newPublicKey', 'time', 'statement', 'signature'] as const;
  if (typeof a !== 'object' || a === null || fields.some((f) => typeof a[f] !== 'string'))
    return { ok: false, problem: `a key announcement needs the string fields ${fields.join(', ')}` };
  const announcement = a as KeyAnnouncement;
  const oldKey = trusted.get(announcement.oldKeyId);
  if (!oldKey)
    return { ok: false, problem: `key ${announcement.newKeyId} is announced by key ${announcement.oldKeyId}, which is not trusted` };
  let key: KeyObject;
  try {
    key = createPublicKey(announcement.newPublicKey);
  } catch {
    return { ok: false, problem: `the announced key ${announcement.newKeyId} is not a PEM public key` };
  }
  if (key.asymmetricKeyType !== 'ed25519' || keyIdOf(key) !== announcement.newKeyId)
    return { ok: false, problem: `the announced key does not match its key id ${announcement.newKeyId}` };
  if (announcement.statement !== announcementStatement(announcement.oldKeyId, key, announcement.time))
    return { ok: false, problem: `the statement announcing key ${announcement.newKeyId} does not match its fields` };
  if (!verify(null, Buffer.from(announcement.statement), oldKey, Buffer.from(announcement.signature, 'base64')))
    return { ok: false, problem: `the announcement of key ${announcement.newKeyId} is not signed by key ${announcement.oldKeyId}` };
  return { ok: true, announcement, key };
}

/**
 * The trusted keys: the anchor, then every key announced by an already trusted one, until nothing changes (so a
 * rotation K1 -> K2 -> K3 is followed whatever order the announcements were found in). Announcements that no
 * trusted key signed are ignored here; verify reports them.
 */
export function trustedKeys(anchor: KeyObject, announcements: readonly unknown[]): Map<string, KeyObject> {
  const trusted = new Map<string, KeyObject>([[keyIdOf(anchor), anchor]]);
  for (let grew = true; grew;) {
    grew = false;
    for (const a of announcements) {
      const check = checkAnnouncement(a, trusted);
      if (check.ok && !trusted.has(check.announcement.newKeyId)) {
        trusted.set(check.announcement.newKeyId, check.key);
        grew = true;
      }
    }
  }
  return trusted;
}

/** The announcements kept in `<dir>/keys/` (what writers check their key against at start-up; verify reads the log). */
export async function readAnnouncements(dir: string): Promise<JsonObject[]> {
  const keysDir = join(dir, KEYS_DIR);
  const names = await readdir(keysDir).catch(() => [] as string[]);
  const out: JsonObject[] = [];
  for (const name of names.filter((n) => /^[0-9a-f]{8}\.json$/.test(n)).sort()) {
    try {
      out.push(JSON.parse(await readFile(join(keysDir, name), 'utf8')) as JsonObject);
    } catch {
      // An unreadable announcement trusts nothing; the log's key_rotation record is what verify relies on.
    }
  }
  return out;
}
