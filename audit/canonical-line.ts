// Fast acceptance of a stored record line from its bytes: canonical JCS layout, fields and hash, without JSON.parse.
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { AUDIT_KINDS } from './record-codec.ts';

/** What the verifier needs from a line the fast path accepted. Hashes are lowercase hex. */
export interface FastRecord {
  seq: number;
  kind: string;
  prev: string;
  hash: string;
  /** Byte offsets of the payload object within the loaded block (for checkpoint records, whose note is needed). */
  payloadStart: number;
  payloadEnd: number;
}

/**
 * Checks the lines of one block of whole lines (each ending in `\n`) at a time: per-block work (latin1
 * view, UTF-8 validation) is done once in `load`, and scans for control characters and backslashes
 * move forward through the block once.
 */
export interface FastLineCheck {
  /** Starts a block; `line` positions are byte offsets into it. The block must not change until the next load. */
  load(block: Buffer): void;
  /** Index of the newline that ends the line starting at `start`, or -1. */
  lineEnd(start: number): number;
  /**
   * The fields of line [start, end) if it is certainly a valid record whose `prev` is `expectedPrev`;
   * `null` means "not sure", never "bad": the caller then runs the full check (`checkLine`), which also
   * words the problem. The bytes are not modified.
   */
  line(start: number, end: number, expectedPrev: string): FastRecord | null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MAX_DEPTH = 64;
/**
 * `ts` as Date#toISOString writes it, with field ranges that Date.parse always accepts (the full check
 * calls Date.parse; anything else goes there).
 */
const ISO_TS = /^"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z"$/;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLowerHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);

// The scanners below take the line as a latin1 string (one character per byte, so indexes are byte
// offsets) and a position, and return the position after what they matched, or -1. Module-level
// functions with the string as a parameter keep V8's code monomorphic and inlinable.

/**
 * Index of the first raw control character (a byte below 0x20 other than the newline) at or after `from`
 * in `bytes`, or `bytes.length`. Such a byte is never canonical: JCS escapes them in strings and has no
 * whitespace. Four bytes at a time through `words` (the aligned Int32 view of `bytes` from `wordBase`):
 * (x - 0x20202020) & ~x & 0x80808080 is non-zero exactly when some byte of x is below 0x20.
 */
function nextControl(bytes: Buffer, words: Int32Array, wordBase: number, from: number): number {
  const isControl = (c: number): boolean => c < 0x20 && c !== 0x0a;
  const firstWord = from <= wordBase ? 0 : Math.ceil((from - wordBase) / 4);
  const wordsStart = wordBase + firstWord * 4;
  for (let i = from; i < wordsStart && i < bytes.length; i++) if (isControl(bytes[i] as number)) return i;
  for (let w = firstWord; w < words.length; w++) {
    const x = words[w] as number;
    if (((x - 0x20202020) & ~x & 0x80808080) !== 0) {
      const at = wordBase + w * 4;
      for (let i = at; i < at + 4; i++) if (isControl(bytes[i] as number)) return i;
    }
  }
  for (let i = Math.max(from, wordBase + words.length * 4); i < bytes.length; i++) if (isControl(bytes[i] as number)) return i;
  return bytes.length;
}

function literal(s: string, p: number, text: string): number {
  return p >= 0 && s.startsWith(text, p) ? p + text.length : -1;
}

/** A string at p. Without backslashes in the line a string ends at the next quote; else escapes are checked. */
function string(s: string, p: number, escapes: boolean): number {
  if (p < 0 || s.charCodeAt(p) !== QUOTE) return -1;
  if (!escapes) {
    const q = s.indexOf('"', p + 1);
    return q < 0 ? -1 : q + 1;
  }
  const end = s.length;
  p++;
  while (p < end) {
    const c = s.charCodeAt(p);
    if (c === QUOTE) return p + 1;
    if (c !== BACKSLASH) {
      p++;
      continue;
    }
    const e = s.charCodeAt(p + 1);
    // \" \\ \b \f \n \r \t
    if (e === 0x22 || e === 0x5c || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
      p += 2;
      continue;
    }
    // \u00xx, lowercase, only for control characters that have no short escape (not 08 09 0a 0c 0d)
    if (e === 0x75 && s.charCodeAt(p + 2) === 0x30 && s.charCodeAt(p + 3) === 0x30) {
      const high = s.charCodeAt(p + 4);
      const low = s.charCodeAt(p + 5);
      const short = low === 0x38 || low === 0x39 || low === 0x61 || low === 0x63 || low === 0x64;
      if ((high === 0x30 && isLowerHex(low) && !short) || (high === 0x31 && isLowerHex(low))) {
        p += 6;
        continue;
      }
    }
    return -1;
  }
  return -1;
}

