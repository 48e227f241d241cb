// Reads a SQL timestamp literal the way the engine would, or not at all: only plain ISO-8601 forms are understood.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:\s?(Z|[+-]\d{2}(?::?\d{2})?))?$/;

/**
 * Milliseconds since the epoch of a timestamp literal, rounded down to the second; undefined unless the text is a
 * plain ISO-8601 date or date-time whose meaning does not depend on the session: `zoned` (the value is compared as
 * a timestamp with time zone) requires an explicit offset (`Z`, `+00`, `+05:30`), a plain timestamp must have none
 * and is read as UTC, like the guard's own window predicate. Out-of-range fields (month 13, 30 February) give
 * undefined: the engine would reject them, and the guard must not guess.
 */
export function timestampLiteralMs(text: string, zoned: boolean): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', offset] = m;
  if ((offset !== undefined) !== zoned) return undefined;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = Date.UTC(...fields);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === fields[0] &&
    back.getUTCMonth() === fields[1] &&
    back.getUTCDate() === fields[2] &&
    back.getUTCHours() === fields[3] &&
    back.getUTCMinutes() === fields[4] &&
    back.getUTCSeconds() === fields[5];
  if (!same || fields[0] < 1000) return undefined;
  if (offset === undefined || offset === 'Z') return ms;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 15 || minutes > 59) return undefined;
  return ms - sign * (hours * 60 + minutes) * 60_000;
}
