// "over the weekend", "this wknd", "last weekend": Saturday 00:00 to Monday 00:00 in plant time.
import type { TimeRule } from './calendar-words.ts';
import { addDays, isoWeekday, midnight, toWall } from './zoned-time.ts';

/**
 * The weekend named without a date: the newest one that has begun ("over the weekend" asked on Monday is the one just
 * ended; asked on Sunday, the one under way, up to now). "last"/"previous" weekend is the newest one that has ended.
 * A plural ("on weekends") is a filter over many weeks, not a window: not read here.
 */
export const weekendRule: TimeRule = (text, ctx) => {
  const match =
    /\b(?:(?:over|during|on|at|for|in|across|through|thru)\s+)?(?:the\s+)?(?:(this|last|past|previous|prev)\s+)?weekend\b(?!s)/.exec(text);
  if (!match || /\b(?:a|any|every|each|per)\s+$/.test(text.slice(0, match.index))) return null;
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  // Days back to the newest Saturday on or before today (ISO weekday: Monday 1 ... Saturday 6, Sunday 7).
  let saturday = addDays(today, -((isoWeekday(today) + 1) % 7));
  const ended = match[1] !== undefined && match[1] !== 'this';
  if (ended && midnight(addDays(saturday, 2), tz) > ctx.now) saturday = addDays(saturday, -7);
  const from = midnight(saturday, tz);
  const end = midnight(addDays(saturday, 2), tz);
  return {
    index: match.index,
    length: match[0].length,
    kind: 'range',
    from,
    to: end > ctx.now ? ctx.now : end,
    what: match[1] === 'this' || end > ctx.now ? 'this weekend' : 'the weekend',
  };
};