/** A member name: ASCII, no escapes (so byte order is UTF-16 order). */
function name(s: string, p: number): number {
  if (s.charCodeAt(p) !== QUOTE) return -1;
  const q = s.indexOf('"', p + 1);
  if (q < 0) return -1;
  for (let i = p + 1; i < q; i++) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH || c >= 0x80) return -1;
  }
  return q + 1;
}

/** True when name [a0, a1) sorts strictly before name [b0, b1) (quotes included; a quote ends the shorter). */
function before(s: string, a0: number, a1: number, b0: number, b1: number): boolean {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 1; i < n; i++) {
    const x = s.charCodeAt(a0 + i);
    const y = s.charCodeAt(b0 + i);
    if (x !== y) return x === QUOTE || (y !== QUOTE && x < y);
  }
  return false;
}

/**
 * A number that is its own ECMAScript shortest form. Integers of up to 15 digits and plain decimals of up
 * to 15 significant digits with no trailing zero and magnitude at least 1e-6 are (such a decimal is the
 * only one of at most 15 digits that reads as its double, and JS prints that range without exponent);
 * anything else is checked with String(Number(text)).
 */
function number(s: string, p: number): number {
  const start = p;
  const negative = s.charCodeAt(p) === 0x2d;
  if (negative) p++;
  const intStart = p;
  const first = s.charCodeAt(p);
  if (first === 0x30) p++;
  else if (first > 0x30 && first <= 0x39) while (isDigit(s.charCodeAt(p))) p++;
  else return -1;
  const intDigits = p - intStart;
  let fracStart = -1;
  if (s.charCodeAt(p) === 0x2e) {
    p++;
    fracStart = p;
    if (!isDigit(s.charCodeAt(p))) return -1;
    while (isDigit(s.charCodeAt(p))) p++;
  }
  const fracEnd = p;
  let exponent = false;
  const e = s.charCodeAt(p);
  if (e === 0x65 || e === 0x45) {
    exponent = true;
    p++;
    if (s.charCodeAt(p) === 0x2b || s.charCodeAt(p) === 0x2d) p++;
    if (!isDigit(s.charCodeAt(p))) return -1;
    while (isDigit(s.charCodeAt(p))) p++;
  }
  if (!exponent) {
    if (fracStart < 0) {
      if (intDigits <= 15 && !(negative && first === 0x30)) return p;
    } else if (s.charCodeAt(fracEnd - 1) !== 0x30) {
      if (first !== 0x30) {
        if (intDigits + fracEnd - fracStart <= 15) return p;
      } else {
        let zeros = 0;
        while (s.charCodeAt(fracStart + zeros) === 0x30) zeros++;
        if (zeros <= 5 && fracEnd - fracStart - zeros <= 15) return p;
      }
    }
  }
  const text = s.slice(start, p);
  const value = Number(text);
  return Number.isFinite(value) && String(value) === text ? p : -1;
}

function value(s: string, p: number, depth: number, escapes: boolean): number {
  switch (s.charCodeAt(p)) {
    case QUOTE:
      return string(s, p, escapes);
    case 0x7b:
      return object(s, p, depth + 1, escapes);
    case 0x5b:
      return array(s, p, depth + 1, escapes);
    case 0x74:
      return literal(s, p, 'true');
    case 0x66:
      return literal(s, p, 'false');
    case 0x6e:
      return literal(s, p, 'null');
    default:
      return number(s, p);
  }
}

function object(s: string, p: number, depth: number, escapes: boolean): number {
  if (p < 0 || depth > MAX_DEPTH || s.charCodeAt(p) !== 0x7b) return -1;
  p++;
  if (s.charCodeAt(p) === 0x7d) return p + 1;
  let lastStart = -1;
  let lastEnd = -1;
  for (;;) {
    const keyEnd = name(s, p);
    if (keyEnd < 0 || (lastStart >= 0 && !before(s, lastStart, lastEnd, p, keyEnd)) || s.charCodeAt(keyEnd) !== COLON) return -1;
    lastStart = p;
    lastEnd = keyEnd;
    p = value(s, keyEnd + 1, depth, escapes);
    if (p < 0) return -1;
    const c = s.charCodeAt(p);
    if (c === COMMA) p++;
    else return c === 0x7d ? p + 1 : -1;
  }
}

function array(s: string, p: number, depth: number, escapes: boolean): number {
  if (depth > MAX_DEPTH) return -1;
  p++;
  if (s.charCodeAt(p) === 0x5d) return p + 1;
  for (;;) {
    p = value(s, p, depth, escapes);
    if (p < 0) return -1;
    const c = s.charCodeAt(p);
    if (c === COMMA) p++;
    else return c === 0x5d ? p + 1 : -1;
  }
}

