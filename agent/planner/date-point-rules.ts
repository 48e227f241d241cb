// Dates and times chrono-node reads: a range ("from 1 oct to 5 oct"), a start ("since monday 6am"), a day or an instant.
import { addDays, clockAfter, formatShort, fromWall, toWall } from './zoned-time.ts';
import { MONTH_RE } from './time-words.ts';
import { chronoPoints } from './chrono-points.ts';
import { slashDottedDays } from './dotted-day-month.ts';
import { bareMonthRule } from './calendar-words.ts';
import { clockRange } from './clock-span-date.ts';
import { dayName, dayStart } from './window-parts.ts';
import type { WindowRule } from './time-window.ts';

export const rangeRule: WindowRule = (text, ctx) => {
  // The end stops before blanks at the end too ("5 oct" of "5 oct   ?" once a purpose is blanked).
  // Dotted days are read as slashed ones first (same length): the dots of "from 26.10. 06:00 to 28.10. 18:00" end no point.
  const match = /\b(?:from|between)\s+(.+?)\s+(?:to|and|until|till|-)\s+(.+?)(?=\s*$|\s*[?.,!]|\s+(?:for|of|on|at)\s)/.exec(
    slashDottedDays(text),
  );
  if (!match) return null;
  // "between 6 and 8" with no month, no clock mark: neither days nor hours can be told; not a range of dates.
  const bare = new RegExp(`^\\d{1,2}(?![\\d:./]|\\s*(?:am|pm|st|nd|rd|th)\\b|\\s+(?:${MONTH_RE})\\b)`);
  if (bare.test((match[1] ?? '').trim()) && bare.test((match[2] ?? '').trim())) return null;
  // "between 2am and 4am" beside a period of days: the clock hours of each day, read by the clock-range step.
  if (clockRange(match[0]) && !new RegExp(`\\b(?:${MONTH_RE}|\\d{1,2}[./]\\d{1,2})\\b`).test(match[0])) return null;
  // "between monday midnight and now": the end is the question's now, as "since monday midnight" reads it.
  const untilNow = /^(?:right\s+)?now\b/.exec((match[2] ?? '').trim());
  const endPoints = untilNow
    ? [{ at: ctx.now, hasTime: true, hasDay: true, text: untilNow[0], index: (match[2] ?? '').indexOf(untilNow[0]) }]
    : chronoPoints(match[2] ?? '', ctx);
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

export const sinceRule: WindowRule = (text, ctx) => {
  // A dotted date ("since 1.9.", "since 15.10.2026") is no end of the sentence.
  const match = /\bsince\s+((?:\d{1,2}\.\d{1,2}(?:\.\d{2,4})?\.?|[^?,.!])+)/.exec(text);
  if (!match) return null;
  const said = match[1] ?? '';
  // "since aug", "since sept": a month named alone is the bare-month rule's month, from its first day; chrono reads a
  // month only when it is written out.
  const month = bareMonthRule(said, ctx);
  if (month && month.index === 0)
    return {
      index: match.index,
      length: 'since '.length + month.length,
      kind: 'range',
      from: month.from,
      to: ctx.now,
      what: `since ${month.what}`,
    };
  const points = chronoPoints(said, ctx);
  const point = points[0];
  if (!point || point.index > 1) return null;
  const consumed = 'since '.length + point.index + point.text.length;
  return { index: match.index, length: consumed, kind: 'range', from: point.at, to: ctx.now, what: `since ${point.text}` };
};

/** The words of a moment said to come: "in an hour", "in 3 hrs", "next 24h", "an hour from now". */
const FUTURE_POINT_RE = /^(?:in|next)\b|\bfrom now\b/;

export const pointRule: WindowRule = (text, ctx) => {
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
