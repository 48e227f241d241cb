// Signed tree heads (checkpoints) in the signed-note / C2SP tlog-checkpoint text format: format, sign, parse, verify.
import { sign, verify, type KeyObject } from 'node:crypto';
import { CHAIN_ID } from './record-codec.ts';
import { KEY_NAME, keyIdOf } from './signing-key.ts';

/** Origin prefix of every checkpoint: names the log format; the chain id follows (`otq.audit/v1/01`). */
export const CHECKPOINT_ORIGIN = 'otq.audit/v1';

/** The origin line of a chain's checkpoints: each chain is a log of its own in the C2SP sense. */
export function originOf(chain: string): string {
  return `${CHECKPOINT_ORIGIN}/${chain}`;
}

/** A signed statement that chain `chain` had `size` records with Merkle root `root` and last hash `head`. */
export interface Checkpoint {
  chain: string;
  size: number;
  /** RFC 6962 Merkle root over the record hashes of seq 1..size (hex; base64 inside the note). */
  root: string;
  /** `hash` of record `size` (64 zeros when size is 0). */
  head: string;
  /** When it was signed (UTC ISO-8601). */
  time: string;
  /** Key id from the signature line (hex). */
  keyId: string;
  /** The full note text: body, blank line, signature line. */
  note: string;
}

/** The signed text: origin, size, base64 root, then `head` and `time` extension lines. */
export function checkpointBody(c: Pick<Checkpoint, 'chain' | 'size' | 'root' | 'head' | 'time'>): string {
  return `${originOf(c.chain)}\n${c.size}\n${Buffer.from(c.root, 'hex').toString('base64')}\nhead ${c.head}\ntime ${c.time}\n`;
}

/**
 * Signs a checkpoint with Ed25519 over the body bytes; the signature line is `— otq-audit base64(keyid4 || sig64)`.
 * `keyId` is `keyIdOf(publicKey)`, passed by a writer that signs every batch (deriving it exports the key each time).
 */
export function signCheckpoint(
  privateKey: KeyObject,
  publicKey: KeyObject,
  c: Pick<Checkpoint, 'chain' | 'size' | 'root' | 'head' | 'time'>,
  keyId: string = keyIdOf(publicKey),
): Checkpoint {
  const body = checkpointBody(c);
  const signature = sign(null, Buffer.from(body), privateKey);
  const sigLine = `— ${KEY_NAME} ${Buffer.concat([Buffer.from(keyId, 'hex'), signature]).toString('base64')}`;
  return { ...c, keyId, note: `${body}\n${sigLine}\n` };
}

export type ParsedNote = { ok: true; checkpoint: Checkpoint; body: string; signature: Buffer } | { ok: false; problem: string };

/** Parses one note (strictly: exact line structure, canonical numbers and encodings). */
export function parseCheckpointNote(note: string): ParsedNote {
  const split = note.indexOf('\n\n');
  if (split < 0 || !note.endsWith('\n'))
    return { ok: false, problem: 'not a signed note (no blank line between body and signature, or no final newline)' };
  const body = note.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  const sigLines = note.slice(split + 2, -1).split('\n');
  const chain = (lines[0] ?? '').slice(CHECKPOINT_ORIGIN.length + 1);
  if (lines.length !== 5 || lines[0] !== originOf(chain) || !CHAIN_ID.test(chain))
    return { ok: false, problem: `checkpoint body must be 5 lines starting with ${CHECKPOINT_ORIGIN}/<chain id>` };
  const [, sizeText = '', rootB64 = '', headLine = '', timeLine = ''] = lines;
  const size = Number(sizeText);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(size))
    return { ok: false, problem: `checkpoint size ${JSON.stringify(sizeText)} is not a decimal integer` };
  const root = Buffer.from(rootB64, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootB64)
    return { ok: false, problem: 'checkpoint root is not a base64 SHA-256 hash' };
  if (!/^head [0-9a-f]{64}$/.test(headLine)) return { ok: false, problem: 'checkpoint head line malformed' };
  if (!/^time \S+$/.test(timeLine) || Number.isNaN(Date.parse(timeLine.slice(5))))
    return { ok: false, problem: 'checkpoint time line malformed' };
  if (sigLines.length !== 1) return { ok: false, problem: `expected exactly one signature line, found ${sigLines.length}` };
  const match = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(sigLines[0] ?? '');
  if (!match || match[1] !== KEY_NAME) return { ok: false, problem: `signature line malformed (expected "— ${KEY_NAME} <base64>")` };
  const blob = Buffer.from(match[2] ?? '', 'base64');
  if (blob.length !== 68) return { ok: false, problem: 'signature is not 4 key-id bytes + 64 Ed25519 bytes' };
  // Base64 decoders ignore the unused low bits of the last character, so several texts decode to the same signature:
  // only the canonical encoding is accepted, so that any change to the note's bytes is caught.
  if (blob.toString('base64') !== match[2]) return { ok: false, problem: 'signature is not in canonical base64' };
  return {
    ok: true,
    body,
    signature: blob.subarray(4),
    checkpoint: {
      chain,
      size,
      root: root.toString('hex'),
      head: headLine.slice(5),
      time: timeLine.slice(5),
      keyId: blob.subarray(0, 4).toString('hex'),
      note,
    },
  };
}

