// The bytes of a connector call: otq's own statements prepared once per connection, the caller's text as its own unnamed Parse.
import { describe, expect, it } from 'vitest';
import {
  endTransactionMessages,
  executeMessage,
  flushMessage,
  prologueMessages,
  statementMessages,
  syncMessage,
  type PreparedNames,
} from '../../../connectors/postgres/pg-call-messages.ts';

/** Frontend messages as text: `P name: statement`, `B statement`, `E rows`, or the type letter. */
function decode(buffers: Buffer[] | Buffer): string[] {
  const bytes = Buffer.isBuffer(buffers) ? buffers : Buffer.concat(buffers);
  const out: string[] = [];
  for (let at = 0; at < bytes.length;) {
    const type = String.fromCharCode(bytes[at]!);
    const length = bytes.readInt32BE(at + 1);
    const strings = bytes
      .subarray(at + 5, at + 1 + length)
      .toString('latin1')
      .split('\0');
    if (type === 'P') out.push(`P ${strings[0]}: ${strings[1]}`);
    else if (type === 'B') out.push(`B ${strings[1]}`);
    else if (type === 'E') out.push(`E ${bytes.readInt32BE(at + 5 + strings[0]!.length + 1)}`);
    else out.push(type);
    at += 1 + length;
  }
  return out;
}

describe('call messages', () => {
  it('opens a read-only transaction with both timeouts, each its own statement, prepared the first time only', () => {
    const prepared: PreparedNames = new Set();
    const preparing: string[] = [];
    expect(decode(prologueMessages(1500, 700, prepared, preparing))).toEqual([
      'P otq_begin: BEGIN READ ONLY',
      'B otq_begin',
      'E 0',
      'P otq_statement_timeout_1500: SET LOCAL statement_timeout = 1500',
      'B otq_statement_timeout_1500',
      'E 0',
      'P otq_lock_timeout_700: SET LOCAL lock_timeout = 700',
      'B otq_lock_timeout_700',
      'E 0',
    ]);
    for (const name of preparing) prepared.add(name);
    expect(decode(prologueMessages(1500, 700, prepared, []))).toEqual([
      'B otq_begin',
      'E 0',
      'B otq_statement_timeout_1500',
      'E 0',
      'B otq_lock_timeout_700',
      'E 0',
    ]);
  });

  it('keeps at most 16 prepared; further timeout values go unnamed', () => {
    const prepared: PreparedNames = new Set(Array.from({ length: 16 }, (_, i) => `otq_x${i}`));
    const preparing: string[] = [];
    expect(decode(prologueMessages(999, 998, prepared, preparing)).slice(3)).toEqual([
      'P : SET LOCAL statement_timeout = 999',
      'B ',
      'E 0',
      'P : SET LOCAL lock_timeout = 998',
      'B ',
      'E 0',
    ]);
    expect(preparing).toEqual([]);
  });

  it('sends the caller text untouched as one unnamed Parse, then Bind and Describe of the portal', () => {
    const text = "SELECT 'a;b' -- COMMIT; DROP TABLE x";
    expect(decode(statementMessages(text))).toEqual([`P : ${text}`, 'B ', 'D']);
    expect(decode(executeMessage(10_001))).toEqual(['E 10001']);
  });

  it('ends with ROLLBACK, the advisory-lock release and Sync', () => {
    const preparing: string[] = [];
    expect(decode(endTransactionMessages(new Set(), preparing))).toEqual([
      'P otq_rollback: ROLLBACK',
      'B otq_rollback',
      'E 0',
      'P otq_unlock: SELECT pg_catalog.pg_advisory_unlock_all()',
      'B otq_unlock',
      'E 0',
      'S',
    ]);
    expect(decode(endTransactionMessages(new Set(preparing), []))).toEqual(['B otq_rollback', 'E 0', 'B otq_unlock', 'E 0', 'S']);
    expect(decode([flushMessage, syncMessage])).toEqual(['H', 'S']);
  });
});
