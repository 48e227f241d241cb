// Clock ranges written with bare hours, as engineers write them: "8-12 today", "6-10 yday", "17-20h", "from 6 till 10
// yesterday", "von 22 bis 2 uhr" (the thesaurus has made it "from 22 until 2 o'clock"). Rewritten into the form the time
// rules read ("from 08:00 to 12:00 today"), where a clock range fits; German "am"/"nach" before a date or a clock are
// "on"/"after".
//
// The rule. Two bare numbers joined by a dash (or by "to/until/till" after "from") are a range of anything: a value band
// ("3-5 m"), a count ("2-3 pumps", "last 7-10 days"), priorities ("prio 1-2"), days ("5-11 oct"), pumps ("p1-p3").
// They are clock hours only where the writing says so:
//   - a clock word after the second hour: "o'clock" (German "uhr"), or "h"/"hrs" when one end is past noon or written
//     with a leading zero ("17-20h", "08-12h": no duration is written so; "3-5h" alone may be one);
//   - or a day named right beside the range, as the time rules read days ("today", "yesterday", "last night", "this
//     morning", "sat", "on 3.10.", "29 oct"): hours of a day. A longer period ("last week") or a month ("5-11 oct")
//     beside it is no day.
// Never when the word before counts or numbers things ("priority 1-2 today", "pump 1-2 yday", "top 3-5"), and never
// "between 2 and 4" without a clock word: "how long was T1 between 2 and 4 yesterday" asks for a band of values.
import { firstRule } from './time-rules.ts';
import { clockText } from './zoned-time.ts';
import { unitOf } from './unit-table.ts';
import type { TimeContext } from './time-window.ts';

/** An hour 0-24, bare or zero-padded, not glued to letters or other digits ("p1-p3", "dma1-3", "1.5-2"). */
const HOUR = String.raw`(?<![\w.,:/-])([01]?\d|2[0-4])`;
const RANGE_RE = new RegExp(
  String.raw`(?:\b(from|between)\s+)?${HOUR}\s*(?:[-–]|\s(to|until|till|and)\s)\s*([01]?\d|2[0-4])(?:\s*(o'clock|h|hrs)\b)?(?![\w.,:/%-])`,
  'g',
);
/** Words before a number that count or number things: the number is theirs, not an hour. */
const COUNTED_BEFORE_RE = /\b(?:priority|prio|pri|top|bottom|first|last|next|past|previous|lowest|highest|every|each)\s+$/;
/** Words before a span of hours that make it a duration ("for 3-5h"). */
const DURATION_BEFORE_RE = /\b(?:for|than|least|most|over|under|about|within|lasting|longer|shorter)\s+$/;
/** Verbs of a change of value before "from A to B" ("went from 2 to 4", "setpoint changed from 6 to 10"). */
const CHANGE_BEFORE_RE =
  /\b(?:chang\w*|went|go(?:ne|es)?|ris\w*|rose|f[ae]ll\w*|drop\w*|increas\w*|decreas\w*|jump\w*|mov\w*|set|step\w*|rais\w*|lower\w*|climb\w*)\s+$/;
/** Whether a unit or a counted thing follows ("3-5 m", "2-3 pumps", "7-10 days"): the numbers are values or counts. */
function valueAfter(after: string): boolean {
  const next = /^\s*([a-z0-9/%]+)/.exec(after)?.[1];
  return next !== undefined && (unitOf(next) !== undefined || /^[a-z]{2,}s$/.test(next));
}
/** Joining words between the range and the day named after it ("8-12 on 3.10."). */
const DAY_LEAD_RE = /^\s*(?:,\s*)?(?:on\s+|of\s+)?/;

/** Any fixed moment serves: only whether a day is named is asked, not which. */
const PROBE: TimeContext = { now: new Date(Date.UTC(2026, 0, 15, 12)), timezone: 'UTC', shifts: [] };

