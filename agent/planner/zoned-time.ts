// Wall-clock <-> instant conversion in an IANA time zone (DST-aware), with Intl only.

/** Calendar fields of a wall-clock time; month is 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
export function toWall(instant: Date, timezone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (e.g. +7,200,000 for CEST). */
export function offsetMs(instant: Date, timezone: string): number {
  const wall = toWall(instant, timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in a zone. Month/day may overflow (normalised like Date.UTC).
 * In the spring-forward gap the time is moved forward by the gap; in the autumn overlap the earlier instant wins.
 */
export function fromWall(wall: Partial<WallTime> & { year: number; month: number; day: number }, timezone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  // Every instant whose wall time this is: two in the autumn overlap (the earlier wins), none in the spring gap.
  const offsets = new Set([-43_200_000, 0, 43_200_000].map((d) => offsetMs(new Date(guess + d), timezone)));
  const exact = [...offsets].map((o) => guess - o).filter((instant) => offsetMs(new Date(instant), timezone) === guess - instant);
  if (exact.length > 0) return new Date(Math.min(...exact));
  const first = offsetMs(new Date(guess), timezone);
  let instant = guess - first;
  const second = offsetMs(new Date(instant), timezone);
  if (second !== first) {
    const alternative = guess - second;
    // Prefer the candidate whose wall time round-trips; otherwise keep the earlier one.
    instant = offsetMs(new Date(alternative), timezone) === second ? Math.min(instant, alternative) : instant;
  }
  return new Date(instant);
}

/** Adds days to a wall date (calendar days, not 24 h), returning the normalised wall date at 00:00. */
export function addDays(wall: Pick<WallTime, 'year' | 'month' | 'day'>, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0, second: 0 };
}

/** 00:00 of a wall date in the zone, as an instant. */
export const midnight = (day: Pick<WallTime, 'year' | 'month' | 'day'>, timezone: string): Date =>
  fromWall({ year: day.year, month: day.month, day: day.day, hour: 0, minute: 0, second: 0 }, timezone);

/** The 24-hour hour of a clock written with am/pm ("2pm" 14, "12am" 0) or without it (as written). */
export function clockHour(hour: number, half: string | undefined): number {
  return half === 'pm' && hour < 12 ? hour + 12 : half === 'am' && hour === 12 ? 0 : hour;
}

/** A clock time as written in a window's label: "06:00", "14:30". */
export const clockText = (hour: number, minute = 0): string => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** ISO weekday of a wall date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO-8601 with the zone's offset, e.g. 2026-10-14T00:00:00+02:00. */
export function formatInstant(instant: Date, timezone: string): string {
  const wall = toWall(instant, timezone);
  const offsetMinutes = Math.round(offsetMs(instant, timezone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Short human form in the zone, e.g. 2026-10-14 06:00. */
export function formatShort(instant: Date, timezone: string): string {
  const wall = toWall(instant, timezone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * A result cell holding an instant in the short form of the zone; a time written without an offset is read as UTC, and
 * text that is no time is given back as it is.
 */
export function formatInstantText(text: string, timezone: string): string {
  const date = new Date(/(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? text : formatShort(date, timezone);
}

/** The first instant after `from` whose wall clock reads `clock`'s hour and minute: the same day, or the next. */
export function clockAfter(from: Date, clock: Pick<WallTime, 'hour' | 'minute'>, timezone: string): Date {
  const day = toWall(from, timezone);
  const same = fromWall({ ...day, hour: clock.hour, minute: clock.minute, second: 0 }, timezone);
  return same > from ? same : fromWall({ ...addDays(day, 1), hour: clock.hour, minute: clock.minute, second: 0 }, timezone);
}
