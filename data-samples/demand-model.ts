// Water demand and weather: diurnal/weekly profile in plant-local time, seasonal trend, daily weather, rain events.
import { berlinLocal } from './local-time.ts';
import { createRng } from './rng.ts';

const DAY_MS = 86_400_000;

function bump(h: number, centre: number, width: number): number {
  const d = h - centre;
  return Math.exp(-(d * d) / (2 * width * width));
}

function rawProfile(hour: number, weekday: number): number {
  const weekend = weekday === 0 || weekday === 6;
  const day = 0.35 * (1 / (1 + Math.exp(-(hour - 6) * 2))) * (1 / (1 + Math.exp((hour - 22.5) * 2)));
  if (weekend) {
    return 0.5 + day + 0.75 * bump(hour, 9.5, 1.7) + 0.3 * bump(hour, 13, 1.5) + 0.55 * bump(hour, 19.5, 2.0);
  }
  return 0.5 + day + 0.8 * bump(hour, 7.0, 1.1) + 0.3 * bump(hour, 12.5, 1.6) + 0.6 * bump(hour, 19.5, 2.0);
}

const profileMean = ((): number => {
  let sum = 0;
  let n = 0;
  for (let wd = 0; wd < 7; wd += 1) {
    for (let m = 0; m < 1440; m += 1) {
      sum += rawProfile(m / 60, wd);
      n += 1;
    }
  }
  return sum / n;
})();

/** Demand multiplier (mean 1 over a week) at a UTC instant, using Europe/Berlin wall-clock time. */
export function demandProfile(tsMs: number): number {
  const { hour, weekday } = berlinLocal(tsMs);
  const weekly = weekday === 6 ? 1.03 : weekday === 0 ? 0.97 : 1;
  return (rawProfile(hour, weekday) / profileMean) * weekly;
}

const yearCache = { start: 0, end: 0 };

function dayOfYear(tsMs: number): number {
  if (!(tsMs >= yearCache.start && tsMs < yearCache.end)) {
    const year = new Date(tsMs).getUTCFullYear();
    yearCache.start = Date.UTC(year, 0, 1);
    yearCache.end = Date.UTC(year + 1, 0, 1);
  }
  return (tsMs - yearCache.start) / DAY_MS;
}

/** Seasonal demand multiplier: highest in late July, lower in autumn. */
export function seasonalDemand(tsMs: number): number {
  return 1 + 0.12 * Math.cos((2 * Math.PI * (dayOfYear(tsMs) - 200)) / 365);
}

/** Raw river water temperature (°C) by season and hour. */
export function waterTemperature(tsMs: number): number {
  const seasonal = 12.5 + 7 * Math.cos((2 * Math.PI * (dayOfYear(tsMs) - 215)) / 365);
  const hourUtc = (tsMs % DAY_MS) / 3_600_000;
  return seasonal + 0.35 * Math.sin((2 * Math.PI * (hourUtc - 9)) / 24);
}

/** Outdoor air temperature (°C), for panel temperatures. */
export function airTemperature(tsMs: number): number {
  const seasonal = 11 + 9 * Math.cos((2 * Math.PI * (dayOfYear(tsMs) - 205)) / 365);
  const hourUtc = (tsMs % DAY_MS) / 3_600_000;
  return seasonal + 5 * Math.sin((2 * Math.PI * (hourUtc - 8)) / 24);
}

/** Day-by-day weather: a demand factor (dry warm days higher) and rain events that raise raw turbidity. */
export interface Weather {
  /** Demand factor of the UTC day containing tsMs. */
  dayFactor(tsMs: number): number;
  /** Start instants (epoch ms) of rain events. */
  rainStarts: number[];
  /** Raw water turbidity (NTU) at tsMs, including the rain responses. */
  rawTurbidity(tsMs: number): number;
}

/** Builds the weather of a window (firstDayMs: midnight UTC, dayCount days) from the seed. */
export function createWeather(seed: number, firstDayMs: number, dayCount: number): Weather {
  const rng = createRng(seed, 'weather');
  const factors: number[] = [];
  const rainStarts: number[] = [];
  const rainPeaks: number[] = [];
  let ar = 0;
  for (let d = 0; d < dayCount; d += 1) {
    ar = 0.7 * ar + 0.035 * rng.normal();
    const rainy = rng.next() < 0.1;
    factors.push(1 + ar - (rainy ? 0.06 : 0));
    if (rainy) {
      rainStarts.push(firstDayMs + d * DAY_MS + Math.floor(rng.between(0, 24 * 60)) * 60_000);
      rainPeaks.push(rng.between(12, 38));
    }
  }
  return {
    dayFactor: (tsMs) => factors[Math.min(dayCount - 1, Math.max(0, Math.floor((tsMs - firstDayMs) / DAY_MS)))] ?? 1,
    rainStarts,
    rawTurbidity: (tsMs) => {
      let ntu = 2.8 + 0.4 * Math.sin((2 * Math.PI * (tsMs - firstDayMs)) / (5 * DAY_MS));
      for (let k = 0; k < rainStarts.length; k += 1) {
        const dtH = (tsMs - (rainStarts[k] ?? 0)) / 3_600_000;
        if (dtH > 0 && dtH < 96) ntu += (rainPeaks[k] ?? 0) * (1 - Math.exp(-dtH / 3)) * Math.exp(-dtH / 20);
      }
      return ntu;
    },
  };
}
