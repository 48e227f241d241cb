#!/usr/bin/env node
// Stand-alone check of an otq evidence bundle (plain Node >= 18, no dependencies): record hashes, Merkle inclusion, signed checkpoint.
// Usage: node verify-bundle.mjs [BUNDLE_DIR]   -> exit 0 and "bundle intact: ..." or exit 1 and what is wrong.
import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const dir = process.argv[2] ?? '.';
const read = (name) => readFileSync(join(dir, name), 'utf8');
const sha256 = (data) => createHash('sha256').update(data).digest();
const fail = (message) => {
  process.stdout.write(`bundle NOT intact: ${message}\n`);
  process.exit(1);
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
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
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

// 1. The checkpoint: signed-note body up to the blank line, signature line "— otq-audit base64(keyid4 || sig64)".
const note = read('checkpoint.txt');
const split = note.indexOf('\n\n');
if (split < 0) fail('checkpoint.txt is not a signed note');
const body = note.slice(0, split + 1);
const [origin, sizeText, rootB64, headLine] = body.split('\n');
if (origin !== 'otq.audit/v1') fail(`unexpected checkpoint origin ${origin}`);
const sigB64 =
  note
    .slice(split + 2)
    .trim()
    .split(' ')[2] ?? '';
const signature = Buffer.from(sigB64, 'base64').subarray(4);
const publicKey = createPublicKey(read('audit-pubkey.pem'));
if (!verify(null, Buffer.from(body), publicKey, signature)) fail('the checkpoint signature does not verify with audit-pubkey.pem');
const size = Number(sizeText);
const root = Buffer.from(rootB64, 'base64');

// 2. Every record: its hash, and its inclusion in the signed tree.
const proofs = new Map(
  read('proofs.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const p = JSON.parse(l);
      return [p.seq, p];
    }),
);
let proven = 0;
let unproven = 0;
for (const line of read('records.jsonl').split('\n').filter(Boolean)) {
  const record = JSON.parse(line);
  const { hash, ...rest } = record;
  const computed = sha256(jcs(rest)).toString('hex');
  if (computed !== hash) fail(`record seq ${record.seq}: hash ${hash} but its content hashes to ${computed}`);
  const proof = proofs.get(record.seq);
  if (!proof) {
    unproven++;
    continue;
  }
  const leaf = sha256(Buffer.concat([Buffer.from([0]), Buffer.from(hash, 'hex')]));
  if (
    proof.treeSize !== size ||
    !verifyInclusion(
      leaf,
      record.seq - 1,
      size,
      proof.path.map((h) => Buffer.from(h, 'hex')),
      root,
    )
  ) {
    fail(`record seq ${record.seq} is not in the signed log of size ${size}`);
  }
  proven++;
}
process.stdout.write(
  `bundle intact: ${proven} records proven against the checkpoint of size ${size} (${headLine}), signed by the key in audit-pubkey.pem${unproven ? `; ${unproven} later records not yet covered by a checkpoint (hash checked only)` : ''}\n`,
);
