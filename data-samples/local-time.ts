// Plant-local clock (Europe/Berlin) computed arithmetically: fast and independent of the host's ICU data.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Last Sunday of a month at 01:00 UTC: when EU summer time starts (March) and ends (October). */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const back = lastDay.getUTCDay();
  return Date.UTC(year, month, lastDay.getUTCDate() - back, 1);
}

/** Cached calendar year [yearStart, yearEnd) and its summer-time interval [summerStart, summerEnd). */
const cache = { yearStart: 0, yearEnd: 0, summerStart: 0, summerEnd: 0 };

/** UTC offset of Europe/Berlin in hours at instant tsMs (1 in winter, 2 in summer). */
export function berlinOffsetHours(tsMs: number): number {
  if (!(tsMs >= cache.yearStart && tsMs < cache.yearEnd)) {
    const year = new Date(tsMs).getUTCFullYear();
    cache.yearStart = Date.UTC(year, 0, 1);
    cache.yearEnd = Date.UTC(year + 1, 0, 1);
    cache.summerStart = lastSundayOneUtc(year, 2);
    cache.summerEnd = lastSundayOneUtc(year, 9);
  }
  return tsMs >= cache.summerStart && tsMs < cache.summerEnd ? 2 : 1;
}

/** Local wall-clock facts used by the demand model and the shift log. */
export interface LocalTime {
  /** Fractional hour of day, 0 to 24. */
  hour: number;
  /** Day of week, 0 = Sunday .. 6 = Saturday. */
  weekday: number;
}

/** Local hour and weekday in Europe/Berlin for a UTC instant. */
export function berlinLocal(tsMs: number): LocalTime {
  const local = tsMs + berlinOffsetHours(tsMs) * HOUR_MS;
  const day = Math.floor(local / DAY_MS);
  return { hour: (local - day * DAY_MS) / HOUR_MS, weekday: (((day + 4) % 7) + 7) % 7 };
}
