// Reads the numbers and times out of a text: the claims of a model answer, and the evidence in tool results.
// Identifiers (BPS03, P02, T1, tag paths), list markers and ordinals are not claims.

/** A number in a text, with the unit word after it (if any). */
export interface NumberToken {
  /** As written, e.g. "1,234.5". */
  text: string;
  /** Readings of the text: "1,234" is 1234 (thousands) or 1.234 (decimal comma). */
  values: number[];
  /** Digits after the decimal separator as written (for rounding checks). */
  decimals: number;
  /** Significant digits as written ("1,000" has 1, "4.30" has 3). */
  significant: number;
  /** The word right after the number, lower-case ("bar", "%", "m³/h", "pumps"), or undefined. */
  unit: string | undefined;
  /** Follows an equipment word ("pump 2", "tank 1", "#3") or is a list marker: names a thing, claims nothing. */
  reference: boolean;
}

/** A time in a text: a date, a clock time, both, or a year. Wall-clock strings, as written. */
export interface TimeToken {
  text: string;
  /** Candidate dates "YYYY-MM-DD" (a slashed date can be read two ways). */
  dates: string[];
  /** "HH:MM", when a clock time is written. */
  clock: string | undefined;
  /** Seconds written after the clock (with their fraction), else 0. */
  seconds: number;
  /** Offset written with the time ("Z", "+01:00"), when any: the wall clock is then read in that offset. */
  offset: string | undefined;
  /** A year standing alone ("in 2026"). */
  year: number | undefined;
}

export interface Claims {
  numbers: NumberToken[];
  times: TimeToken[];
}

