// The byte-level fast path of verify: it accepts only what the full JCS check accepts, and verify still reports non-canonical lines.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditKind } from '../../audit/audit-record.ts';
import { createFastLineCheck, type FastRecord } from '../../audit/canonical-line.ts';
import { createChainVerifier, type ChainReport } from '../../audit/log-verifier.ts';
import { checkLine, encodeRecord, ZERO_HASH, type UnhashedRecord } from '../../audit/record-codec.ts';
import type { JsonObject, JsonValue } from '../../core/json.ts';

const HASH_MEMBER = /"hash":"[0-9a-f]{64}",/;

/** The fast verdict on one line, placed `offset` bytes into its buffer (the control-byte scan reads aligned words). */
function fastOne(line: Buffer | string, prev: string, offset = 0): FastRecord | null {
  const raw = Buffer.from(line as string);
  const bytes = Buffer.alloc(offset + raw.length + 1, 0x0a).subarray(offset);
  raw.copy(bytes);
  const check = createFastLineCheck('01');
  check.load(bytes);
  return check.line(0, bytes.length - 1, prev);
}

/** A line whose `hash` is SHA-256 over its own bytes minus the hash member, whatever those bytes are. */
function rehash(line: Buffer): Buffer {
  const text = line.toString('latin1');
  const match = HASH_MEMBER.exec(text);
  if (!match) return line;
  const body = Buffer.concat([line.subarray(0, match.index), line.subarray(match.index + match[0].length)]);
  const digest = createHash('sha256').update(body).digest('hex');
  return Buffer.concat([line.subarray(0, match.index), Buffer.from(`"hash":"${digest}",`), line.subarray(match.index + match[0].length)]);
}

function unhashed(seq: number, prev: string, payload: JsonObject, kind: AuditKind = 'data_access'): UnhashedRecord {
  return {
    chain: '01',
    seq,
    ts: `2025-03-01T00:00:0${seq % 10}.000Z`,
    prev,
    kind,
    principal: 'alice',
    channel: 'cli',
    requestId: `r${seq}`,
    payload,
  };
}
function record(seq: number, prev: string, payload: JsonObject, kind: AuditKind = 'data_access') {
  return encodeRecord(unhashed(seq, prev, payload, kind));
}

/** Verifies lines held in memory (no heads), like verifyAuditLog does with a segment's bytes. */
function verifyLines(lines: Buffer[]): ChainReport {
  const verifier = createChainVerifier('01');
  verifier.segment(0, 'segment-000001.jsonl');
  verifier.lines(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])), 0);
  return verifier.finish();
}

/** Three chained records; the middle line is replaced by `edit(line)` and re-hashed, the third is re-chained to it. */
function logWithEditedMiddle(payload: JsonObject, edit: (line: string) => string): Buffer[] {
  const first = record(1, ZERO_HASH, { n: 1 });
  const middle = rehash(Buffer.from(edit(record(2, first.record.hash, payload).line)));
  const middleHash = /"hash":"([0-9a-f]{64})"/.exec(middle.toString('latin1'))?.[1] as string;
  return [Buffer.from(first.line), middle, Buffer.from(record(3, middleHash, { n: 3 }).line)];
}

const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function randomValue(random: () => number, depth: number): JsonValue {
  const pick = Math.floor(random() * (depth > 2 ? 5 : 7));
  const chars = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\u000f', '\u001f', '\u007f', 'ü', '€', '😀', '\u2028', '\ufffd', '1'];
  switch (pick) {
    case 0:
      return Array.from({ length: Math.floor(random() * 6) }, () => chars[Math.floor(random() * chars.length)]).join('');
    case 1:
      return [0, -0, 1, -7, 12.5, 1e21, 1e-7, 123456789012345, 2 ** 53, 0.1 + 0.2, -1.5e300][Math.floor(random() * 11)] as number;
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
      return String(Math.floor(random() * 1000));
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const keys = ['a', 'b', 'B', 'aa', 'a b', '10', '9', '_', 'ü', 'a\nb', 'sql', 'rows'];
      const out: JsonObject = {};
      for (let i = Math.floor(random() * 5); i > 0; i--)
        out[keys[Math.floor(random() * keys.length)] as string] = randomValue(random, depth + 1);
      return out;
    }
  }
}

