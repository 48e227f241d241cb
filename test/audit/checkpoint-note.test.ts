// Checkpoint notes are parsed strictly: a note that decodes to the same signature from different bytes is refused.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCheckpointNote, signCheckpoint } from '../../audit/checkpoint-note.ts';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('parseCheckpointNote', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const checkpoint = signCheckpoint(privateKey, publicKey, {
    chain: '01',
    size: 3,
    root: 'ab'.repeat(32),
    head: 'cd'.repeat(32),
    time: '2026-11-26T11:00:00.000Z',
  });

  it('accepts the note it signed', () => {
    expect(parseCheckpointNote(checkpoint.note)).toMatchObject({ ok: true, checkpoint: { chain: '01', size: 3 } });
    expect(checkpoint.note.split('\n')[0]).toBe('otq.audit/v1/01');
  });

  it('refuses a signature whose last base64 character differs only in bits the decoder ignores', () => {
    // 68 bytes encode to 92 characters ending in "X=": X carries 4 data bits and 2 unused ones.
    const match = /— otq-audit ([A-Za-z0-9+/]+)(=*)\n$/.exec(checkpoint.note)!;
    const [, chars, padding] = match;
    const last = chars!.at(-1)!;
    const twin = BASE64[BASE64.indexOf(last) ^ 0b01]!;
    const forged = checkpoint.note.replace(`${chars}${padding}\n`, `${chars!.slice(0, -1)}${twin}${padding}\n`);
    expect(forged).not.toBe(checkpoint.note);
    expect(Buffer.from(`${chars!.slice(0, -1)}${twin}${padding}`, 'base64')).toEqual(Buffer.from(`${chars}${padding}`, 'base64'));
    expect(parseCheckpointNote(forged)).toEqual({ ok: false, problem: 'signature is not in canonical base64' });
  });
});
