// Reads the periods a question names: none, one, or two that it compares ("this week vs last week", "change in the
// average from last week to this week", "higher today than yesterday", "5-11 oct vs 12-18 oct"). Each period of a pair
// is resolved on its own: the later one is the plan's window, the earlier one what it is compared with (as named, not
// the later one moved back by a period).
import type { ResolvedWindow } from '../answer.ts';
import type { Bucket, Decline } from './plan.ts';
import { invalidNumericDate } from './numeric-date.ts';
import { nightOfTwoDaysRule } from './night-of-two-days.ts';
import { makeWindow, resolveTime, type TimeContext, type TimeParse } from './time-window.ts';
import { previousSpan } from './period-spans.ts';
import { blank } from './window-parts.ts';
import { futureWindowReason } from './future-window.ts';
import { NOW_RE } from './question-lexicon.ts';

/** Two periods compared: the earlier one, and the length word of the later one (day, week, month) for the sentence. */
export interface PeriodPair {
  previous: ResolvedWindow;
  period: Bucket;
}

/** The window read (the later period of a pair), the pair if two are compared, and the question with both blanked. */
export interface PeriodReading {
  kind: 'periods';
  time: TimeParse | null;
  pair?: PeriodPair;
  text: string;
}

/** Words that set two periods side by side. */
const COMPARE_WORDS_RE = /\b(?:vs|v|versus|compared? (?:to|with)|comparing|comparison|against|than|relative to)\b/;
/**
 * "compare the level for 1-7 sep with 1-7 oct", "compare september and october", "in September and in October": the
 * verb, with the second period joined by "with", "to", "and" or "or" (a preposition of time may follow).
 */
const COMPARE_VERB_RE = /\bcompare[sd]?\b/;
const COMPARE_JOIN_RE = /^\s*(?:with|to|against|and|or)(?:\s+(?:in|on|during|for|over))?\s*$/;
/** Words that ask how something moved between two periods. */
const CHANGE_WORDS_RE =
  /\b(?:change[sd]?|changing|difference|delta|increase[sd]?|decrease[sd]?|higher|lower|up|down|rose|risen|rise|fell|fallen|drop(?:ped)?|grew|shrank|more|less|greater|bigger|smaller)\b/;
/** A comparative before "then": the common typo of "than" ("lower today then yday"). */
const COMPARATIVE_THEN_RE = /\b(?:higher|lower|more|less|greater|bigger|smaller|better|worse)\b.*\bthen\b/;
/** A statistic taken of each period ("change in the average from last week to this week"). */
const STATISTIC_RE = /\b(?:avg|average|mean|typical)\b/;
/** Words that join the two ends of a "from A to B" or "between A and B". */
const JOIN_RE = /\s+(?:to|and|till|until|->|-|–|vs|versus)\s+/g;
/** Words that join two days into one period ("1st to 3rd oct", "monday - wednesday"). */
const SPAN_JOIN_RE = /^\s*(?:to|-|–|till|until|thru|through)\s*$/;

/**
 * The connecting and direction words of a compared pair ("vs", "compared with", "higher or lower", "gone up or down",
 * "% change"): once the pair is read they name nothing, so they are blanked. The change itself is what is answered.
 */
const PAIR_WORDS_RE =
  /\b(?:vs|v|versus|compared?|comparing|comparison|against|relative to|(?:gone|went|go(?:ne)?|moved?)\s+(?=up\b|down\b)|up|down|or|percent(?:age)?|pct|(?:higher|lower|greater|bigger|smaller|more|less|than|then)(?!\s+(?:than\s+)?-?\d))\b|(?<!\d\s?)%/g;

const blankAll = (text: string, re: RegExp): string => text.replace(re, (found) => ' '.repeat(found.length));

/** The characters a reading blanked: [first, last + 1), or null when none. */
function blankedSpan(before: string, after: string): [number, number] | null {
  let from = -1;
  let to = -1;
  for (let i = 0; i < before.length; i += 1)
    if (before[i] !== ' ' && after[i] === ' ') {
      if (from < 0) from = i;
      to = i + 1;
    }
  return from < 0 ? null : [from, to];
}

