// A time found without its day (a named shift, clock times alone) placed on the day named beside it.
import { addDays, clockText, fromWall, toWall } from './zoned-time.ts';
import type { TimeFound } from './calendar-words.ts';
import { firstRule } from './time-rules.ts';
import type { TimeContext } from './time-window.ts';
import { blank } from './window-parts.ts';

/** The time found and the rest of the text, with a shift or clock times placed on a day named in the rest. */
export function placeOnDay(found: TimeFound, rest: string, ctx: TimeContext): { found: TimeFound; rest: string } {
  if (found.onDay) ({ found, rest } = shiftOnDay(found, found.onDay, rest, ctx));
  if (found.clockOnly) ({ found, rest } = clockTimesOnDay(found, rest, ctx));
  return { found, rest };
}

/**
 * "the night shift on the 8th": that shift of the day named beside it. Not of a longer period ("the night shift last
 * week" is seven night shifts, no one of them): its words stay, unplaced.
 */
function shiftOnDay(
  found: TimeFound,
  onDay: NonNullable<TimeFound['onDay']>,
  rest: string,
  ctx: TimeContext,
): { found: TimeFound; rest: string } {
  const day = firstRule(rest, ctx);
  const dayWall = day ? toWall(day.from, ctx.timezone) : undefined;
  const hours = day ? (day.to.getTime() - day.from.getTime()) / 3_600_000 : 0;
  const placed = day && dayWall && day.kind === 'range' && dayWall.hour === 0 && dayWall.minute === 0 ? onDay(dayWall) : null;
  // One day, or the two days a shift over midnight lies across ("night shift 21st->22nd sep": the one of the 21st).
  const across = placed !== null && hours > 25 && hours <= 49 && sameDate(toWall(placed.to, ctx.timezone), addDays(dayWall!, 1));
  if (day && placed && (hours <= 25 || across)) return { found: { ...found, ...placed }, rest: blank(rest, day.index, day.length) };
  return { found, rest };
}

const sameDate = (a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day;

/** "yesterday between 17:00 and 23:00": the clock times are on the day named beside them. */
function clockTimesOnDay(found: TimeFound, rest: string, ctx: TimeContext): { found: TimeFound; rest: string } {
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
    return { found: { ...found, from, to, what: `${day.what} ${clock(from)}–${clock(to)}` }, rest: blank(rest, day.index, day.length) };
  }
  return { found, rest };
}