describe('fast line check', () => {
  it('accepts what the writer emits, with the same fields as the full check', () => {
    const { record: r, line } = record(7, 'ab'.repeat(32), {
      sql: 'SELECT \'x\' -- "quoted" \\ \u000f \u0000 \b\t\n\f\r ü€😀 \u2028',
      nested: { list: [1, -2, 12.5, 1e21, 5e-324, true, false, null, [], {}], 'a b': 'x', A: 1 },
      empty: '',
    });
    const fast = fastOne(line, r.prev);
    expect(fast).toMatchObject({ seq: 7, kind: 'data_access', prev: r.prev, hash: r.hash });
    const full = checkLine(line);
    expect(fast).toMatchObject(
      full.ok ? { seq: full.record.seq, kind: full.record.kind, prev: full.record.prev, hash: full.record.hash } : {},
    );
    expect(Buffer.from(line).toString('utf8', fast?.payloadStart, fast?.payloadEnd)).toBe(
      JSON.stringify(full.ok ? full.record.payload : null),
    );
  });

  it('accepts every kind of the AuditRecord contract, including report', () => {
    const { record: r, line } = record(1, ZERO_HASH, { report: 'daily' }, 'report');
    expect(fastOne(line, ZERO_HASH)).toMatchObject({ kind: 'report', hash: r.hash });
    expect(checkLine(line)).toMatchObject({ ok: true });
  });

  it('is unsure of a line with a raw control character at any byte position and any alignment', () => {
    const { line } = record(3, ZERO_HASH, { sql: 'SELECT 1', tables: ['t'] });
    const bytes = Buffer.from(line);
    const missed: string[] = [];
    for (let offset = 0; offset < 4; offset++) {
      expect(fastOne(bytes, ZERO_HASH, offset)).not.toBeNull();
      for (let at = 0; at < bytes.length; at++)
        for (const control of [0x00, 0x09, 0x0d, 0x1f]) {
          const edited = Buffer.from(bytes);
          edited[at] = control;
          if (fastOne(rehash(edited), ZERO_HASH, offset) !== null) missed.push(`offset ${offset} byte ${at} = ${control}`);
        }
    }
    expect(missed).toEqual([]);
  });

  it('accepts a number exactly when it is its own ECMAScript shortest form', () => {
    const random = mulberry32(7);
    const tokens = ['0', '-0', '1', '-1', '10', '0.5', '-0.5', '.5', '5.', '05', '1.50', '1.5', '0.000001', '0.0000001', '1e-7', '1E-7'];
    tokens.push('0.00001', '0.0000015', '123456789012345', '1234567890123456', '-123456789012345', '12345678901234.5', '1234567890123.45');
    tokens.push(
      '123456789012345.6',
      '0.123456789012345',
      '0.1234567890123456',
      '0.30000000000000004',
      '1e+21',
      '1e21',
      '100',
      '1e2',
      '-0.0',
      '9007199254740993',
    );
    for (let i = 0; i < 3000; i++) {
      const value = [random() * 10 ** Math.floor(random() * 30 - 10), Math.round(random() * 1e6) / 1000, Math.floor(random() * 1e16)][
        i % 3
      ] as number;
      const text = String(i % 2 ? -value : value);
      tokens.push(text, `${text}0`, text.replace(/^(-?)/, '$10'), text.includes('.') ? text : `${text}.0`);
    }
    for (let i = 0; i < 500; i++) {
      // 16 significant digits: some are a double's shortest form, some are not
      const digits = `${1 + Math.floor(random() * 9)}${Array.from({ length: 15 }, () => Math.floor(random() * 10)).join('')}`.replace(
        /0$/,
        '7',
      );
      const point = 1 + Math.floor(random() * 15);
      tokens.push(`${digits.slice(0, point)}.${digits.slice(point)}`, `0.${digits}`);
    }
    const template = record(1, ZERO_HASH, { x: 0 }).line;
    const wrong: string[] = [];
    for (const token of tokens) {
      const line = rehash(Buffer.from(template.replace('"x":0', `"x":${token}`)));
      const canonical = String(Number(token)) === token && /^-?\d/.test(token);
      if ((fastOne(line, ZERO_HASH) !== null) !== canonical) wrong.push(token);
    }
    expect(wrong).toEqual([]);
  });

  it('is unsure (null) of a line whose prev is not the expected one, or whose hash is wrong', () => {
    const { line } = record(2, 'cd'.repeat(32), { n: 1 });
    expect(fastOne(line, 'ab'.repeat(32))).toBeNull();
    expect(fastOne(line.replace(/"n":1/, '"n":2'), 'cd'.repeat(32))).toBeNull();
  });

  it('never accepts a line the full check refuses: random payloads, byte edits re-hashed so only canonical form can catch them', () => {
    const random = mulberry32(42);
    let accepted = 0;
    let editsTried = 0;
    for (let i = 0; i < 400; i++) {
      const payload = randomValue(random, 0);
      const { record: r, line } = record(
        1 + i,
        ZERO_HASH,
        typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : { v: payload },
      );
      const fast = fastOne(line, ZERO_HASH);
      if (fast) {
        accepted++;
        expect(fast.hash).toBe(r.hash);
      } else {
        // only names with escapes or non-ASCII characters may send a writer's line to the full check
        expect(line).toMatch(/"(?:[^"\\]|\\.)*(?:\\n|ü)(?:[^"\\]|\\.)*":/);
      }
      const bytes = Buffer.from(line);
      for (let k = 0; k < 12; k++) {
        const edited = Buffer.from(bytes);
        const at = Math.floor(random() * edited.length);
        edited[at] = [0x20, 0x5c, 0x22, 0x2c, 0x41, 0x30, 0x7b, 0xff, 0x0f, (edited[at] as number) ^ 0x20][
          Math.floor(random() * 10)
        ] as number;
        const candidate = rehash(edited);
        if (candidate.equals(bytes)) continue;
        editsTried++;
        const verdict = fastOne(candidate, ZERO_HASH);
        if (verdict === null) continue;
        // accepted: then it must be exactly the canonical form of its own parse, and the full check agrees
        const text = candidate.toString('utf8');
        expect(Buffer.from(text).equals(candidate), 'valid UTF-8').toBe(true);
        const full = checkLine(text);
        expect(full.ok, text).toBe(true);
        if (full.ok) expect(full.record.hash).toBe(verdict.hash);
      }
    }
    expect(accepted).toBeGreaterThan(300);
    expect(editsTried).toBeGreaterThan(4000);
  });
});

