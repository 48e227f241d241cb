// Words of time expressions: month names and the units of rolling windows ("last 24 h", "past 2 weeks").

/** Month names and abbreviations -> month number (1-12). */
export const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
/** Regex alternation matching a month name or abbreviation (no groups that capture). */
export const MONTH_RE =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** Milliseconds per fixed-length unit of a rolling window. */
export const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The unit a word names in "last 3 hours", "past 2 weeks"; months are calendar-length, so they have no UNIT_MS entry. */
export function unitKey(word: string): 'm' | 'h' | 'd' | 'w' | 'mo' | null {
  if (/^(min|mins|minute|minutes|m)$/.test(word)) return 'm';
  if (/^(h|hr|hrs|hour|hours)$/.test(word)) return 'h';
  if (/^(d|day|days)$/.test(word)) return 'd';
  if (/^(w|wk|wks|week|weeks)$/.test(word)) return 'w';
  if (/^(month|months)$/.test(word)) return 'mo';
  return null;
}