/**
 * A checker for lines of chain `chain` exactly as the writer emits them (`encodeRecord`): the ten members in RFC 8785
 * order, no whitespace, strings with only the escapes JSON.stringify makes (`\"` `\\` `\b` `\f` `\n`
 * `\r` `\t`, lowercase `\u00xx` for the other control characters), valid UTF-8, integers or numbers
 * that are their own ECMAScript shortest form, member names ASCII without escapes and strictly
 * ascending, `ts` in Date#toISOString form. The hash is SHA-256 over the line's own bytes minus the
 * `"hash":"…",` member, checked against the stored one. Anything else (non-ASCII or escaped names,
 * deep nesting, an unknown kind, a wrong hash or prev) returns null for the full check. So an accepted
 * line is byte-identical to the JCS form of its parse, and the full check would accept it with the
 * same fields. Each checker owns a scratch buffer: one per verifier.
 */
export function createFastLineCheck(chain: string): FastLineCheck {
  // Chain ids are digits only, so this prefix is the exact canonical start of every line of the chain.
  const prefix = `{"chain":${JSON.stringify(chain)},"channel":`;
  let scratch = Buffer.alloc(4096);
  let bytes: Buffer = Buffer.alloc(0);
  let s = '';
  let words: Int32Array = new Int32Array(0);
  let wordBase = 0;
  let blockUtf8 = true;
  let controlAt = -1;
  let nextBackslash = -1;
  return {
    load(block) {
      bytes = block;
      s = block.toString('latin1');
      blockUtf8 = isUtf8(block);
      wordBase = Math.min(block.length, (4 - (block.byteOffset % 4)) % 4);
      words = new Int32Array(block.buffer, block.byteOffset + wordBase, (block.length - wordBase) >> 2);
      controlAt = -1;
      nextBackslash = -1;
    },
    lineEnd(start) {
      return s.indexOf('\n', start);
    },
    line(start, end, expectedPrev) {
      if (controlAt < start) controlAt = nextControl(bytes, words, wordBase, start);
      if (controlAt < end) return null;
      if (nextBackslash < start && nextBackslash !== s.length) {
        const at = s.indexOf('\\', start);
        nextBackslash = at < 0 ? s.length : at;
      }
      const escapes = nextBackslash < end;
      if (!blockUtf8 && !isUtf8(bytes.subarray(start, end))) return null;

      let p = string(s, literal(s, start, prefix), escapes);
      if (p < 0 || s.charCodeAt(p) !== COMMA) return null;
      const bodyCut = p + 1;
      const hashStart = literal(s, bodyCut, '"hash":"');
      const bodyResume = literal(s, hashStart + 64, '",');
      if (hashStart < 0 || bodyResume < 0) return null;
      const kindStart = literal(s, bodyResume, '"kind":');
      const kindEnd = string(s, kindStart, escapes);
      const payloadStart = literal(s, kindEnd, ',"payload":');
      p = object(s, payloadStart, 1, escapes);
      const payloadEnd = p;
      const prevStart = literal(s, p, ',"prev":"');
      if (prevStart < 0 || !s.startsWith(expectedPrev, prevStart)) return null;
      p = literal(s, prevStart + 64, '","principal":');
      p = s.charCodeAt(p) === QUOTE ? string(s, p, escapes) : literal(s, p, 'null');
      p = string(s, literal(s, p, ',"requestId":'), escapes);
      const seqStart = literal(s, p, ',"seq":');
      if (seqStart < 0 || s.charCodeAt(seqStart) === 0x30) return null;
      let seq = 0;
      for (p = seqStart; isDigit(s.charCodeAt(p)); p++) seq = seq * 10 + s.charCodeAt(p) - 0x30;
      if (p === seqStart || p - seqStart > 15) return null;
      const tsStart = literal(s, p, ',"ts":');
      // Every scan above moved forward from `start`; the line must end exactly after the ts member.
      if (tsStart < 0 || tsStart >= end || s.charCodeAt(end - 1) !== 0x7d || !ISO_TS.test(s.slice(tsStart, end - 1))) return null;
      const kind = s.slice(kindStart + 1, kindEnd - 1);
      if (!AUDIT_KINDS.has(kind)) return null;

      // The hashed body is the line without `"hash":"…",`: copy the two parts next to each other.
      const cutBytes = bodyCut - start;
      const bodyBytes = end - start - (bodyResume - bodyCut);
      if (scratch.length < bodyBytes) scratch = Buffer.alloc(bodyBytes * 2);
      bytes.copy(scratch, 0, start, bodyCut);
      bytes.copy(scratch, cutBytes, bodyResume, end);
      const stored = s.slice(hashStart, hashStart + 64);
      if (hash('sha256', scratch.subarray(0, bodyBytes), 'hex') !== stored) return null;
      return { seq, kind, prev: expectedPrev, hash: stored, payloadStart, payloadEnd };
    },
  };
}