/** A period that is the whole of `text` (not an instant, not clock hours alone). */
function wholePeriod(text: string, ctx: TimeContext): TimeParse | null {
  const read = resolveTime(text, ctx);
  return read && read.kind === 'range' && !read.hours && read.rest.trim() === '' ? read : null;
}

/** A period at the start of `text`, and how many characters it took. */
function leadingPeriod(text: string, ctx: TimeContext): { read: TimeParse; length: number } | null {
  const read = resolveTime(text, ctx);
  if (!read || read.kind !== 'range' || read.hours) return null;
  const span = blankedSpan(text, read.rest);
  if (!span || text.slice(0, span[0]).trim() !== '' || read.rest.slice(0, span[1]).trim() !== '') return null;
  return { read, length: span[1] };
}

/**
 * "change in the average from last week to this week", "difference between yesterday and today": two periods, each a
 * whole period of its own, with a change asked of a statistic of each (an average named, or periods named by words
 * rather than dates). "flow from 1 oct to 5 oct" and "change of the totaliser from monday 6am to noon" stay one stretch.
 */
function fromToPair(text: string, original: string, ctx: TimeContext): { first: TimeParse; second: TimeParse; rest: string } | null {
  if (!CHANGE_WORDS_RE.test(original)) return null;
  for (const from of text.matchAll(/\b(?:from|between)\s+/g)) {
    const start = from.index + from[0].length;
    const tail = text.slice(start);
    for (const join of tail.matchAll(JOIN_RE)) {
      const a = tail.slice(0, join.index);
      const first = wholePeriod(a, ctx);
      if (!first) continue;
      const b = tail.slice(join.index + join[0].length);
      const second = leadingPeriod(b, ctx);
      if (!second) continue;
      const words = !/\d/.test(a) && !/\d/.test(b.slice(0, second.length));
      if (!STATISTIC_RE.test(original) && !words) return null;
      const end = start + join.index + join[0].length + second.length;
      return { first, second: second.read, rest: text.slice(0, from.index) + ' '.repeat(end - from.index) + text.slice(end) };
    }
  }
  return null;
}

/** The length word of a period, for the sentence ("against the week before"). */
function periodOf(window: ResolvedWindow): Bucket {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000;
  return days <= 1.05 ? 'day' : days <= 7.5 ? 'week' : 'month';
}

/** "previous 7 days", "the prior week": a period said to come before the other one. */
const BEFORE_WORDS_RE = /\b(?:previous|prior|preceding|before|earlier)\b/;

function pairOf(a: TimeParse, b: TimeParse, rest: string, original: string, now: Date): PeriodReading | Decline {
  const [first, later] = Date.parse(a.window.from) <= Date.parse(b.window.from) ? [a.window, b.window] : [b.window, a.window];
  let earlier = first;
  if (earlier.from === later.from && earlier.to === later.to) {
    // "last 7 days vs previous 7 days": both read as the same window; the one said to come before is the one before it.
    if (!BEFORE_WORDS_RE.test(original))
      return { kind: 'decline', reason: `the two periods named are the same (${later.label}); name two different periods to compare` };
    const length = Date.parse(later.to) - Date.parse(later.from);
    const name = later.label.replace(/\s*\(.*\)$/, '');
    earlier = makeWindow(
      new Date(Date.parse(later.from) - length),
      new Date(later.from),
      later.timezone,
      `the ${name.replace(/^(?:the )?(?:last|past) /, '')} before`,
    );
  }
  if (Date.parse(earlier.to) > Date.parse(later.from))
    return {
      kind: 'decline',
      reason: `the two periods overlap (${earlier.label}; ${later.label}); compare two periods that do not, e.g. "this week vs last week"`,
    };
  // The period word follows the full earlier period: "this week" (so far) against "last week" is a week.
  const period = periodOf(earlier);
  // A period still running ("today", "this week" so far) against the one just before it: like for like, the same
  // hours of it (today 00:00-12:30 against yesterday 00:00-12:30, in plant time), so the part of a day or week that
  // has not come yet does not count as a change.
  if (
    earlier.to === later.from &&
    Date.parse(later.to) === now.getTime() &&
    (period === 'day' || period === 'week' || period === 'month')
  ) {
    const same = previousSpan(later, period);
    if (same.to.getTime() < Date.parse(earlier.to)) {
      const name = earlier.label.replace(/\s*\(.*\)$/, '');
      earlier = makeWindow(same.from, same.to, later.timezone, `${name} up to the same time`);
    }
  }
  return {
    kind: 'periods',
    time: { kind: 'range', window: later, rest },
    pair: { previous: earlier, period },
    text: blankAll(rest, PAIR_WORDS_RE),
  };
}