const EQUIPMENT =
  /(?:^|[^\p{L}])(?:pumps?|tanks?|stations?|lines?|units?|zones?|shifts?|sensors?|meters?|valves?|wells?|trains?|filters?|areas?|dmas?|reservoirs?|blowers?|motors?|no\.?|nr\.?|number|#|pumpe|behälter|station|linie)\s*$/iu;
const ISO = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?(?:Z|UTC|[+-]\d{2}(?::?\d{2})?))?)?/y;
const DMY = /(\d{1,2})([./])(\d{1,2})\2(\d{4})/y;
const CLOCK = /(\d{1,2}):(\d{2})(?::\d{2})?(?:\s?([ap])\.?m\.?)?/iy;
const NUMBER = /(?:\d{1,3}(?:[,\u202f\u00a0']\d{3})+|\d+)(?:[.,]\d+)?(?:[eE][-+]?\d+)?/y;
const UNIT = /\s?(%|‰|°\s?[CF]|[\p{L}µ°][\p{L}\p{N}³²µ°/·.]*)/uy;
const ORDINAL = /^(?:st|nd|rd|th|te|ten|er)$/i;

const pad = (n: number): string => String(n).padStart(2, '0');

function at(re: RegExp, text: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(text);
}

function dateOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Readings of a number as written: thousands separators, or a decimal comma. */
function readNumber(raw: string): { values: number[]; decimals: number; significant: number } {
  const grouped = /^\d{1,3}(?:[,\u202f\u00a0']\d{3})+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(raw);
  const values: number[] = [];
  let decimals = 0;
  if (grouped) {
    const plain = raw.replace(/[,\u202f\u00a0']/g, '');
    values.push(Number(plain));
    decimals = plain.includes('.') ? (plain.split('.')[1]?.replace(/[eE].*/, '').length ?? 0) : 0;
    if (/^\d{1,3},\d{3}$/.test(raw)) values.push(Number(raw.replace(',', '.')));
  } else {
    const normal = raw.replace(',', '.');
    values.push(Number(normal));
    decimals = normal.includes('.') ? (normal.split('.')[1]?.replace(/[eE].*/, '').length ?? 0) : 0;
  }
  const digits = raw.replace(/[eE].*/, '').replace(/\D/g, '');
  const trimmed = digits.replace(/^0+/, '');
  const significant = decimals > 0 ? trimmed.length : trimmed.replace(/0+$/, '').length;
  return { values: values.filter(Number.isFinite), decimals, significant: Math.max(1, significant) };
}

/** Extracts numbers and times from prose (a model answer, a catalog line, a rendered sentence). */
export function extractClaims(text: string): Claims {
  const numbers: NumberToken[] = [];
  const times: TimeToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch < 48 || ch > 57) {
      i++;
      continue;
    }
    const before = text.slice(Math.max(0, i - 1), i);
    // Part of an identifier or a path: BPS03, P02, T1, tag/3, x_2, v1.2.
    if (/[\p{L}_/\\.\d]/u.test(before)) {
      i = skipToken(text, i);
      continue;
    }
    const iso = at(ISO, text, i);
    if (iso) {
      times.push(isoTime(iso[0]));
      i += iso[0].length;
      continue;
    }
    const dmy = at(DMY, text, i);
    if (dmy) {
      const [, a, sep, b, y] = dmy;
      const first = dateOf(Number(y), Number(b), Number(a));
      const second = sep === '/' ? dateOf(Number(y), Number(a), Number(b)) : null;
      times.push({
        text: dmy[0],
        dates: [first, second].filter((d): d is string => d !== null),
        clock: undefined,
        seconds: 0,
        offset: undefined,
        year: undefined,
      });
      i += dmy[0].length;
      continue;
    }
    const clock = at(CLOCK, text, i);
    if (clock && Number(clock[1]) <= 24 && Number(clock[2]) < 60) {
      let hour = Number(clock[1]);
      const meridiem = clock[3]?.toLowerCase();
      if (meridiem === 'p' && hour < 12) hour += 12;
      if (meridiem === 'a' && hour === 12) hour = 0;
      times.push({ text: clock[0], dates: [], clock: `${pad(hour % 24)}:${clock[2]}`, seconds: 0, offset: undefined, year: undefined });
      i += clock[0].length;
      continue;
    }
    const number = at(NUMBER, text, i);
    if (!number) {
      i++;
      continue;
    }
    const raw = number[0];
    const end = i + raw.length;
    const after = text.slice(end, end + 1);
    if (/[\p{L}_]/u.test(after)) {
      const word = /^[\p{L}]+/u.exec(text.slice(end))?.[0] ?? '';
      if (ORDINAL.test(word) || !isUnitWord(word)) {
        i = skipToken(text, i);
        continue;
      }
    }
    const sign = /(?:^|[\s(=:])[-−]$/u.test(text.slice(Math.max(0, i - 2), i)) ? -1 : 1;
    const read = readNumber(raw);
    const unitMatch = at(UNIT, text, end);
    const unit = unitMatch?.[1]?.replace(/[.]$/, '').toLowerCase();
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const listMarker = /^\s*$/.test(text.slice(lineStart, i)) && /^[.)]\s/.test(text.slice(end, end + 2));
    const value = read.values[0] ?? 0;
    const unitLike = unit !== undefined && (/^[%‰°]/.test(unit) || isUnitWord(unit.replace(/[^\p{L}\d]/gu, '')));
    const year = read.decimals === 0 && /^\d{4}$/.test(raw) && value >= 1900 && value <= 2100 && !unitLike;
    if (year) times.push({ text: raw, dates: [], clock: undefined, seconds: 0, offset: undefined, year: value });
    else
      numbers.push({
        text: `${sign < 0 ? '-' : ''}${raw}`,
        values: read.values.map((v) => sign * v),
        decimals: read.decimals,
        significant: read.significant,
        unit,
        reference: listMarker || EQUIPMENT.test(text.slice(Math.max(0, i - 24), i)),
      });
    i = end;
  }
  return { numbers, times };
}

/** Short unit words glued to a number ("12h", "5kWh", "3bar") are units; other letters make it an identifier ("3rd", "2x"). */
function isUnitWord(word: string): boolean {
  return /^(?:h|hrs?|min|s|ms|d|m|mm|cm|km|l|ml|bar|mbar|kpa|pa|psi|kw|kwh|mw|mwh|w|a|v|hz|rpm|kg|t|c|k|mg|ntu|ppm|m3|mwc)$/i.test(word);
}

function skipToken(text: string, i: number): number {
  let j = i;
  while (j < text.length && /[\p{L}\p{N}_/\\.:-]/u.test(text.charAt(j))) j++;
  return Math.max(j, i + 1);
}

function isoTime(raw: string): TimeToken {
  const date = raw.slice(0, 10);
  const time = /[T ](\d{2}:\d{2})(?::(\d{2}(?:\.\d+)?))?/.exec(raw);
  const clock = time?.[1];
  const offset = /(Z|UTC|[+-]\d{2}(?::?\d{2})?)$/.exec(raw.trim())?.[1];
  return { text: raw, dates: [date], clock, seconds: Number(time?.[2] ?? 0), offset: clock ? offset : undefined, year: undefined };
}