/** Whether the time rules read a day (or a part of one) at the very start of `text`. */
function dayAtStart(text: string): boolean {
  const lead = DAY_LEAD_RE.exec(text)?.[0].length ?? 0;
  const tail = text.slice(lead);
  const found = tail.trim() === '' ? null : firstRule(tail, PROBE);
  return found !== null && found.index === 0 && !found.weak && !found.clockOnly && isDayLong(found.from, found.to, found.kind);
}

/** Whether the time rules read a day (or a part of one) that ends `text`. */
function dayAtEnd(text: string): boolean {
  const head = text.trimEnd();
  const found = head === '' ? null : firstRule(head, PROBE);
  return (
    found !== null &&
    found.index + found.length === head.length &&
    !found.weak &&
    !found.clockOnly &&
    isDayLong(found.from, found.to, found.kind)
  );
}

/** A day or a part of one: at most 25 hours (a day of the autumn change), and a range (a date, not a moment). */
const isDayLong = (from: Date, to: Date, kind: string): boolean => kind === 'range' && to.getTime() - from.getTime() <= 25 * 3_600_000;

/** "am 26.8." is German "on 26.8." (not after 12: "12 am" is midnight); "nach 22 uhr" / "nach 3.10." is "after". */
function germanTimeWords(text: string): string {
  return text
    .replace(/(?<!\b12\s*)\bam\s+(?=\d{1,2}[./]\d{1,2}(?![\d]))/g, 'on ')
    .replace(/\bnach\s+(?=\d{1,2}(?::[0-5]\d|\s*o'clock\b|[./]\d{1,2}))/g, 'after ');
}

/**
 * The text with each bare-hour clock range written "from HH:00 to HH:00" (lower-case text, after the thesaurus: "uhr"
 * is "o'clock", "von"/"bis" are "from"/"until"), and a lone "22 o'clock" as "22:00". `numbered` says whether a word
 * names a numbered thing of the catalog with that number ("pump", 1): then the numbers are its.
 */
export function writeClockHourRanges(text: string, numbered?: (word: string, num: number) => boolean): string {
  let out = germanTimeWords(text);
  out = out.replace(
    RANGE_RE,
    (
      all: string,
      frame: string | undefined,
      a: string,
      word: string | undefined,
      b: string,
      mark: string | undefined,
      at: number,
      whole: string,
    ) => {
      const before = whole.slice(0, at);
      const after = whole.slice(at + all.length);
      const from = Number(a);
      const to = Number(b);
      if (from === to || from > 23 || COUNTED_BEFORE_RE.test(before) || DURATION_BEFORE_RE.test(before)) return all;
      // "the level went from 2 to 4 yesterday": a change of value, not a clock range.
      if (frame === 'from' && CHANGE_BEFORE_RE.test(before)) return all;
      // "pump 1-2 yday": the word before numbers things of the catalog, and both numbers are of such things.
      const thing = /([a-z]+)\s*$/.exec(before)?.[1];
      if (thing && numbered?.(thing, from) && numbered(thing, to)) return all;
      // "to/until/till" join only after "from", "and" only after "between" (and only with a clock word).
      if (word && !((frame === 'from' && word !== 'and') || (frame === 'between' && word === 'and'))) return all;
      if (!word && frame === 'between') return all;
      const padded = /^0\d/.test(a) || /^0\d/.test(b);
      const clockWord = mark === "o'clock" || (mark !== undefined && (from > 12 || to > 12 || padded));
      // A day after the range ("6-10 yday"); or one before it, unless a unit or a counted thing follows ("yday 2-3 pumps").
      const besideDay = frame !== 'between' && (dayAtStart(after) || (!valueAfter(after) && dayAtEnd(before)));
      if (!clockWord && !besideDay) return all;
      return `from ${clockText(from)} to ${clockText(to % 24)}`;
    },
  );
  // "from from", "between from": "von"/"btw" before a range the control-room forms have already written "from 04:00 to 06:00".
  return out
    .replace(/\b(?:from|between)\s+(?=from\b)/g, '')
    .replace(/\b(\d{1,2}(?::[0-5]\d)?)\s*o'clock\b/g, (_all, clock: string) => (clock.includes(':') ? clock : clockText(Number(clock))));
}
