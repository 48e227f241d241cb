// Resolves time expressions of a question ("yesterday", "last shift", "Q1 2014", "since Monday 6am") to a window in the plant's zone.
// Only the English locale: loading every chrono-node locale costs seconds at start-up.
import type { ResolvedWindow } from '../answer.ts';
import { addDays, clockAfter, clockText, formatShort, fromWall, isoWeekday, toWall, type WallTime } from './zoned-time.ts';
import { MONTHS, MONTH_RE, UNIT_MS, unitKey } from './time-words.ts';
import { chronoPoints } from './chrono-points.ts';
import type { DateOrder } from './numeric-date.ts';
import { bareMonthRule, DAY_PARTS, dayPartRule, nightsRule, ordinalDayRule, type TimeFound } from './calendar-words.ts';
import { dayRangeRule } from './day-range-rule.ts';
import { clockRange, clockSpanOnDateRule } from './clock-span-date.ts';
import { bareSpanRule, beforeClockRule, dayHalfRule, sinceClockRule } from './chat-time-rules.ts';
import { isoWeekRule, sinceClockOfDayRule, sinceOrdinalDayRule } from './since-and-weeks.ts';
import { readPeriodEdge } from './period-edge.ts';
import { weekendRule } from './weekend-rule.ts';
import { shiftWindow, type ShiftDefinition } from './shift-spans.ts';

/** A part of the day left beside a day already read: "in the morning", "during the night", "evening". */
const DAY_PART_AFTER_RE = /\b(?:(?:in|during|over|through)\s+)?(?:the\s+)?(morning|afternoon|evening|night)\b/;

export type { ShiftDefinition } from './shift-spans.ts';

export interface TimeContext {
  now: Date;
  timezone: string;
  shifts: readonly ShiftDefinition[];
  /** The window of the previous turn, for follow-ups like "and the day before?". */
  previousWindow?: ResolvedWindow;
  /** How numeric dates with slashes are read (planner.dateOrder); day first when unset. */
  dateOrder?: DateOrder;
}

/** What the time parser found: a range, an instant (value at a time), or nothing (caller decides the default). */
export interface TimeParse {
  kind: 'range' | 'instant';
  window: ResolvedWindow;
  /** For `instant`: the moment asked about. */
  at?: Date;
  /** The question with the consumed time expression blanked out. */
  rest: string;
  /** Clock hours named with a period of several days ("2-4am last week"): those hours of each day, plant time. */
  hours?: { fromHour: number; toHour: number };
  /** A bare span ("3hrs"): a second time beside another is not read as a second period. */
  weak?: boolean;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A plant-local day as people write it: "3 March 2025". */
const dayName = (wall: Pick<WallTime, 'year' | 'month' | 'day'>): string => `${wall.day} ${MONTH_NAMES[wall.month - 1]} ${wall.year}`;

/**
 * A window label inside a sentence ("ran 12 h ___", "no data ___"): "during Q3 2026" / "in Q3 2026", but "on 3 March
 * 2025", "yesterday", "last week", "between the given times" as they are (a label that starts with its own preposition
 * or is an adverb of time).
 */
export function duringWindow(label: string, preposition: 'during' | 'in' = 'during'): string {
  return /^(?:on|in|during|between|since|from|over|for|at|throughout|within|yesterday|today|tonight|this|last|past|previous|the last|the past)\b/i.test(
    label,
  )
    ? label
    : `${preposition} ${label}`;
}

/** Builds the ResolvedWindow with the human label the answer shows. */
export function makeWindow(from: Date, to: Date, timezone: string, what: string): ResolvedWindow {
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timezone,
    label: `${what} (${formatShort(from, timezone)} – ${formatShort(to, timezone)} ${timezone})`,
  };
}

const dayStart = (wall: Pick<WallTime, 'year' | 'month' | 'day'>, tz: string): Date =>
  fromWall({ year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0, second: 0 }, tz);

function blank(text: string, index: number, length: number): string {
  return text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
}

