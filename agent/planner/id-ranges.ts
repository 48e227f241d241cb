// A range of numbered things written with a dash ("p01-p03", "T1-T3", "f1-4"): each of them, as if listed ("p01 p02 p03").

/** Letters that make a number a time or a unit, not a thing ("kw43-44" is two calendar weeks, "q1-q2" two quarters). */
const NOT_THINGS = new Set(['kw', 'wk', 'w', 'cw', 'q', 'h', 'hr', 'd', 'm', 'y', 'kwh']);
/** More things than this in one range is no list someone meant to type out. */
const MAX_RANGE = 10;
const RANGE_RE = /\b([a-z]{1,4})(\d{1,3})\s*[-–]\s*([a-z]{1,4})?(\d{1,3})\b(?![./:]\d)/g;

/**
 * "HL pumps p01-p03" -> "HL pumps p01 p02 p03": the numbers of one family, padded as the first is written. Left as
 * written when the second letters differ ("bps03-p02"), the range runs backwards or is long, or the letters are a time.
 */
export function expandIdRanges(text: string): string {
  return text.replace(RANGE_RE, (all: string, letters: string, first: string, second: string | undefined, last: string) => {
    if ((second !== undefined && second !== letters) || NOT_THINGS.has(letters)) return all;
    const from = Number(first);
    const to = Number(last);
    if (to <= from || to - from >= MAX_RANGE) return all;
    const width = first.length;
    return Array.from({ length: to - from + 1 }, (_, i) => `${letters}${String(from + i).padStart(width, '0')}`).join(' ');
  });
}
