// Encoding and checking of one audit record line: canonical JSON, SHA-256 hash, the line format on disk.
import { hash } from 'node:crypto';
import type { AuditKind, AuditRecord } from './audit-record.ts';
import { canonicalize } from './jcs.ts';

/** `prev` of the first record. */
export const ZERO_HASH = '0'.repeat(64);

/** Every kind of AuditKind once; a Record so that a kind added to the union fails to compile until it is listed here. */
const KINDS: Record<AuditKind, true> = {
  config: true,
  auth: true,
  model_invocation: true,
  tool_call: true,
  policy_decision: true,
  data_access: true,
  answer: true,
  recovery: true,
  checkpoint: true,
  report: true,
  key_rotation: true,
  feedback: true,
};

/** The record kinds a stored line may carry (all of AuditKind). */
export const AUDIT_KINDS: ReadonlySet<string> = new Set<string>(Object.keys(KINDS));

/** A record before hashing; stored records always carry their chain. */
export type UnhashedRecord = Omit<AuditRecord, 'hash' | 'chain'> & { chain: string };

/** A chain id: two to six digits (`01`, `02`, ...), the slot a writer took in the log directory. */
export const CHAIN_ID = /^[0-9]{2,6}$/;

/** SHA-256 (hex) of the RFC 8785 canonical JSON of the record without `hash`. */
export function hashRecord(record: UnhashedRecord): string {
  return hash('sha256', canonicalize(record), 'hex');
}

/**
 * The stored line (without the newline): the canonical JSON of the whole record, hash included.
 * Because members are sorted, `"hash"` sits right after `"chain"` and `"channel"`; removing that one
 * member gives back exactly the bytes that were hashed.
 */
export function encodeRecord(record: UnhashedRecord): { record: AuditRecord & { chain: string }; line: string } {
  const body = canonicalize(record);
  const recordHash = hash('sha256', body, 'hex');
  return { record: { ...record, hash: recordHash }, line: insertHash(body, record.chain, record.channel, recordHash) };
}

/** Offset of the `"hash"` member in a stored line: after `{"chain":…,"channel":…,`. */
function hashOffset(chain: string, channel: string): number {
  return '{"chain":'.length + JSON.stringify(chain).length + ',"channel":'.length + JSON.stringify(channel).length + 1;
}

function insertHash(body: string, chain: string, channel: string, recordHash: string): string {
  const at = hashOffset(chain, channel);
  return `${body.slice(0, at)}"hash":"${recordHash}",${body.slice(at)}`;
}

/** The outcome of checking one line on its own (chain and sequence are checked by the caller). */
export type LineCheck = { ok: true; record: AuditRecord & { chain: string } } | { ok: false; problem: string; seq?: number };

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Parses one stored line and checks it: well-formed JSON, the field set of AuditRecord, the hash, and
 * that the line itself is canonical (so even a change that keeps the meaning, like `\u000F` for
 * `\u000f`, is caught). Fast path: the line must equal JSON.stringify of its parse with sorted keys
 * (identical to JCS for such values), and the hash is taken over the line minus its `hash` member;
 * anything unusual (integer-like keys, escaped surrogates) falls back to the full JCS computation.
 */
export function checkLine(line: string): LineCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'line is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problem: 'line is not a JSON object' };
  const r = parsed as Record<string, unknown>;
  const seq = typeof r.seq === 'number' ? r.seq : undefined;
  const fail = (problem: string): LineCheck => (seq === undefined ? { ok: false, problem } : { ok: false, problem, seq });
  const shapeProblem = recordShapeProblem(r);
  if (shapeProblem) return fail(shapeProblem);
  const record = r as unknown as AuditRecord & { chain: string };
  const at = hashOffset(record.chain, record.channel);
  const member = `"hash":"${record.hash}",`;
  const fastCanonical = line.startsWith(member, at) && !line.includes('\\ud') && JSON.stringify(parsed) === line && keysSorted(parsed);
  let computed: string;
  if (fastCanonical) {
    computed = hash('sha256', line.slice(0, at) + line.slice(at + member.length), 'hex');
  } else {
    const rest: Partial<AuditRecord> = { ...record };
    delete rest.hash;
    let body: string;
    try {
      body = canonicalize(rest);
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    computed = hash('sha256', body, 'hex');
    if (computed === record.hash && insertHash(body, record.chain, record.channel, record.hash) !== line) {
      return fail('line is not in canonical form (bytes differ from RFC 8785 JCS)');
    }
  }
  if (computed !== record.hash)
    return fail(`hash mismatch: stored ${record.hash.slice(0, 12)}…, content hashes to ${computed.slice(0, 12)}…`);
  return { ok: true, record };
}

/** True when every object's keys (at any depth) are in strictly ascending UTF-16 order. */
function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysSorted(item)) return false;
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) >= (keys[i] as string)) return false;
  for (const key of keys) if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  return true;
}

function recordShapeProblem(r: Record<string, unknown>): string | undefined {
  const keys = Object.keys(r);
  if (keys.length !== 10) return `record has fields [${keys.join(', ')}], expected the 10 fields of AuditRecord`;
  if (typeof r.chain !== 'string' || !CHAIN_ID.test(r.chain)) return 'chain is not a chain id (two to six digits)';
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 1) return 'seq is not a positive integer';
  if (typeof r.ts !== 'string' || Number.isNaN(Date.parse(r.ts))) return 'ts is not a timestamp';
  if (typeof r.prev !== 'string' || !HEX64.test(r.prev)) return 'prev is not a SHA-256 hex digest';
  if (typeof r.hash !== 'string' || !HEX64.test(r.hash)) return 'hash is not a SHA-256 hex digest';
  if (typeof r.kind !== 'string' || !AUDIT_KINDS.has(r.kind)) return `unknown kind ${JSON.stringify(r.kind)}`;
  if (r.principal !== null && typeof r.principal !== 'string') return 'principal is neither a string nor null';
  if (typeof r.channel !== 'string') return 'channel is not a string';
  if (typeof r.requestId !== 'string') return 'requestId is not a string';
  if (typeof r.payload !== 'object' || r.payload === null || Array.isArray(r.payload)) return 'payload is not an object';
  return undefined;
}
