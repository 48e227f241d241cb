// The protocol messages of one connector call, serialised with pg's own serializer (pg-protocol); constant parts built once.
import { serialize } from 'pg-protocol';

/**
 * Names of otq's own statements already prepared on one connection. Preparing them once (named Parse) saves the
 * server a parse and plan per call; the caller adds `preparing` names after a call succeeded and clears the set
 * (with DEALLOCATE ALL on the server) after any failure, so both sides always agree.
 */
export type PreparedNames = Set<string>;

/** At most this many of otq's statements are kept prepared per connection (timeouts vary per call). */
const maxPrepared = 16;

const executeAll = serialize.execute({ portal: '', rows: 0 });
const describePortal = serialize.describe({ type: 'P', name: '' });
const bindUnnamed = serialize.bind({ portal: '', statement: '', values: [] });

/** Flush: the server sends what it has without ending the pipeline. */
export const flushMessage = serialize.flush();
/** Sync: ends the pipeline; after an error the server skips everything up to here. */
export const syncMessage = serialize.sync();

/** Parse (first time on this connection only), Bind and Execute of one of otq's own statements. */
function trusted(name: string, text: string, prepared: PreparedNames, preparing: string[]): Buffer[] {
  if (prepared.has(name)) return [serialize.bind({ portal: '', statement: name, values: [] }), executeAll];
  if (prepared.size + preparing.length >= maxPrepared) return [serialize.parse({ name: '', text, types: [] }), bindUnnamed, executeAll];
  preparing.push(name);
  return [serialize.parse({ name, text, types: [] }), serialize.bind({ portal: '', statement: name, values: [] }), executeAll];
}

/** ROLLBACK, release of session-level advisory locks (they survive a rollback), Sync. */
export function endTransactionMessages(prepared: PreparedNames, preparing: string[]): Buffer[] {
  return [
    ...trusted('otq_rollback', 'ROLLBACK', prepared, preparing),
    ...trusted('otq_unlock', 'SELECT pg_catalog.pg_advisory_unlock_all()', prepared, preparing),
    syncMessage,
  ];
}

/** BEGIN READ ONLY and the two SET LOCAL timeouts (whole milliseconds, already validated by the caller). */
export function prologueMessages(timeoutMs: number, lockTimeoutMs: number, prepared: PreparedNames, preparing: string[]): Buffer[] {
  return [
    ...trusted('otq_begin', 'BEGIN READ ONLY', prepared, preparing),
    ...trusted(`otq_statement_timeout_${timeoutMs}`, `SET LOCAL statement_timeout = ${timeoutMs}`, prepared, preparing),
    ...trusted(`otq_lock_timeout_${lockTimeoutMs}`, `SET LOCAL lock_timeout = ${lockTimeoutMs}`, prepared, preparing),
  ];
}

/** The caller's text as its own unnamed Parse, bound to the unnamed portal and described (row description or NoData). */
export function statementMessages(text: string): Buffer[] {
  return [serialize.parse({ name: '', text, types: [] }), bindUnnamed, describePortal];
}

/** Execute of the unnamed portal for at most `rows` rows (a positive integer). */
export function executeMessage(rows: number): Buffer {
  return serialize.execute({ portal: '', rows });
}
