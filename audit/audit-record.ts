// The shape of one evidence record and the interface every part uses to write them.
import type { Channel } from '../core/principal.ts';
import type { JsonObject } from '../core/json.ts';

export type AuditKind =
  | 'config'
  | 'auth'
  | 'model_invocation'
  | 'tool_call'
  | 'policy_decision'
  | 'data_access'
  | 'answer'
  | 'recovery'
  /** A user's rating of an answer, or a verification (or retirement) of an answer by a granted role. */
  | 'feedback'
  | 'checkpoint'
  | 'report'
  | 'key_rotation';

/** Who and where: attached to every record of one request. */
export interface AuditContext {
  /** Principal id, or null for system events and refused logins. */
  principal: string | null;
  channel: Channel;
  /** Correlates all records of one question / request. */
  requestId: string;
}

/** A record as stored: one JSONL line. `hash` = SHA-256 over the canonical JSON of all other fields. */
export interface AuditRecord {
  /**
   * The chain (one per concurrent writer of a log directory, see audit/README.md) the record belongs to; `seq`
   * counts within it. Always set by the file log; optional only so that in-memory fakes need not invent one.
   */
  chain?: string;
  seq: number;
  /** UTC, ISO-8601 with milliseconds. */
  ts: string;
  /** `hash` of the previous record (64 zeros for the first). */
  prev: string;
  kind: AuditKind;
  principal: string | null;
  channel: Channel;
  requestId: string;
  payload: JsonObject;
  hash: string;
}

/**
 * The evidence log. `record` enqueues the record at once (its seq is fixed by the call order) and resolves only
 * after it is durable and under a signed tree head. Callers that need no answer yet may start several records and
 * await only the last: batches commit in order, so the last one settling means all earlier ones did.
 */
export interface AuditLog {
  /** The chain this writer appends to (file log); evidence ids are `chain:seq`. */
  readonly chain?: string;
  record(kind: AuditKind, context: AuditContext, payload: JsonObject): Promise<AuditRecord>;
  close(): Promise<void>;
}
