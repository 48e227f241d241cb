// Parses the time arguments of `otq audit export`: relative durations (24h, 7d, 30m) and ISO timestamps.
import { OtqError } from '../core/errors.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `24h` means 24 hours before `now`; anything else must be an ISO-8601 timestamp. */
export function parseTimeSpec(text: string, now: Date, flag: string): Date {
  const duration = /^(\d+)([smhdw])$/.exec(text.trim());
  if (duration) return new Date(now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] as string] as number));
  if (/^\d{4}-\d\d-\d\d/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  throw new OtqError('USAGE', `${flag} "${text}" is neither a duration (30m, 24h, 7d, 2w) nor an ISO timestamp (2025-03-01T08:00:00Z)`);
}
