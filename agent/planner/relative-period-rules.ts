// Periods named relative to now: rolling ("last 3 hours", "past 7 days") and calendar ("yesterday", "last week", "this year").
import { addDays, fromWall, isoWeekday, toWall } from './zoned-time.ts';
import { UNIT_MS, unitKey } from './time-words.ts';
import { dayStart } from './window-parts.ts';
import type { WindowRule } from './time-window.ts';

export const rollingRule: WindowRule = (text, ctx) => {
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

export const calendarRule: WindowRule = (text, ctx) => {
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
