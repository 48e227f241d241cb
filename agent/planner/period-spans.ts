// Sub-windows of a plan's window in plant time: calendar buckets, the same window one period earlier, the nights' hours.
import type { ResolvedWindow } from '../answer.ts';
import type { Bucket } from './plan.ts';
import { makeWindow } from './window-parts.ts';
import { addDays, fromWall, isoWeekday, toWall, type WallTime } from './zoned-time.ts';

/** A half-open span [from, to) of instants. */
export interface Span {
  from: Date;
  to: Date;
}

/** Most spans one statement lists (an hourly ranking over a month is 744): more is declined by the planner. */
export const MAX_SPANS = 2000;

type Day = Pick<WallTime, 'year' | 'month' | 'day'>;

const wallAt = (day: Day, hour: number, tz: string): Date =>
  fromWall({ year: day.year, month: day.month, day: day.day, hour, minute: 0, second: 0 }, tz);

/** The start of the bucket holding `instant`, in plant time (weeks start on Monday). */
function bucketStart(instant: Date, bucket: Bucket, tz: string): Date {
  const wall = toWall(instant, tz);
  if (bucket === 'hour') return fromWall({ ...wall, minute: 0, second: 0 }, tz);
  if (bucket === 'day') return wallAt(wall, 0, tz);
  if (bucket === 'week') return wallAt(addDays(wall, 1 - isoWeekday(wall)), 0, tz);
  return wallAt({ year: wall.year, month: wall.month, day: 1 }, 0, tz);
}

/** The next bucket's start after a bucket start, in plant time (an hour is 60 min of real time, across a clock change too). */
function nextStart(start: Date, bucket: Bucket, tz: string): Date {
  if (bucket === 'hour') return new Date(start.getTime() + 3_600_000);
  const wall = toWall(start, tz);
  if (bucket === 'day') return wallAt(addDays(wall, 1), 0, tz);
  if (bucket === 'week') return wallAt(addDays(wall, 7), 0, tz);
  return wallAt({ year: wall.year, month: wall.month + 1, day: 1 }, 0, tz);
}

/** The calendar buckets of a window, the first and last clipped to it; null when there would be more than MAX_SPANS. */
export function bucketSpans(window: ResolvedWindow, bucket: Bucket): Span[] | null {
  const tz = window.timezone;
  const end = new Date(window.to);
  const spans: Span[] = [];
  let start = bucketStart(new Date(window.from), bucket, tz);
  while (start < end) {
    const next = nextStart(start, bucket, tz);
    const from = start < new Date(window.from) ? new Date(window.from) : start;
    spans.push({ from, to: next > end ? end : next });
    if (spans.length > MAX_SPANS) return null;
    start = next;
  }
  return spans;
}

/**
 * A rolling window ranked by calendar buckets ("which day in the past two weeks"): as many whole buckets, ending where
 * the current one began, so that no part of a day ranks against whole days. The window itself when either end lies on
 * a bucket edge (yesterday, last week, today so far) or the buckets are hours.
 */
export function wholeBucketWindow(window: ResolvedWindow, bucket: Bucket): ResolvedWindow {
  const tz = window.timezone;
  const from = new Date(window.from);
  const to = new Date(window.to);
  const start = bucketStart(from, bucket, tz);
  const end = bucketStart(to, bucket, tz);
  if (bucket === 'hour' || start.getTime() === from.getTime() || end.getTime() === to.getTime() || end <= start) return window;
  return makeWindow(start, end, tz, `${window.label.replace(/\s*\([^()]*\)$/, '')}, whole ${bucket}s`);
}

/** Moves a wall-clock instant by whole periods (a day is a calendar day, so 00:00 stays 00:00 across a clock change). */
function shiftInstant(instant: Date, period: Bucket, count: number, tz: string): Date {
  if (period === 'hour') return new Date(instant.getTime() + count * 3_600_000);
  const wall = toWall(instant, tz);
  if (period === 'month') return fromWall({ ...wall, month: wall.month + count }, tz);
  const day = addDays(wall, count * (period === 'week' ? 7 : 1));
  return fromWall({ ...wall, year: day.year, month: day.month, day: day.day }, tz);
}

/** The window one period earlier, in plant time: yesterday's day before, last week's week before. */
export function previousSpan(window: ResolvedWindow, period: Bucket): Span {
  const tz = window.timezone;
  return { from: shiftInstant(new Date(window.from), period, -1, tz), to: shiftInstant(new Date(window.to), period, -1, tz) };
}

/** The last complete period before `now` in plant time (the window of "week-over-week" asked without one). */
export function lastCompletePeriod(now: Date, period: Bucket, tz: string): Span {
  const to = bucketStart(now, period, tz);
  return { from: shiftInstant(to, period, -1, tz), to };
}

/**
 * The nights of a window: each day's `fromHour`..`toHour` in plant time (02:00–04:00 by default) that lies wholly
 * inside the window. On the night the clocks go back, 02:00–04:00 lasts three hours, as a logger's clock sees it.
 */
export function nightSpans(window: ResolvedWindow, fromHour: number, toHour: number): Span[] {
  const tz = window.timezone;
  const start = new Date(window.from);
  const end = new Date(window.to);
  const spans: Span[] = [];
  let day: Day = addDays(toWall(start, tz), -1);
  for (let i = 0; i < MAX_SPANS; i += 1) {
    const from = wallAt(day, fromHour, tz);
    if (from >= end) break;
    const to = toHour > fromHour ? wallAt(day, toHour, tz) : wallAt(addDays(day, 1), toHour, tz);
    if (from >= start && to <= end) spans.push({ from, to });
    day = addDays(day, 1);
  }
  return spans;
}
