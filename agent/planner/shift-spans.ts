// The instants of a configured shift: one occurrence from its start day, and every occurrence that starts in a window
// ("the night shifts of last week").
import { addDays, fromWall, toWall, type WallTime } from './zoned-time.ts';

/** A shift from config: wall-clock HH:MM start and end (end before start = crosses midnight). */
export interface ShiftDefinition {
  name: string;
  start: string;
  end: string;
}

/** The occurrence of a shift that starts on a plant-local day (a night shift ends on the next day). */
export function shiftWindow(
  shift: ShiftDefinition,
  startDay: Pick<WallTime, 'year' | 'month' | 'day'>,
  tz: string,
): { from: Date; to: Date } {
  const [sh = 0, sm = 0] = shift.start.split(':').map(Number);
  const [eh = 0, em = 0] = shift.end.split(':').map(Number);
  const crosses = eh * 60 + em <= sh * 60 + sm;
  const endDay = crosses ? addDays(startDay, 1) : startDay;
  return { from: fromWall({ ...startDay, hour: sh, minute: sm }, tz), to: fromWall({ ...endDay, hour: eh, minute: em }, tz) };
}

/**
 * Every occurrence of the shift that starts at or after `from`, before `to` and before `now`, oldest first; the one still
 * running ends at `now` ("who worked earlies this week" on Friday morning: Monday's to Friday's, Friday's so far).
 */
export function shiftSpansIn(shift: ShiftDefinition, from: Date, to: Date, now: Date, tz: string): { from: Date; to: Date }[] {
  const spans: { from: Date; to: Date }[] = [];
  const last = toWall(to, tz);
  for (let day = addDays(toWall(from, tz), -1); ; day = addDays(day, 1)) {
    const span = shiftWindow(shift, day, tz);
    if (span.from >= to || span.from >= now) break;
    if (span.from >= from) spans.push({ from: span.from, to: span.to > now ? now : span.to });
    if (day.year === last.year && day.month === last.month && day.day === last.day) break;
  }
  return spans;
}
