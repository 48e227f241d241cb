// The time rules in the order they are tried, and the follow-up that moves the previous window.
import { addDays, fromWall, toWall } from './zoned-time.ts';
import { bareMonthRule, dayPartRule, nightsRule, ordinalDayRule, type TimeFound } from './calendar-words.ts';
import { dayRangeRule } from './day-range-rule.ts';
import { clockSpanOnDateRule } from './clock-span-date.ts';
import { clockEdgeOfDayRule } from './clock-edge-rules.ts';
import { nightOfTwoDaysRule } from './night-of-two-days.ts';
import { bareSpanRule, beforeClockRule, dayHalfRule, sinceClockRule } from './chat-time-rules.ts';
import { isoWeekRule, sinceClockOfDayRule, sinceOrdinalDayRule, weekOfRule } from './since-and-weeks.ts';
import { weekendRule } from './weekend-rule.ts';
import { clockChangeRule } from './clock-change-rule.ts';
import { wholePeriodRule } from './whole-period-rule.ts';
import { shiftRule } from './shift-rule.ts';
import { calendarRule, rollingRule } from './relative-period-rules.ts';
import { quarterYearRule } from './quarter-month-year-rule.ts';
import { pointRule, rangeRule, sinceRule } from './date-point-rules.ts';
import { sameTimeRule } from './same-time-rule.ts';
import type { TimeContext, WindowRule } from './time-window.ts';

/** Follow-ups that shift the previous window: "and the day before?", "the week before", "same time last week". */
export function followUp(text: string, ctx: TimeContext): TimeFound | null {
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
const RULES: WindowRule[] = [
  sameTimeRule,
  shiftRule,
  clockChangeRule,
  nightOfTwoDaysRule,
  rangeRule,
  clockSpanOnDateRule,
  sinceClockOfDayRule,
  clockEdgeOfDayRule,
  sinceOrdinalDayRule,
  weekOfRule,
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
  wholePeriodRule,
];

/** The first rule that finds a time in the text, in the order of RULES. */
export function firstRule(text: string, ctx: TimeContext): TimeFound | null {
  for (const rule of RULES) {
    const found = rule(text, ctx);
    if (found) return found;
  }
  return null;
}