/** The comparing words just before a period ("has it dropped compared with last week", "T3 level vs yesterday"). */
const COMPARED_WITH_RE = /(?:\bcompared? (?:to|with)|\bthan|\bvs\.?|\bversus|\bagainst|\brelative to)\s*$/;
const CURRENT_NAME: Record<Bucket, string> = { hour: 'this hour', day: 'today', week: 'this week', month: 'this month' };

/**
 * One past period compared with nothing else named ("T3 level compared with yesterday", "has the pressure dropped vs
 * last week"): the other side is the period since it ended, up to now (today, this week so far), when that is less
 * than one such period.
 */
function impliedCurrent(time: TimeParse, text: string, original: string, ctx: TimeContext): PeriodReading | null {
  const span = blankedSpan(text, time.rest);
  if (!span || time.kind !== 'range' || time.hours || !COMPARED_WITH_RE.test(text.slice(0, span[0]))) return null;
  const from = Date.parse(time.window.from);
  const to = Date.parse(time.window.to);
  const now = ctx.now.getTime();
  if (now <= to || now - to >= to - from) return null;
  const current = makeWindow(new Date(to), ctx.now, ctx.timezone, CURRENT_NAME[periodOf(time.window)]);
  const read = pairOf(time, { kind: 'range', window: current, rest: time.rest }, time.rest, original, ctx.now);
  return read.kind === 'periods' ? read : null;
}

/** "it was", "they were": the value then, said with its pronoun ("higher than it was an hour ago"). */
const THEN_SAID = String.raw`\b(?:it|they|that|this)\s+(?:was|were|used to be|had been)\b`;
const THAN_IT_WAS_RE = new RegExp(String.raw`\b(?:than|vs\.?|versus|compared (?:to|with))\s+${THEN_SAID}\s*$`);

/**
 * A past moment compared with now: "T1 level compared to 24 hours ago", "T2 lvl now vs this time yesterday", "level at
 * 6am vs now". The value now is the one asked, the value then what it is compared with (`against`).
 */
function againstNow(time: TimeParse, comparedBefore: boolean, original: string, ctx: TimeContext): PeriodReading | null {
  if (time.kind !== 'instant' || !time.at || time.at.getTime() >= ctx.now.getTime()) return null;
  if (!comparedBefore && !(COMPARE_WORDS_RE.test(original) && NOW_RE.test(original))) return null;
  // "now against 2026-10-21 14:10", "now against the same time a day earlier, ...": the moment without its "at".
  const then = time.window.label.replace(/\s*\(.*\)$/, '').replace(/^at\s+/, '');
  return {
    kind: 'periods',
    time: {
      kind: 'instant',
      at: ctx.now,
      against: time.at,
      window: makeWindow(time.at, ctx.now, ctx.timezone, `now against ${then}`),
      rest: time.rest,
    },
    text: blankAll(
      time.rest.replace(new RegExp(THEN_SAID), (w) => ' '.repeat(w.length)),
      PAIR_WORDS_RE,
    ),
  };
}