/**
 * Checks a parsed note's signature against the trusted keys (key id -> key: the anchor and the keys announced by
 * rotation records); returns a problem text or undefined when it verifies.
 */
export function checkpointSignatureProblem(
  parsed: Extract<ParsedNote, { ok: true }>,
  trusted: ReadonlyMap<string, KeyObject>,
): string | undefined {
  const c = parsed.checkpoint;
  const key = trusted.get(c.keyId);
  if (!key) {
    return `checkpoint of size ${c.size} (chain ${c.chain}) is signed by key id ${c.keyId}, which is neither the given public key nor announced by a key rotation (trusted: ${[...trusted.keys()].join(', ')})`;
  }
  if (!verify(null, Buffer.from(parsed.body), key, parsed.signature)) {
    return `checkpoint of size ${c.size} (chain ${c.chain}): Ed25519 signature does not verify (forged or altered checkpoint)`;
  }
  return undefined;
}

/** One checkpoint read from a file, with where it was found. */
export interface FileCheckpoint {
  where: string;
  parsed: ParsedNote;
}

/**
 * Reads a checkpoints file: either notes separated by blank lines (the log's `checkpoints.txt`), or
 * syslog lines carrying `note=<base64 note>` (what the forwarder sent, as stored by a SIEM).
 */
export function parseCheckpointFile(text: string, name: string): FileCheckpoint[] {
  const out: FileCheckpoint[] = [];
  const syslog = !text.startsWith(`${CHECKPOINT_ORIGIN}/`) && text.includes(' note=');
  if (!syslog) {
    const lines = text.split('\n');
    let start = 0;
    let blankSeen = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] !== '') continue;
      blankSeen++;
      if (blankSeen % 2 === 0) {
        out.push({ where: `${name} line ${start + 1}`, parsed: parseCheckpointNote(`${lines.slice(start, i).join('\n')}\n`) });
        start = i + 1;
      }
    }
    const rest = lines.slice(start).join('\n');
    if (rest !== '')
      out.push({ where: `${name} line ${start + 1}`, parsed: { ok: false, problem: 'incomplete checkpoint at the end of the file' } });
    return out;
  }
  text.split('\n').forEach((line, index) => {
    const at = line.indexOf(' note=');
    if (at < 0) return;
    const note = Buffer.from(line.slice(at + 6).trim(), 'base64').toString('utf8');
    out.push({ where: `${name} line ${index + 1}`, parsed: parseCheckpointNote(note) });
  });
  return out;
}

/** Length (in characters) of the prefix of a checkpoints file made of complete notes; the rest is a torn tail. */
export function completeNotesLength(text: string): number {
  let blanks = 0;
  let end = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    if (nl === pos) {
      blanks++;
      if (blanks % 2 === 0) end = nl + 1;
    }
    pos = nl + 1;
  }
  return end;
}