describe('verify with the fast path', () => {
  const payload = { sql: 'SELECT 1', note: 'a\u000fb', rows: 10, ok: true };
  it.each([
    ['an upper-case escape \\u000F', (l: string) => l.replace('\\u000f', '\\u000F')],
    ['an escaped slash', (l: string) => l.replace('SELECT 1', 'SELECT\\/1')],
    ['an escaped letter', (l: string) => l.replace('SELECT', '\\u0053ELECT')],
    ['a space after a colon', (l: string) => l.replace('"rows":10', '"rows": 10')],
    ['members out of order', (l: string) => l.replace('"note":"a\\u000fb","ok":true', '"ok":true,"note":"a\\u000fb"')],
    ['a duplicate member', (l: string) => l.replace('"rows":10', '"rows":11,"rows":10')],
    ['a number not in shortest form', (l: string) => l.replace('"rows":10', '"rows":10.0')],
    ['an exponent number', (l: string) => l.replace('"rows":10', '"rows":1e1')],
    ['a raw control character', (l: string) => l.replace('\\u000f', '\u000f')],
    ['a raw tab', (l: string) => l.replace('SELECT 1', 'SELECT\t1')],
  ])('reports a non-canonical line whose hash matches its bytes: %s', (_, edit) => {
    const lines = logWithEditedMiddle(payload, edit);
    expect(lines[1]?.toString('utf8')).not.toBe(record(2, ZERO_HASH, payload).line);
    const report = verifyLines(lines);
    expect(report).toMatchObject({ firstBadSeq: 2, problem: expect.any(String) });
    expect(report.problem).toMatch(/chain 01 segment-000001\.jsonl line 2: /);
  });

  it('reports invalid UTF-8 that decodes to the same text (U+FFFD replaced by one bad byte), which a text-only check would miss', () => {
    const first = record(1, ZERO_HASH, { q: 'x\ufffdy' });
    const bytes = Buffer.from(first.line);
    const at = bytes.indexOf(Buffer.from('\ufffd'));
    const forged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 3)]);
    expect(forged.toString('utf8')).toBe(first.line);
    expect(checkLine(forged.toString('utf8')).ok).toBe(true);
    const report = verifyLines([forged]);
    expect(report).toMatchObject({ firstBadSeq: 1, problem: expect.any(String) });
    expect(report.problem).toMatch(/line 1: line is not valid UTF-8/);
  });

  it('accepts canonical lines outside the fast subset through the full check (escaped and non-ASCII names, other ts forms)', () => {
    const first = record(1, ZERO_HASH, { 'a\nb': 1, ü: 'x', ['\u{1F600}']: 2 });
    const second = encodeRecord({ ...unhashed(2, first.record.hash, { n: 2 }), ts: '2025-03-01T00:00:02Z' });
    expect(fastOne(first.line, ZERO_HASH)).toBeNull();
    expect(fastOne(second.line, first.record.hash)).toBeNull();
    const report = verifyLines([Buffer.from(first.line), Buffer.from(second.line)]);
    expect(report.problem).toBeUndefined();
    expect(report.records).toBe(2);
  });

  it('treats as valid every ts shape the fast path accepts (Date.parse agrees on the whole range grid)', () => {
    for (let month = 1; month <= 12; month++)
      for (let day = 1; day <= 31; day++)
        for (const time of ['00:00:00.000', '23:59:59.999']) {
          const ts = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}Z`;
          const { record: r, line } = encodeRecord({ ...unhashed(1, ZERO_HASH, {}), ts });
          expect(fastOne(line, ZERO_HASH)?.hash, ts).toBe(r.hash);
          expect(Number.isNaN(Date.parse(ts)), ts).toBe(false);
        }
  });
});
