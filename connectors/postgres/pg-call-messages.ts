// The protocol messages of one connector call, serialised with pg's own serializer (pg-protocol); constant parts built once.
import { serialize } from 'pg-protocol';

/** otq's epilogue: session-level advisory locks survive ROLLBACK, so they are released explicitly. */
const unlockAll = 'SELECT pg_catalog.pg_advisory_unlock_all()';

const bindUnnamed = serialize.bind({ portal: '', statement: '', values: [] });
const executeAll = serialize.execute({ portal: '', rows: 0 });
const describePortal = serialize.describe({ type: 'P', name: '' });

/** Flush: the server sends what it has without ending the pipeline. */
export const flushMessage = serialize.flush();
/** Sync: ends the pipeline; after an error the server skips everything up to here. */
export const syncMessage = serialize.sync();

/** Parse/Bind/Execute of one of otq's own statements (unnamed statement and portal, all rows). */
function trusted(text: string): Buffer[] {
  return [serialize.parse({ name: '', text, types: [] }), bindUnnamed, executeAll];
}

/** ROLLBACK, release of advisory locks, Sync: the same bytes for every call. */
export const endTransactionMessages: Buffer = Buffer.concat([...trusted('ROLLBACK'), ...trusted(unlockAll), syncMessage]);

/** BEGIN READ ONLY and the two SET LOCAL timeouts (whole milliseconds, already validated by the caller). */
export function prologueMessages(timeoutMs: number, lockTimeoutMs: number): Buffer[] {
  return [
    ...trusted('BEGIN READ ONLY'),
    ...trusted(`SET LOCAL statement_timeout = ${timeoutMs}`),
    ...trusted(`SET LOCAL lock_timeout = ${lockTimeoutMs}`),
  ];
}

/** The caller's text as its own Parse, bound to the unnamed portal and described (row description or NoData). */
export function statementMessages(text: string): Buffer[] {
  return [serialize.parse({ name: '', text, types: [] }), bindUnnamed, describePortal];
}

/** Execute of the unnamed portal for at most `rows` rows (a positive integer). */
export function executeMessage(rows: number): Buffer {
  return serialize.execute({ portal: '', rows });
}
