// A window narrowed by what the rest of the question says of it: clock hours ("2-4am"), a part of the day, a clock time.
import { addDays, formatShort, fromWall, toWall } from './zoned-time.ts';
import { DAY_PARTS, type TimeFound } from './calendar-words.ts';
import { clockRange } from './clock-span-date.ts';
import type { TimeContext, TimeParse } from './time-window.ts';
import { blank, makeWindow } from './window-parts.ts';

/** A part of the day left beside a day already read: "in the morning", "during the night", "evening". */
const DAY_PART_AFTER_RE = /\b(?:(?:in|during|over|through)\s+)?(?:the\s+)?(morning|afternoon|evening|night)\b/;

/** Clock hours named beside a range ("2-4am last week", "yesterday 22-6"): those hours of it; null when none. */
export function clockHoursWindow(found: TimeFound, rest: string, ctx: TimeContext): TimeParse | null {
  const range = found.kind === 'range' ? clockRange(rest) : null;
  if (!range) return null;
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

/** A part of the day beside a whole day ("yesterday in the morning", "the 8th during the night"): that part of it. */
export function dayPartWindow(found: TimeFound, rest: string, ctx: TimeContext): TimeParse | null {
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
  return null;
}

/**
 * A clock time on a resolved day ("yesterday at 06:00", "today 6am") makes an instant; null when none.
 * "at 6.30" is a clock time only after "at": "above 6.30" is a value.
 */
export function clockInstantWindow(found: TimeFound, rest: string, ctx: TimeContext): TimeParse | null {
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
  return null;
}

/** "6", "6:30", "6.30", "6pm" as a clock time; a bare number without minutes or am/pm is none. */
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