/** One period: compared with nothing the planner can place ("T1 level vs 3 october") it asks for the other side. */
function alone(time: TimeParse, text: string, original: string, ctx: TimeContext): PeriodReading | Decline {
  const span = blankedSpan(text, time.rest);
  const comparedBefore = span !== null && COMPARED_WITH_RE.test(text.slice(0, span[0]));
  // "higher than it was an hour ago": the value then, said with its pronoun.
  const thenSaid = span !== null && THAN_IT_WAS_RE.test(text.slice(0, span[0]));
  const now = againstNow(time, comparedBefore || thenSaid, original, ctx);
  if (now) return now;
  if (comparedBefore)
    return {
      kind: 'decline',
      reason: `the question compares ${time.window.label} with no other period I could place; name both, e.g. "yesterday vs the day before"`,
    };
  return { kind: 'periods', time, text: time.rest };
}

/** Whether the question compares two periods ("difference between yesterday and today"), read with its shape words. */
export function comparesPeriods(text: string, ctx: TimeContext): boolean {
  const read = readPeriods(text, text, ctx);
  return read.kind === 'periods' && read.pair !== undefined;
}

/**
 * The periods of a question. `text` is the question with its shape words blanked, `original` the whole normalized
 * question (where the comparing words are looked for). Two periods that are neither joined into one ("monday to
 * wednesday") nor compared decline: the planner cannot tell which one is meant.
 */
export function readPeriods(text: string, original: string, ctx: TimeContext): PeriodReading | Decline {
  const read = readPeriodsAsked(text, original, ctx);
  if (read.kind !== 'periods' || !read.time) return read;
  // A period to come, or one that ends before it starts, is named in a decline: it would be queried as an empty window.
  const span = blankedSpan(text, read.time.rest);
  const words = span ? text.slice(span[0], span[1]).trim() : undefined;
  const windows = [read.time.window, ...(read.pair ? [read.pair.previous] : [])];
  const reason = windows.map((w) => futureWindowReason(w, ctx.now, words)).find((r) => r !== undefined);
  return reason ? { kind: 'decline', reason } : read;
}

function readPeriodsAsked(text: string, original: string, ctx: TimeContext): PeriodReading | Decline {
  // "night 28/29 oct" names two days, not a date with month 29: the night rule reads it.
  const night = nightOfTwoDaysRule(text, ctx);
  const badDate = invalidNumericDate(night ? blank(text, night.index, night.length) : text, ctx.dateOrder);
  if (badDate) return badDate;
  const plain: TimeContext = {
    now: ctx.now,
    timezone: ctx.timezone,
    shifts: ctx.shifts,
    ...(ctx.dateOrder ? { dateOrder: ctx.dateOrder } : {}),
  };
  const fromTo = fromToPair(text, original, plain);
  if (fromTo) return pairOf(fromTo.first, fromTo.second, fromTo.rest, original, ctx.now);
  let time = resolveTime(text, ctx);
  if (!time) return { kind: 'periods', time: null, text };
  const read = time.kind === 'range' ? resolveTime(time.rest, plain) : null;
  // A bare span beside a period ("3hrs" after "yesterday") is no second period.
  const second = read?.weak ? null : read;
  if (!second) return impliedCurrent(time, text, original, ctx) ?? alone(time, text, original, ctx);
  const rest = second.rest;
  // "1st to 3rd oct", "monday - wednesday": two days joined by "to" are one period from the first to the second.
  const a = blankedSpan(text, time.rest);
  const b = blankedSpan(time.rest, second.rest);
  if (a && b && second.kind === 'range') {
    const between = a[1] <= b[0] ? text.slice(a[1], b[0]) : text.slice(b[1], a[0]);
    if (SPAN_JOIN_RE.test(between)) {
      const [first, last] = a[1] <= b[0] ? [time, second] : [second, time];
      const label = (w: ResolvedWindow): string => w.label.replace(/\s*\(.*\)$/, '');
      const from = Math.min(Date.parse(time.window.from), Date.parse(second.window.from));
      const to = Math.max(Date.parse(time.window.to), Date.parse(second.window.to));
      time = {
        kind: 'range',
        rest,
        window: makeWindow(new Date(from), new Date(to), ctx.timezone, `${label(first.window)} to ${label(last.window)}`),
      };
      const third = resolveTime(rest, plain);
      if (!third) return { kind: 'periods', time, text: rest };
      return compared(time, third, original, ctx.now, third.rest);
    }
  }
  const joined = a && b ? (a[1] <= b[0] ? text.slice(a[1], b[0]) : text.slice(b[1], a[0])) : '';
  const verb = COMPARE_VERB_RE.test(original) && COMPARE_JOIN_RE.test(joined);
  const governed = a !== null && (PREPOSITION_RE.test(text.slice(0, a[0])) || LEADING_PREPOSITION_RE.test(text.slice(a[0], a[1])));
  const together = !verb && governed && a && b && a[1] <= b[0] ? joinedPeriods(time, second, joined, original, ctx.timezone) : null;
  if (together) return { kind: 'periods', time: { ...together, rest }, text: rest };
  return compared(time, second, original, ctx.now, rest, verb);
}

