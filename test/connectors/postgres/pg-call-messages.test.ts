// The bytes of a connector call: otq's own statements each as Parse/Bind/Execute, the caller's text as its own Parse.
import { describe, expect, it } from 'vitest';
import {
  endTransactionMessages,
  executeMessage,
  flushMessage,
  prologueMessages,
  statementMessages,
  syncMessage,
} from '../../../connectors/postgres/pg-call-messages.ts';

/** Splits frontend messages into `type` letters, with the statement text of Parse and the row limit of Execute. */
function decode(buffers: Buffer[] | Buffer): string[] {
  const bytes = Buffer.isBuffer(buffers) ? buffers : Buffer.concat(buffers);
  const out: string[] = [];
  for (let at = 0; at < bytes.length;) {
    const type = String.fromCharCode(bytes[at]!);
    const length = bytes.readInt32BE(at + 1);
    const body = bytes.subarray(at + 5, at + 1 + length);
    if (type === 'P') out.push(`P ${body.subarray(body.indexOf(0) + 1, body.indexOf(0, body.indexOf(0) + 1)).toString()}`);
    else if (type === 'E') out.push(`E ${body.readInt32BE(body.indexOf(0) + 1)}`);
    else out.push(type);
    at += 1 + length;
  }
  return out;
}

describe('call messages', () => {
  it('opens a read-only transaction with both timeouts, each its own statement', () => {
    expect(decode(prologueMessages(1500, 700))).toEqual([
      'P BEGIN READ ONLY',
      'B',
      'E 0',
      'P SET LOCAL statement_timeout = 1500',
      'B',
      'E 0',
      'P SET LOCAL lock_timeout = 700',
      'B',
      'E 0',
    ]);
  });

  it('sends the caller text untouched as one Parse, then Bind and Describe of the portal', () => {
    const text = "SELECT 'a;b' -- COMMIT; DROP TABLE x";
    expect(decode(statementMessages(text))).toEqual([`P ${text}`, 'B', 'D']);
    expect(decode(executeMessage(10_001))).toEqual(['E 10001']);
  });

  it('ends with ROLLBACK, the advisory-lock release and Sync', () => {
    expect(decode(endTransactionMessages)).toEqual([
      'P ROLLBACK',
      'B',
      'E 0',
      'P SELECT pg_catalog.pg_advisory_unlock_all()',
      'B',
      'E 0',
      'S',
    ]);
    expect(decode([flushMessage, syncMessage])).toEqual(['H', 'S']);
  });
});
