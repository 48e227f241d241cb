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
  | 'checkpoint'
  | 'report';

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

/** The evidence log. `record` resolves only after the record is durable (fsynced). */
export interface AuditLog {
  record(kind: AuditKind, context: AuditContext, payload: JsonObject): Promise<AuditRecord>;
  close(): Promise<void>;
}
