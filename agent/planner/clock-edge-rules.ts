// One edge of a window as a clock time on a named day: "after 9pm sat", "after 3am on 29/10", "before 6 this morning",
// "since 10pm last night". The clock says where the window starts or ends; the day (or part of a day) says which day.
import { DAY_PARTS, type TimeRule } from './calendar-words.ts';
import { CLOCK_AFTER } from './chat-time-rules.ts';
import { chronoPoints } from './chrono-points.ts';
import { addDays, clockHour, clockText, formatShort, fromWall, toWall, type WallTime } from './zoned-time.ts';

const EDGE_RE = new RegExp(`\\b(after|since|before|until|till|b4)\\s+${CLOCK_AFTER}\\s+`, 'g');

/** "this morning", "last night", "yesterday evening", "tonight": a day and the part of it that says the clock's half. */
const PART_TAIL_RE = /^(?:(this|today|yesterday|last)\s+(morning|afternoon|evening|night)|(tonight))\b/;

type Part = keyof typeof DAY_PARTS;
type Day = Pick<WallTime, 'year' | 'month' | 'day'>;

interface EdgeDay {
  day: Day;
  hour: number;
  length: number;
  /** The part of the day named ("last night"): "after" runs to its end, "before" from its start. */
  part?: Part;
}

/** The day a part names and the clock's hour in it: a bare "6" this morning is 06:00, "10" last night 22:00. */
function partDay(match: RegExpExecArray, hour: number, half: string | undefined, today: Day): EdgeDay | null {
  const part = (match[2] ?? 'night') as Part;
  const word = match[1] ?? 'tonight';
  if (!half && hour < 12 && (part === 'afternoon' || part === 'evening' || (part === 'night' && hour >= 6))) hour += 12;
  if (word === 'last' && part !== 'night' && part !== 'evening') return null;
  // A night runs over midnight: the small hours of "last night" are on today's date, its evening hours on yesterday's.
  const yesterday = word === 'yesterday' || (word === 'last' && (part === 'evening' || hour >= 12));
  return { day: yesterday ? addDays(today, -1) : today, hour, length: match[0].length, part };
}

/** The day written after the clock ("sat", "on 29/10", "this morning"), or null when none stands right after it. */
function dayAfterClock(tail: string, hour: number, half: string | undefined, ctx: Parameters<TimeRule>[1]): EdgeDay | null {
  const today = toWall(ctx.now, ctx.timezone);
  const part = PART_TAIL_RE.exec(tail);
  if (part) return partDay(part, hour, half, today);
  const lead = /^(?:on\s+)?/.exec(tail)?.[0] ?? '';
  const point = chronoPoints(tail.slice(lead.length), ctx)[0];
  if (!point || point.index !== 0 || !point.hasDay || point.hasTime) return null;
  return { day: toWall(point.at, ctx.timezone), hour, length: lead.length + point.text.length };
}

/**
 * "after 9pm sat": from that clock time to the end of the day (or of the part named); "since 10pm last night": to now;
 * "before 6 this morning": from the start of the day to it. Needs the day right after the clock time: without one,
 * "since 8" and "before noon" are read by the chat rules on today's clock.
 */
export const clockEdgeOfDayRule: TimeRule = (text, ctx) => {
  for (const match of text.matchAll(EDGE_RE)) {
    const word = match[1] ?? '';
    const hour = clockHour(Number(match[2]), match[4]);
    const minute = Number(match[3] ?? 0);
    const tail = text.slice((match.index ?? 0) + match[0].length);
    const edge = hour <= 23 ? dayAfterClock(tail, hour, match[4], ctx) : null;
    // "since 9pm sat" is read by the since rule (chrono-node reads the day); only a part of a day needs this one.
    if (!edge || (word === 'since' && !edge.part)) continue;
    const at = fromWall({ ...edge.day, hour: edge.hour, minute, second: 0 }, ctx.timezone);
    if (at >= ctx.now) continue;
    const index = match.index ?? 0;
    const length = match[0].length + edge.length;
    const clock = clockText(edge.hour, minute);
    if (word === 'since') return { index, length, kind: 'range', from: at, to: ctx.now, what: `since ${formatShort(at, ctx.timezone)}` };
    const [partStart, partEnd] = edge.part ? DAY_PARTS[edge.part] : [0, 24];
    const dayOf = (h: number, base: Day): Date => fromWall({ ...base, hour: h % 24, minute: 0, second: 0 }, ctx.timezone);
    if (word === 'after') {
      // The end of the day, or of the part (a night ends at 06:00 the day after its evening).
      const endDay = partEnd <= partStart || partEnd === 24 ? (edge.hour >= partStart ? addDays(edge.day, 1) : edge.day) : edge.day;
      const to = dayOf(partEnd, endDay);
      return {
        index,
        length,
        kind: 'range',
        from: at,
        to: to > ctx.now ? ctx.now : to,
        what: `${formatShort(at, ctx.timezone).slice(0, 10)} after ${clock}`,
      };
    }
    // "before 2am last night" starts with the night; "before 6 this morning" with the day.
    const from = edge.part === 'night' && edge.hour < partStart ? dayOf(partStart, addDays(edge.day, -1)) : dayOf(0, edge.day);
    if (from >= at) continue;
    return { index, length, kind: 'range', from, to: at, what: `${formatShort(at, ctx.timezone).slice(0, 10)} before ${clock}` };
  }
  return null;
};
