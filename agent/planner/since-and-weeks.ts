// "since" with a point chrono-node does not read as one ("since 6 o'clock this morning", "since the 3rd"), and ISO week
// numbers as plants write them ("wk41", "KW41", "week 41"; not "cw", which names clearwells): each one period, not two.
import { CLOCK_AFTER } from './chat-time-rules.ts';
import { ordinalDayRule, type TimeRule } from './calendar-words.ts';
import { pointRule } from './date-point-rules.ts';
import type { WindowRule } from './time-window.ts';
import { addDays, clockText, fromWall, isoWeekday, midnight, toWall, type WallTime } from './zoned-time.ts';

/**
 * "since 6:00 this morning", "since 2 this afternoon", "since 8 yesterday evening": ONE point, the clock time of that
 * day (a later part of the day makes 2 into 14:00), up to now. The day part names the clock's half of the day, not a
 * second period. "after 6am yesterday", "after midnight yesterday" are read the same, as "after midnight" with no day
 * is since today's 00:00 (normalize-question.ts).
 */
export const sinceClockOfDayRule: TimeRule = (text, ctx) => {
  const match = new RegExp(
    `\\b(?:since|after)\\s+${CLOCK_AFTER}\\s+(?:(this|today|yesterday)(?:\\s+(morning|afternoon|evening|night))?|in\\s+the\\s+(morning|afternoon|evening))\\b`,
  ).exec(text);
  if (!match) return null;
  const part = match[5] ?? match[6];
  const day = match[4] ?? 'today';
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (match[3] === 'pm' && hour < 12) hour += 12;
  if (match[3] === 'am' && hour === 12) hour = 0;
  if (!match[3] && (part === 'afternoon' || part === 'evening' || (part === 'night' && hour >= 6)) && hour < 12) hour += 12;
  if (hour > 23 || (part === undefined && day === 'this')) return null;
  const today = toWall(ctx.now, ctx.timezone);
  const from = fromWall({ ...(day === 'yesterday' ? addDays(today, -1) : today), hour, minute, second: 0 }, ctx.timezone);
  if (from >= ctx.now) return null;
  const what = `since ${clockText(hour, minute)}${day === 'yesterday' ? ' yesterday' : ''}`;
  return { index: match.index, length: match[0].length, kind: 'range', from, to: ctx.now, what };
};

/** "since the 3rd", "since the 21st": from the start of that day (this month's, or last month's when it has not come) up to now. */
export const sinceOrdinalDayRule: TimeRule = (text, ctx) => {
  const match = /\bsince\s+(?=(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b)/.exec(text);
  if (!match) return null;
  const rest = text.slice(match.index + match[0].length);
  const day = ordinalDayRule(rest, ctx);
  if (!day || day.index !== 0 || day.from >= ctx.now) return null;
  return {
    index: match.index,
    length: match[0].length + day.length,
    kind: 'range',
    from: day.from,
    to: ctx.now,
    what: `since ${day.what.replace(/^on /, '')}`,
  };
};

/** Monday 00:00 of ISO week `week` of `year`, plant time. */
function isoWeekStart(year: number, week: number): Pick<WallTime, 'year' | 'month' | 'day'> {
  const jan4 = { year, month: 1, day: 4 };
  const monday1 = addDays(jan4, 1 - isoWeekday(jan4));
  return addDays(monday1, 7 * (week - 1));
}

/**
 * "wk41", "KW 41" (Kalenderwoche), "week 41", "week 41 2026": that ISO week (Monday to Monday, plant time) of
 * the year written, else the latest such week that has begun; cut at now.
 */
export const isoWeekRule: TimeRule = (text, ctx) => {
  const match =
    /\b(?:wk|kw|week|calendar\s+week)\s*(\d{1,2})\b(?:\s*(?:of\s+|\/\s*)?(20\d{2})\b)?(?!\s*(?:weeks?|wks?|days?|h|hrs?|hours?|%|m3|m|bar)\b)/.exec(
      text,
    );
  if (!match) return null;
  const week = Number(match[1]);
  if (week < 1 || week > 53) return null;
  const today = toWall(ctx.now, ctx.timezone);
  let year = match[2] ? Number(match[2]) : today.year;
  const startOf = (y: number): Date => midnight(isoWeekStart(y, week), ctx.timezone);
  if (!match[2] && startOf(year) > ctx.now) year -= 1;
  const from = startOf(year);
  // Week 53 exists only in some years: its Monday must still fall in the ISO year asked.
  if (week === 53 && isoWeekStart(year, 53).year !== year && isoWeekStart(year, 53).month === 1) return null;
  const end = midnight(addDays(isoWeekStart(year, week), 7), ctx.timezone);
  if (from >= ctx.now) return null;
  return {
    index: match.index,
    length: match[0].length,
    kind: 'range',
    from,
    to: end > ctx.now ? ctx.now : end,
    what: `week ${week} of ${year}`,
  };
};

/**
 * "wk of 21 sep", "the week of the 21st": the week that day lies in (Monday to Monday, plant time); "w/c 21/9", "week
 * commencing 21 sep", "week starting the 21st": seven days from that day. Cut at now. Never that one day: the week
 * was asked.
 */
export const weekOfRule: WindowRule = (text, ctx) => {
  const match = /\b(?:(?:the\s+)?(?:week|wk)\s+(of|commencing|starting|beginning)|(?:w|with)\/c)\s+/.exec(text);
  if (!match) return null;
  const tail = text.slice(match.index + match[0].length);
  const day = pointRule(tail, ctx) ?? ordinalDayRule(tail, ctx);
  if (!day || day.index !== 0 || day.kind !== 'range') return null;
  const wall = toWall(day.from, ctx.timezone);
  const first = match[1] === 'of' ? addDays(wall, 1 - isoWeekday(wall)) : wall;
  const from = midnight(first, ctx.timezone);
  const end = midnight(addDays(first, 7), ctx.timezone);
  if (from >= ctx.now) return null;
  return {
    index: match.index,
    length: match[0].length + day.length,
    kind: 'range',
    from,
    to: end > ctx.now ? ctx.now : end,
    what: `the week of ${day.what.replace(/^on /, '')}`,
  };
};