/** A preposition of time opening the first period ("in september and october"): it governs both, as one stretch. */
const PREPOSITION_RE = /\b(?:in|during|over|across|throughout|for)\s+(?:the\s+)?$/;
const LEADING_PREPOSITION_RE = /^(?:in|during|over|across|throughout|for)\b/;

/** "and" (with a preposition of time maybe) between two periods: "in september and october", "over the 3rd and 4th". */
const AND_JOIN_RE = /^\s*(?:and|&|\+)(?:\s+(?:in|on|during|for|over))?\s*$/;

/**
 * Two periods that follow each other, joined by "and" under one preposition and not compared ("total inflow in
 * September and October"): one period from the start of the first to the end of the second. Periods apart ("monday and
 * wednesday") are two, and so are two listed without a preposition ("avg T1 level yesterday and today": each, maybe).
 */
function joinedPeriods(first: TimeParse, second: TimeParse, joined: string, original: string, timezone: string): TimeParse | null {
  if (first.kind !== 'range' || second.kind !== 'range' || first.hours || second.hours || !AND_JOIN_RE.test(joined)) return null;
  if (COMPARE_WORDS_RE.test(original) || CHANGE_WORDS_RE.test(original) || COMPARATIVE_THEN_RE.test(original)) return null;
  if (Date.parse(first.window.to) !== Date.parse(second.window.from)) return null;
  const label = (w: ResolvedWindow): string => w.label.replace(/\s*\(.*\)$/, '');
  const window = makeWindow(
    new Date(first.window.from),
    new Date(second.window.to),
    timezone,
    `${label(first.window)} and ${label(second.window)}`,
  );
  return { kind: 'range', window, rest: second.rest };
}

/** Two periods left side by side: compared when the question compares or asks a change, else unclear. */
function compared(
  time: TimeParse,
  second: TimeParse,
  original: string,
  now: Date,
  rest = second.rest,
  verb = false,
): PeriodReading | Decline {
  const comparing = verb || COMPARE_WORDS_RE.test(original) || CHANGE_WORDS_RE.test(original) || COMPARATIVE_THEN_RE.test(original);
  // The same period named twice, not compared ("overnight min flow last night", "yesterday ... yday"): that period, once.
  const same = second.window.from === time.window.from && second.window.to === time.window.to;
  if (same && !comparing && time.kind === second.kind) return { kind: 'periods', time: { ...time, rest }, text: rest };
  if (second.kind !== 'range' || time.kind !== 'range' || !comparing)
    return {
      kind: 'decline',
      reason: `I could not tell which period is meant: the question names two (${time.window.label}; ${second.window.label}); ask for one, or compare them with "vs"`,
    };
  return pairOf(time, second, rest, original, now);
}

/**
 * Blanks the direction and percent words of a change ("higher or lower", "up or down", "% diff") where the change was
 * read from a shape word ("vs the day before", "same day last week"), so they are not taken for tag words.
 */
export function blankChangeWords(text: string): string {
  return blankAll(text, PAIR_WORDS_RE);
}
