// A month or weekday name left over once the window is read, which the window does not cover.
import type { TimeParse } from './time-window.ts';
import { MONTHS } from './time-words.ts';
import { isoWeekday, toWall } from './zoned-time.ts';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A month or weekday name in the rest of the question that the window read does not cover; undefined when none. */
export function strayCalendarWord(rest: string, window: TimeParse['window'] | undefined, timezone: string): string | undefined {
  for (const word of rest.split(/[^a-z]+/)) {
    // "may" is a month only beside a day number ("3 may"); otherwise it asks permission.
    const month = word === 'may' && !/\d\s*may\b|\bmay\s*\d/.test(rest) ? undefined : MONTHS[word];
    const weekday = WEEKDAYS.findIndex(
      (d) => word.length >= 3 && d.startsWith(word) && (word.length >= 6 || /^(?:mon|tue|tues|wed|thu|thur|thurs|fri)$/.test(word)),
    );
    if (month === undefined && weekday < 0) continue;
    if (!window) return word;
    const from = new Date(window.from);
    const last = new Date(Math.max(from.getTime(), Date.parse(window.to) - 1));
    const [a, b] = [toWall(from, timezone), toWall(last, timezone)];
    if (month !== undefined) {
      const covered = a.month === month || b.month === month || (a.month < month && month < b.month);
      if (!covered) return word;
    } else {
      const days = (last.getTime() - from.getTime()) / 86_400_000;
      if (days < 6 && isoWeekday(a) - 1 !== weekday && isoWeekday(b) - 1 !== weekday) return word;
    }
  }
  return undefined;
}
