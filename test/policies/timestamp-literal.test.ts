// Timestamp literals the guard reads to prove a statement stays inside its time window: exact or not at all.
import { describe, expect, it } from 'vitest';
import { timestampLiteralMs } from '../../policies/timestamp-literal.ts';

describe('timestampLiteralMs', () => {
  it.each([
    ['2026-10-03T00:00:00Z', true, '2026-10-03T00:00:00.000Z'],
    ['2026-10-03 00:00:00+00', true, '2026-10-03T00:00:00.000Z'],
    ['2026-10-03 02:30:00+02:30', true, '2026-10-03T00:00:00.000Z'],
    ['2026-10-02 19:00:00-0500', true, '2026-10-03T00:00:00.000Z'],
    ['2026-10-03 00:00:00.999 +00', true, '2026-10-03T00:00:00.000Z'],
    ['2026-10-03', false, '2026-10-03T00:00:00.000Z'],
    ['2026-10-03 06:15', false, '2026-10-03T06:15:00.000Z'],
  ])('%s (zoned: %s) is %s', (text, zoned, iso) => {
    expect(timestampLiteralMs(text, zoned)).toBe(Date.parse(iso));
  });

  it.each([
    ['2026-10-03 00:00:00', true, 'no offset on a zoned column: the session time zone would decide'],
    ['2026-10-03', true, 'a date alone on a zoned column'],
    ['2026-10-03 00:00:00Z', false, 'an offset on a plain timestamp'],
    ['2026-02-30 00:00:00Z', true, 'a day that does not exist'],
    ['2026-10-03 24:00:00Z', true, 'hour 24'],
    ['2026-10-03 00:00:00+16', true, 'an offset beyond 15 hours'],
    ['0099-10-03 00:00:00Z', true, 'a year before 1000'],
    ['infinity', true, 'a special value'],
    [' 2026-10-03 00:00:00Z', true, 'leading space'],
  ])('%s (zoned: %s) is not read: %s', (text, zoned) => {
    expect(timestampLiteralMs(text, zoned)).toBeUndefined();
  });
});