type Found = TimeFound;

type Rule = (text: string, ctx: TimeContext) => Found | null;

function parseClock(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (match[3] === 'pm' && hour < 12) hour += 12;
  if (match[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || (!match[2] && !match[3])) return null;
  return { hour, minute };
}

/** All shift occurrences starting between two days before and one day after `now`, oldest first. */
function shiftOccurrences(ctx: TimeContext): { shift: ShiftDefinition; from: Date; to: Date; day: WallTime }[] {
  const today = toWall(ctx.now, ctx.timezone);
  const out: { shift: ShiftDefinition; from: Date; to: Date; day: WallTime }[] = [];
  for (let offset = -3; offset <= 0; offset += 1) {
    const day = addDays(today, offset);
    for (const shift of ctx.shifts) out.push({ shift, day, ...shiftWindow(shift, day, ctx.timezone) });
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** A word right before "shift" that names a shift ("day", "morning", "a", "1st"), unless it is a determiner or a preposition. */
const UNNAMED_SHIFT_RE =
  /(?<![a-z0-9'])(?!(?:the|a|an|this|that|each|every|per|my|our|your|one|same|whole|entire|full|of|on|in|during|over|for|and|or|by)\s+$)[a-z0-9]+\s+$/;

const shiftRule: Rule = (text, ctx) => {
  if (ctx.shifts.length === 0) return null;
  const names = ctx.shifts.map((s) => s.name.toLowerCase().replace(/[^a-z0-9]/g, '')).join('|');
  const re = new RegExp(
    `\\b(?:(?:in|during|on|over|for)\\s+)?(?:the\\s+)?(last|previous|current|this|yesterday'?s?|today'?s?)?\\s*(${names})?\\s*shift(?:\\s+(yesterday|today))?\\b`,
  );
  const match = re.exec(text);
  if (!match || (!match[1] && !match[2] && !match[3])) return null;
  // "the day shift yesterday" where the plant's shifts are early, late and night: a shift of another name is none of
  // them, and no other shift of that day may stand in for it (its words stay, and are named).
  if (!match[2] && !match[1] && UNNAMED_SHIFT_RE.test(text.slice(0, match.index + match[0].indexOf('shift')))) return null;
  const occurrences = shiftOccurrences(ctx);
  const now = ctx.now.getTime();
  // "yesterday's" / "todays" -> the day; "this" keeps its s.
  const which = (match[1] ?? '').replace(/^(yesterday|today)'?s?$/, '$1');
  const day = match[3] ?? (which === 'yesterday' || which === 'today' ? which : undefined);
  let candidates = occurrences.filter((o) => !match[2] || o.shift.name.toLowerCase().replace(/[^a-z0-9]/g, '') === match[2]);
  if (day) {
    const target = addDays(toWall(ctx.now, ctx.timezone), day === 'yesterday' ? -1 : 0);
    candidates = candidates.filter((o) => o.day.year === target.year && o.day.month === target.month && o.day.day === target.day);
  }
  const finished = candidates.filter((o) => o.to.getTime() <= now);
  const running = candidates.filter((o) => o.from.getTime() <= now && o.to.getTime() > now);
  const pick = which === 'current' || which === 'this' ? running.at(-1) : (finished.at(-1) ?? (match[2] ? running.at(-1) : undefined));
  if (!pick) return null;
  const to = pick.to.getTime() > now ? ctx.now : pick.to;
  const named = match[2] ? ctx.shifts.find((s) => s.name.toLowerCase().replace(/[^a-z0-9]/g, '') === match[2]) : undefined;
  const onDay =
    named && !day && !which
      ? (on: Pick<WallTime, 'year' | 'month' | 'day'>) => {
          const span = shiftWindow(named, on, ctx.timezone);
          return span.from.getTime() < now
            ? { from: span.from, to: span.to.getTime() > now ? ctx.now : span.to, what: `${named.name} shift of ${dayName(on)}` }
            : null;
        }
      : undefined;
  return {
    index: match.index,
    length: match[0].length,
    kind: 'range',
    from: pick.from,
    to,
    what: `${pick.shift.name} shift`,
    ...(onDay ? { onDay } : {}),
  };
};

const rollingRule: Rule = (text, ctx) => {
  const match =
    /\b(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?:last|past|previous|prior)\s+(\d+|a|an|one|two|three|seven)?\s*(minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?)\b|\b(\d+)\s*(h|hrs?|hours?|d|days?)\s+(?:back|ago\s+until\s+now)\b/.exec(
      text,
    );
  if (!match) return null;
  const words: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, seven: 7 };
  const count = match[1] ? (words[match[1]] ?? Number(match[1])) : match[3] ? Number(match[3]) : 1;
  const unit = unitKey(match[2] ?? match[4] ?? '');
  if (!unit) return null;
  // "last week" / "last month" without a number are calendar periods, not rolling ones.
  if (!match[1] && !match[3] && (unit === 'w' || unit === 'mo' || unit === 'd')) return null;
  let from: Date;
  if (unit === 'mo') {
    const wall = toWall(ctx.now, ctx.timezone);
    from = fromWall({ ...wall, month: wall.month - count }, ctx.timezone);
  } else from = new Date(ctx.now.getTime() - count * (UNIT_MS[unit] ?? 0));
  const what = `last ${count} ${match[2] ?? match[4]}`.replace(/\b1 (\w+?)s?$/, '$1');
  return { index: match.index, length: match[0].length, kind: 'range', from, to: ctx.now, what };
};

const calendarRule: Rule = (text, ctx) => {
  const match =
    /\b(?:(?:on|for|during|in|over)\s+)?(?:the\s+)?(week before last|month before last|day before yesterday|yesterday|today|this week|last week|previous week|past week|this month|last month|previous month|this year|last year|so far this week|so far today|past day|last day)\b/.exec(
      text,
    );
  if (!match) return null;
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  const phrase = match[1] ?? '';
  const weekStart = addDays(today, 1 - isoWeekday(today));
  let from: Date;
  let to: Date;
  switch (phrase) {
    case 'today':
    case 'so far today':
      [from, to] = [dayStart(today, tz), ctx.now];
      break;
    case 'yesterday':
      [from, to] = [dayStart(addDays(today, -1), tz), dayStart(today, tz)];
      break;
    case 'day before yesterday':
      [from, to] = [dayStart(addDays(today, -2), tz), dayStart(addDays(today, -1), tz)];
      break;
    case 'past day':
    case 'last day':
      [from, to] = [new Date(ctx.now.getTime() - 86_400_000), ctx.now];
      break;
    case 'past week':
      [from, to] = [new Date(ctx.now.getTime() - 7 * 86_400_000), ctx.now];
      break;
    case 'this week':
    case 'so far this week':
      [from, to] = [dayStart(weekStart, tz), ctx.now];
      break;
    case 'week before last':
      [from, to] = [dayStart(addDays(weekStart, -14), tz), dayStart(addDays(weekStart, -7), tz)];
      break;
    case 'month before last':
      [from, to] = [
        dayStart({ year: today.year, month: today.month - 2, day: 1 }, tz),
        dayStart({ year: today.year, month: today.month - 1, day: 1 }, tz),
      ];
      break;
    case 'last week':
    case 'previous week':
      [from, to] = [dayStart(addDays(weekStart, -7), tz), dayStart(weekStart, tz)];
      break;
    case 'this month':
      [from, to] = [dayStart({ ...today, day: 1 }, tz), ctx.now];
      break;
    case 'last month':
    case 'previous month':
      [from, to] = [dayStart({ year: today.year, month: today.month - 1, day: 1 }, tz), dayStart({ ...today, day: 1 }, tz)];
      break;
    case 'this year':
      [from, to] = [dayStart({ year: today.year, month: 1, day: 1 }, tz), ctx.now];
      break;
    default:
      [from, to] = [dayStart({ year: today.year - 1, month: 1, day: 1 }, tz), dayStart({ year: today.year, month: 1, day: 1 }, tz)];
  }
  return { index: match.index, length: match[0].length, kind: 'range', from, to, what: phrase };
};

const quarterYearRule: Rule = (text, ctx) => {
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  const quarter = /\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?q([1-4])(?:\s*[/-]?\s*((?:19|20)\d{2}))?\b/.exec(text);
  if (quarter) {
    const q = Number(quarter[1]);
    let year = quarter[2] ? Number(quarter[2]) : today.year;
    if (!quarter[2] && fromWall({ year, month: q * 3 - 2, day: 1 }, tz) > ctx.now) year -= 1;
    const from = dayStart({ year, month: q * 3 - 2, day: 1 }, tz);
    const to = dayStart({ year, month: q * 3 + 1, day: 1 }, tz);
    return { index: quarter.index, length: quarter[0].length, kind: 'range', from, to, what: `Q${q} ${year}` };
  }
  const relative = /\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?(last|previous|this|current)\s+quarter\b/.exec(text);
  if (relative) {
    const current = Math.floor((today.month - 1) / 3);
    const start = current - (relative[1] === 'last' || relative[1] === 'previous' ? 1 : 0);
    const year = today.year + Math.floor(start / 4);
    const q = (((start % 4) + 4) % 4) + 1;
    const from = dayStart({ year, month: q * 3 - 2, day: 1 }, tz);
    const to = dayStart({ year, month: q * 3 + 1, day: 1 }, tz);
    return { index: relative.index, length: relative[0].length, kind: 'range', from, to, what: `Q${q} ${year}` };
  }
  const monthMatch = new RegExp(
    `\\b(?:(?:in|during|for|over|of|throughout)\\s+)(?:the\\s+month\\s+of\\s+)?(${MONTH_RE})(?:\\s+((?:19|20)\\d{2}))?\\b(?!\\s*\\d)`,
  ).exec(text);
  if (monthMatch) {
    const month = MONTHS[monthMatch[1] ?? ''] ?? 1;
    let year = monthMatch[2] ? Number(monthMatch[2]) : today.year;
    if (!monthMatch[2] && dayStart({ year, month, day: 1 }, tz) > ctx.now) year -= 1;
    const from = dayStart({ year, month, day: 1 }, tz);
    const to = dayStart({ year, month: month + 1, day: 1 }, tz);
    return { index: monthMatch.index, length: monthMatch[0].length, kind: 'range', from, to, what: `in ${MONTH_NAMES[month - 1]} ${year}` };
  }
  const year = /\b(?:(?:in|during|for|over|throughout)\s+)((?:19|20)\d{2})\b/.exec(text);
  if (year) {
    const y = Number(year[1]);
    return {
      index: year.index,
      length: year[0].length,
      kind: 'range',
      from: dayStart({ year: y, month: 1, day: 1 }, tz),
      to: dayStart({ year: y + 1, month: 1, day: 1 }, tz),
      what: `${y}`,
    };
  }
  return null;
};

const rangeRule: Rule = (text, ctx) => {
  // The end stops before blanks at the end too ("5 oct" of "5 oct   ?" once a purpose is blanked).
  const match = /\b(?:from|between)\s+(.+?)\s+(?:to|and|until|till|-)\s+(.+?)(?=\s*$|\s*[?.,!]|\s+(?:for|of|on|at)\s)/.exec(text);
  if (!match) return null;
  // "between 6 and 8" with no month, no clock mark: neither days nor hours can be told; not a range of dates.
  const bare = new RegExp(`^\\d{1,2}(?![\\d:./]|\\s*(?:am|pm|st|nd|rd|th)\\b|\\s+(?:${MONTH_RE})\\b)`);
  if (bare.test((match[1] ?? '').trim()) && bare.test((match[2] ?? '').trim())) return null;
  // "between 2am and 4am" beside a period of days: the clock hours of each day, read by the clock-range step.
  if (clockRange(match[0]) && !new RegExp(`\\b(?:${MONTH_RE}|\\d{1,2}[./]\\d{1,2})\\b`).test(match[0])) return null;
  const endPoints = chronoPoints(match[2] ?? '', ctx);
  // "from 1 to 7 February": a bare day number takes its month and year from the end.
  const bareDay = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec((match[1] ?? '').trim());
  const startPoints =
    bareDay && endPoints[0]?.hasDay
      ? [
          {
            ...endPoints[0],
            hasTime: false,
            at: fromWall({ ...toWall(endPoints[0].at, ctx.timezone), day: Number(bareDay[1]), hour: 0, minute: 0 }, ctx.timezone),
          },
        ]
      : chronoPoints(match[1] ?? '', ctx);
  const start = startPoints[0];
  const end = endPoints[0];
  if (!start || !end || startPoints.length > 1 || endPoints.length > 1) return null;
  let from = start.at;
  let to = end.at;
  if (!end.hasTime) to = dayStart(addDays(toWall(end.at, ctx.timezone), 1), ctx.timezone);
  if (!start.hasDay && end.hasDay) {
    const endWall = toWall(end.at, ctx.timezone);
    const startWall = toWall(start.at, ctx.timezone);
    from = fromWall({ ...endWall, hour: startWall.hour, minute: startWall.minute }, ctx.timezone);
  }
  // "29/10 from 22:00 to 06:00": an end with a clock only is on the start's day, or the next when it comes before it.
  if (start.hasDay && !end.hasDay && end.hasTime) to = clockAfter(from, toWall(end.at, ctx.timezone), ctx.timezone);
  if (from >= to) return null;
  const clockOnly = !start.hasDay && !end.hasDay;
  return {
    index: match.index,
    // Only as far as the end point read: "5 oct except p02" leaves "except p02" for the rest of the question to place.
    length: match[0].length - (match[2] ?? '').length + end.index + end.text.length,
    kind: 'range',
    from,
    to,
    what: 'between the given times',
    ...(clockOnly ? { clockOnly } : {}),
  };
};

const sinceRule: Rule = (text, ctx) => {
  const match = /\bsince\s+([^?,.!]+)/.exec(text);
  if (!match) return null;
  const points = chronoPoints(match[1] ?? '', ctx);
  const point = points[0];
  if (!point || point.index > 1) return null;
  const consumed = 'since '.length + point.index + point.text.length;
  return { index: match.index, length: consumed, kind: 'range', from: point.at, to: ctx.now, what: `since ${point.text}` };
};

/** The words of a moment said to come: "in an hour", "in 3 hrs", "next 24h", "an hour from now". */
const FUTURE_POINT_RE = /^(?:in|next)\b|\bfrom now\b/;

const pointRule: Rule = (text, ctx) => {
  const points = chronoPoints(text, ctx);
  if (points.length === 0) return null;
  if (points.length > 1) return null;
  const point = points[0]!;
  // "monday to wednesday", "1 oct - 5 oct": a range without "from/between"; read as one through the range rule.
  if (point.hasEnd) {
    const range = rangeRule(`from ${point.text.replace(/\s*(?:-|–|to|till|until|thru|through)\s*/, ' to ')}`, ctx);
    return range ? { ...range, index: point.index, length: point.text.length } : null;
  }
  let index = point.index;
  let length = point.text.length;
  const prefix = /(?:\b(?:on|at|for|of|during)\s+)$/.exec(text.slice(0, index));
  if (prefix) {
    index -= prefix[0].length;
    length += prefix[0].length;
  }
  if (point.hasTime) {
    // A moment said to come ("in an hour", "next 24h") is read, not skipped: its window is declined as a time to come.
    // Another time after now ("within 5 min" of a condition) is no period of the question.
    if (point.at > ctx.now && !FUTURE_POINT_RE.test(point.text)) return null;
    return {
      index,
      length,
      kind: 'instant',
      from: point.at,
      to: new Date(point.at.getTime() + 60_000),
      at: point.at,
      what: `at ${formatShort(point.at, ctx.timezone)}`,
    };
  }
  if (!point.hasDay) return null;
  const day = toWall(point.at, ctx.timezone);
  const from = dayStart(day, ctx.timezone);
  const to = dayStart(addDays(day, 1), ctx.timezone);
  return { index, length, kind: 'range', from, to: to > ctx.now ? ctx.now : to, what: `on ${dayName(day)}` };
};

/** Follow-ups that shift the previous window: "and the day before?", "the week before", "same time last week". */
function followUp(text: string, ctx: TimeContext): Found | null {
  const previous = ctx.previousWindow;
  if (!previous) return null;
  const match = /\b(?:the\s+)?(day|week|month|hour|shift)\s+(?:before|earlier|prior)\b|\bprevious\s+(day|week|month)\b/.exec(text);
  if (!match) return null;
  const unit = match[1] ?? match[2] ?? 'day';
  const from = new Date(previous.from);
  const to = new Date(previous.to);
  let shiftMs = to.getTime() - from.getTime();
  if (unit === 'day') shiftMs = 86_400_000;
  if (unit === 'week') shiftMs = 7 * 86_400_000;
  const move = (d: Date): Date => {
    if (unit === 'month') {
      const wall = toWall(d, ctx.timezone);
      return fromWall({ ...wall, month: wall.month - 1 }, ctx.timezone);
    }
    if (unit === 'day' || unit === 'week') {
      const wall = toWall(d, ctx.timezone);
      const days = unit === 'day' ? -1 : -7;
      return fromWall({ ...addDays(wall, days), hour: wall.hour, minute: wall.minute, second: wall.second }, ctx.timezone);
    }
    return new Date(d.getTime() - shiftMs);
  };
  return { index: match.index, length: match[0].length, kind: 'range', from: move(from), to: move(to), what: `the ${unit} before` };
}

// Ranges and "since" come before the calendar words they may contain ("from 6am to 8am yesterday", "since yesterday").
const RULES: Rule[] = [
  shiftRule,
  rangeRule,
  clockSpanOnDateRule,
  sinceClockOfDayRule,
  sinceOrdinalDayRule,
  isoWeekRule,
  sinceRule,
  dayRangeRule,
  sinceClockRule,
  beforeClockRule,
  nightsRule,
  rollingRule,
  dayPartRule,
  dayHalfRule,
  weekendRule,
  calendarRule,
  quarterYearRule,
  ordinalDayRule,
  bareMonthRule,
  pointRule,
  bareSpanRule,
];

/**
 * Finds the time expression of a question and resolves it in the plant's zone. Returns null when the question
 * has none (the planner then applies the shape's default). Input should be lower-case.
 */
export function resolveTime(text: string, ctx: TimeContext, options: { edges?: boolean } = {}): TimeParse | null {
  // "end of last shift", "first thing today": a moment at an edge of the period named beside the edge words (unless the
  // caller reads whole periods only: the shift log "at the end of the night shift" is that shift's notes).
  const edge = options.edges === false ? null : readPeriodEdge(text, ctx, (cut) => resolveWindow(cut, ctx));
  if (!edge) return resolveWindow(text, ctx);
  if ('since' in edge)
    return {
      kind: 'range',
      window: makeWindow(edge.since, ctx.now, ctx.timezone, `since ${formatShort(edge.since, ctx.timezone)}`),
      rest: edge.rest,
    };
  const window = makeWindow(edge.at, new Date(edge.at.getTime() + 60_000), ctx.timezone, `at ${formatShort(edge.at, ctx.timezone)}`);
  return { kind: 'instant', at: edge.at, window, rest: edge.rest };
}

function resolveWindow(text: string, ctx: TimeContext): TimeParse | null {
  let found = followUp(text, ctx) ?? firstRule(text, ctx);
  if (!found) return null;
  let rest = blank(text, found.index, found.length);
  if (found.onDay) {
    // "the night shift on the 8th": that shift of the day named beside it. Not of a longer period ("the night shift last
    // week" is seven night shifts, no one of them): its words stay, unplaced.
    const day = firstRule(rest, ctx);
    const dayWall = day ? toWall(day.from, ctx.timezone) : undefined;
    const oneDay = day !== null && day.to.getTime() - day.from.getTime() <= 25 * 3_600_000;
    const placed =
      day && dayWall && oneDay && day.kind === 'range' && dayWall.hour === 0 && dayWall.minute === 0 ? found.onDay(dayWall) : null;
    if (day && placed) {
      found = { ...found, ...placed };
      rest = blank(rest, day.index, day.length);
    }
  }
  if (found.clockOnly) {
    // "yesterday between 17:00 and 23:00": the clock times are on the day named beside them.
    const day = firstRule(rest, ctx);
    const dayWall = day ? toWall(day.from, ctx.timezone) : undefined;
    if (
      day &&
      dayWall &&
      day.kind === 'range' &&
      dayWall.hour === 0 &&
      dayWall.minute === 0 &&
      day.to.getTime() - day.from.getTime() <= 25 * 3_600_000
    ) {
      const on = (d: Date): Date => {
        const wall = toWall(d, ctx.timezone);
        return fromWall({ ...dayWall, hour: wall.hour, minute: wall.minute, second: 0 }, ctx.timezone);
      };
      const from = on(found.from);
      let to = on(found.to);
      if (to <= from)
        to = fromWall(
          { ...addDays(dayWall, 1), hour: toWall(found.to, ctx.timezone).hour, minute: toWall(found.to, ctx.timezone).minute, second: 0 },
          ctx.timezone,
        );
      const clock = (d: Date): string => {
        const wall = toWall(d, ctx.timezone);
        return clockText(wall.hour, wall.minute);
      };
      found = { ...found, from, to, what: `${day.what} ${clock(from)}–${clock(to)}` };
      rest = blank(rest, day.index, day.length);
    }
  }
  const range = found.kind === 'range' ? clockRange(rest) : null;
  if (range) {
    rest = blank(rest, range.index, range.length);
    const hh = (h: number): string => `${String(h).padStart(2, '0')}:00`;
    const days = (found.to.getTime() - found.from.getTime()) / 86_400_000;
    if (days <= 1.05) {
      // One day: the window is those hours of it (a night range, 22-6, ends on the next day). In a night ("2-4am last
      // night") hours before its start are after midnight, on the day the night ends.
      const start = toWall(found.from, ctx.timezone);
      const crosses = toWall(found.to, ctx.timezone).day !== start.day && range.fromHour < start.hour;
      const day = crosses ? addDays(start, 1) : start;
      const from = fromWall({ ...day, hour: range.fromHour, minute: 0, second: 0 }, ctx.timezone);
      const end = range.toHour > range.fromHour ? day : addDays(day, 1);
      const to = fromWall({ ...end, hour: range.toHour, minute: 0, second: 0 }, ctx.timezone);
      const window = makeWindow(from, to > ctx.now ? ctx.now : to, ctx.timezone, `${found.what} ${hh(range.fromHour)}–${hh(range.toHour)}`);
      return { kind: 'range', window, rest, hours: { fromHour: range.fromHour, toHour: range.toHour } };
    }
    const to = found.to > ctx.now && found.from < ctx.now ? ctx.now : found.to;
    return {
      kind: 'range',
      window: makeWindow(found.from, to, ctx.timezone, found.what),
      rest,
      hours: { fromHour: range.fromHour, toHour: range.toHour },
    };
  }
  // A part of the day beside a whole day ("yesterday in the morning", "the 8th during the night"): that part of it.
  const part = found.kind === 'range' ? DAY_PART_AFTER_RE.exec(rest) : null;
  const startWall = toWall(found.from, ctx.timezone);
  if (part && startWall.hour === 0 && startWall.minute === 0 && found.to.getTime() - found.from.getTime() <= 25 * 3_600_000) {
    const name = part[1] as keyof typeof DAY_PARTS;
    const [startHour, endHour] = DAY_PARTS[name];
    const from = fromWall({ ...startWall, hour: startHour, minute: 0, second: 0 }, ctx.timezone);
    const to = fromWall(
      { ...(endHour < startHour ? addDays(startWall, 1) : startWall), hour: endHour, minute: 0, second: 0 },
      ctx.timezone,
    );
    if (from < ctx.now) {
      const window = makeWindow(from, to > ctx.now ? ctx.now : to, ctx.timezone, `${found.what}, ${name}`);
      return { kind: 'range', window, rest: blank(rest, part.index, part[0].length) };
    }
  }
  // A clock time on a resolved day ("yesterday at 06:00", "today 6am") makes an instant.
  // "at 6.30" is a clock time only after "at": "above 6.30" is a value.
  const clocks = [
    ...rest.matchAll(
      /\b(?:at\s+(\d{1,2}\.\d{2})|(?:at\s+)?(\d{1,2}(?::\d{2})?\s*(?:am|pm)?))(?![\w.,:])(?!\s*(?:m|h|%|bar|kpa|l\/s|m3)\b)/g,
    ),
  ].map((c) => ({ time: parseClock(c[1] ?? c[2] ?? ''), index: c.index, length: c[0].length }));
  // "this morning at 7", "at 9 last night": a bare hour after "at" inside a part of the day is the hour of that part.
  const bare = /(?:morning|afternoon|evening|night)$/.test(found.what)
    ? /\bat\s+(\d{1,2})(?![\w.,:])(?!\s*(?:m|h|%|bar|kpa|l\/s|m3)\b)/.exec(rest)
    : null;
  if (bare && found.kind === 'range') {
    const n = Number(bare[1]);
    const inPart = [n, n + 12]
      .filter((h) => h <= 23)
      .flatMap((hour) =>
        [toWall(found.from, ctx.timezone), toWall(found.to, ctx.timezone)].map((day) =>
          fromWall({ ...day, hour, minute: 0, second: 0 }, ctx.timezone),
        ),
      )
      .find((at) => at >= found.from && at < found.to);
    if (inPart) clocks.unshift({ time: { hour: toWall(inPart, ctx.timezone).hour, minute: 0 }, index: bare.index, length: bare[0].length });
  }
  const clock = clocks.find((c) => c.time !== null);
  if (
    found.kind === 'range' &&
    clock &&
    /^(today|yesterday|day before yesterday|on .*|(?:this|today|yesterday|last) (?:morning|afternoon|evening|night)|tonight)$/.test(
      found.what,
    )
  ) {
    const time = clock.time;
    if (time) {
      // A night runs over midnight: "3am last night" is on the day the night ends.
      const day = toWall(/night$/.test(found.what) && time.hour < 12 ? found.to : found.from, ctx.timezone);
      const at = fromWall({ ...day, ...time }, ctx.timezone);
      rest = blank(rest, clock.index, clock.length);
      return {
        kind: 'instant',
        at,
        window: makeWindow(at, new Date(at.getTime() + 60_000), ctx.timezone, `at ${formatShort(at, ctx.timezone)}`),
        rest,
      };
    }
  }
  // Data after "now" does not exist yet (or must not be used): a month or quarter in progress ends now.
  const to = found.to > ctx.now && found.from < ctx.now ? ctx.now : found.to;
  const window = makeWindow(found.from, to, ctx.timezone, found.what);
  return found.at
    ? { kind: 'instant', at: found.at, window, rest }
    : { kind: found.kind, window, rest, ...(found.weak ? { weak: true } : {}) };
}

function firstRule(text: string, ctx: TimeContext): Found | null {
  for (const rule of RULES) {
    const found = rule(text, ctx);
    if (found) return found;
  }
  return null;
}
