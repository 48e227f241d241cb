#!/usr/bin/env node
// Stand-alone check of an otq evidence bundle (plain Node >= 18, no dependencies): checksums, record hashes, keys, signed heads, Merkle inclusion.
// Usage: node verify-bundle.mjs [BUNDLE_DIR]   -> exit 0 and "bundle intact: ..." or exit 1 and what is wrong.
import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const sha256 = (data) => createHash('sha256').update(data).digest();

class BundleError extends Error {}
const fail = (message) => {
  throw new BundleError(message);
};

// RFC 8785 JSON canonicalization (sorted keys by UTF-16 code units, ECMAScript number and string forms).
function jcs(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .filter((k) => value[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`)
    .join(',')}}`;
}

// RFC 9162 section 2.1.3.2 inclusion proof verification.
function verifyInclusion(leaf, index, size, path, root) {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== 32 || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.concat([Buffer.from([1]), p, r]));
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha256(Buffer.concat([Buffer.from([1]), r, p]));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

// Signed-note key id: first 4 bytes of SHA-256("otq-audit\n" || 0x01 || 32-byte Ed25519 public key).
const rawKey = (key) => key.export({ format: 'der', type: 'spki' }).subarray(-32);
const keyIdOf = (key) =>
  sha256(Buffer.concat([Buffer.from('otq-audit\n'), Buffer.from([1]), rawKey(key)]))
    .subarray(0, 4)
    .toString('hex');

/** A stored record line: its hash must be SHA-256 of the JCS form of everything else. */
function checkedRecord(line, where) {
  const record = JSON.parse(line);
  const { hash, ...rest } = record;
  const computed = sha256(jcs(rest)).toString('hex');
  if (computed !== hash) fail(`${where}: record ${record.chain}:${record.seq} has hash ${hash} but its content hashes to ${computed}`);
  return record;
}

/** The anchor key and every key announced (signed by an already trusted key) in rotations.jsonl. */
function trustedKeys(dir) {
  const anchor = createPublicKey(readFileSync(join(dir, 'audit-pubkey.pem'), 'utf8'));
  const keys = new Map([[keyIdOf(anchor), anchor]]);
  const path = join(dir, 'rotations.jsonl');
  const announcements = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => checkedRecord(line, 'rotations.jsonl').payload)
    : [];
  for (let grew = true; grew;) {
    grew = false;
    for (const a of announcements) {
      const old = keys.get(a.oldKeyId);
      if (!old || keys.has(a.newKeyId)) continue;
      const key = createPublicKey(a.newPublicKey);
      const statement = `otq-audit key rotation\nold ${a.oldKeyId}\nnew ${keyIdOf(key)}\nkey ${rawKey(key).toString('base64')}\ntime ${a.time}\n`;
      if (a.statement !== statement || keyIdOf(key) !== a.newKeyId)
        fail(`rotations.jsonl: the announcement of key ${a.newKeyId} does not match its fields`);
      if (!verify(null, Buffer.from(statement), old, Buffer.from(a.signature, 'base64')))
        fail(`rotations.jsonl: the announcement of key ${a.newKeyId} is not signed by key ${a.oldKeyId}`);
      keys.set(a.newKeyId, key);
      grew = true;
    }
  }
  return keys;
}

/** A signed head (signed note): body up to the blank line, then "— otq-audit base64(keyid4 || sig64)". */
function checkedHead(dir, name, keys) {
  const note = readFileSync(join(dir, 'heads', name), 'utf8');
  const split = note.indexOf('\n\n');
  if (split < 0) fail(`heads/${name} is not a signed note`);
  const body = note.slice(0, split + 1);
  const [origin, sizeText, rootB64, headLine, timeLine] = body.split('\n');
  const chain = /^otq\.audit\/v1\/([0-9]{2,6})$/.exec(origin ?? '')?.[1];
  if (!chain || `${chain}.txt` !== name) fail(`heads/${name}: unexpected origin ${origin}`);
  const blob = Buffer.from(
    note
      .slice(split + 2)
      .trim()
      .split(' ')[2] ?? '',
    'base64',
  );
  const keyId = blob.subarray(0, 4).toString('hex');
  const key = keys.get(keyId);
  if (!key) fail(`heads/${name} is signed by key ${keyId}, which is neither audit-pubkey.pem nor announced in rotations.jsonl`);
  if (!verify(null, Buffer.from(body), key, blob.subarray(4))) fail(`heads/${name}: the signature does not verify with key ${keyId}`);
  return { chain, size: Number(sizeText), root: Buffer.from(rootB64, 'base64'), head: headLine, time: timeLine?.slice(5), keyId };
}

/** Checks the bundle in `dir`; returns the summary line or throws a BundleError saying what is wrong. */
export function verifyBundle(dir) {
  for (const line of readFileSync(join(dir, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean)) {
    const [sum, name] = line.split('  ');
    if (sha256(readFileSync(join(dir, name))).toString('hex') !== sum) fail(`${name} does not match its SHA256SUMS line`);
  }
  const keys = trustedKeys(dir);
  const heads = new Map(
    readdirSync(join(dir, 'heads'))
      .filter((n) => n.endsWith('.txt'))
      .map((n) => [n.slice(0, -4), checkedHead(dir, n, keys)]),
  );
  const proofs = new Map(
    readFileSync(join(dir, 'proofs.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const p = JSON.parse(l);
        return [`${p.chain}:${p.seq}`, p];
      }),
  );
  let proven = 0;
  for (const line of readFileSync(join(dir, 'records.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const record = checkedRecord(line, 'records.jsonl');
    const id = `${record.chain}:${record.seq}`;
    const head = heads.get(record.chain);
    if (!head) fail(`record ${id}: no signed head of chain ${record.chain} in heads/`);
    const proof = proofs.get(id);
    if (!proof) fail(`record ${id}: no inclusion proof in proofs.jsonl`);
    const leaf = sha256(Buffer.concat([Buffer.from([0]), Buffer.from(record.hash, 'hex')]));
    const path = proof.path.map((h) => Buffer.from(h, 'hex'));
    if (
      proof.treeSize !== head.size ||
      proof.leafIndex !== record.seq - 1 ||
      !verifyInclusion(leaf, record.seq - 1, head.size, path, head.root)
    )
      fail(`record ${id} is not in the signed head of chain ${record.chain} (size ${head.size})`);
    proven++;
  }
  const chains = [...heads.values()].map((h) => `${h.chain} (size ${h.size}, signed ${h.time} by key ${h.keyId})`).join(', ');
  return `bundle intact: ${proven} records proven against the signed heads of chain ${chains || '(none)'}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${verifyBundle(process.argv[2] ?? '.')}\n`);
  } catch (error) {
    process.stdout.write(`bundle NOT intact: ${error instanceof BundleError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
