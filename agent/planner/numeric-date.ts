// Numeric dates as a site writes them ("03/10/2026", "03/10", "4.10.2026", "2026/10/03"): which number is the day is the
// site's convention (planner.dateOrder), never a guess from the numbers; a date the order cannot make is declined.

/** The orders of a numeric date with slashes: day-month-year (European utilities, the default), month-day-year, year-month-day. */
export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** A numeric date read: its day, month and (when written) year; or why it is no date in the site's order. */
export type NumericDate = { day: number; month: number; year?: number } | { invalid: string };

const NUMERIC_DATE_RE = /(?<![\d./-])(\d{1,4})([./])(\d{1,2})(?:\2(\d{4}|\d{2}))?\.?(?![\d/])/;

const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * The numeric date in `text`, read in `order`, or undefined when the text holds none. Dotted dates are day first
 * whatever the order (4.10.2026 is 4 October, as German and Nordic plants write it); a four-digit first number is a
 * year (2026/10/03). A day or month out of range is `invalid` with the reason, so the planner declines rather than
 * reading the numbers the other way round.
 */
export function readNumericDate(text: string, order: DateOrder = 'dmy'): NumericDate | undefined {
  const match = NUMERIC_DATE_RE.exec(text);
  if (!match) return undefined;
  const [, a = '', sep, b = '', c] = match;
  const written = match[0];
  let parts: { day: number; month: number; year?: number };
  if (a.length === 4) {
    if (!c) return undefined;
    parts = { year: Number(a), month: Number(b), day: Number(c) };
  } else if (a.length > 2) return undefined;
  else if (sep === '.' || order === 'dmy') parts = { day: Number(a), month: Number(b), ...(c ? { year: fullYear(c) } : {}) };
  else if (order === 'mdy') parts = { month: Number(a), day: Number(b), ...(c ? { year: fullYear(c) } : {}) };
  // ymd with a two-digit first number: "26/10/03" is year 2026; without a year part the two numbers are month and day.
  else parts = c ? { year: fullYear(a), month: Number(b), day: Number(c) } : { month: Number(a), day: Number(b) };
  const how = a.length === 4 ? 'year/month/day' : sep === '.' ? 'day.month.year' : ORDER_WORDS[order];
  if (parts.month < 1 || parts.month > 12) return { invalid: `"${written}": it has no month ${parts.month} read as ${how}` };
  const days = new Date(Date.UTC(parts.year ?? 2000, parts.month, 0)).getUTCDate();
  if (parts.day < 1 || parts.day > days) return { invalid: `"${written}": month ${parts.month} has no day ${parts.day} read as ${how}` };
  return parts;
}

const ORDER_WORDS: Record<DateOrder, string> = { dmy: 'day/month/year', mdy: 'month/day/year', ymd: 'year/month/day' };

/**
 * The decline for a numeric date the site's order cannot make ("10/13/2026" under dmy): written with a year, or two
 * numbers up to 31 ("13/31"); never read the other way round. Undefined when the text holds no such date.
 */
export function invalidNumericDate(text: string, order: DateOrder = 'dmy'): { kind: 'decline'; reason: string } | undefined {
  const read = readNumericDate(text, order);
  if (!read || !('invalid' in read)) return undefined;
  const match = NUMERIC_DATE_RE.exec(text);
  const numbers = (match?.[0] ?? '').split(/[./]/).filter(Boolean).map(Number);
  if (!match?.[4] && !numbers.every((n) => n >= 1 && n <= 31)) return undefined;
  return {
    kind: 'decline',
    reason: `I could not read the date ${read.invalid} (planner.dateOrder: ${order}); write it as 2026-10-03 or 3 Oct 2026, which are read the same everywhere`,
  };
}
