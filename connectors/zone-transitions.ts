// Daylight-saving changes of an IANA zone over a span, and the local wall-clock hours they repeat or skip (Intl only).

/** One change of a zone's UTC offset. Offsets in ms east of UTC (America/Chicago in winter: -21,600,000). */
export interface ZoneTransition {
  /** The instant of the change, ms since the epoch. */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

/**
 * Local wall-clock times around a change, written as if they were UTC (how a naive TIMESTAMP holds them):
 * `repeated` when the clock goes back (each wall time in [from, to) happens twice), `skipped` when it goes forward
 * (no instant has a wall time in [from, to)).
 */
export interface WallGap {
  kind: 'repeated' | 'skipped';
  from: number;
  to: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms ("GMT-05:00" -> -18,000,000). */
export function offsetAt(ms: number, zone: string): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, formatter);
  }
  const name = formatter.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d\d):(\d\d)(?::(\d\d))?/.exec(name);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * ((Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0)) * 1000;
}

/** Every change of the zone's offset between two instants (steps of 6 hours, then bisection to the millisecond). */
export function zoneTransitions(zone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const step = 6 * 3_600_000;
  const found: ZoneTransition[] = [];
  let previous = offsetAt(fromMs, zone);
  for (let t = fromMs; t < toMs; t += step) {
    const next = Math.min(t + step, toMs);
    const offset = offsetAt(next, zone);
    if (offset === previous) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid, zone) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, offsetBefore: previous, offsetAfter: offset });
    previous = offset;
  }
  return found;
}

/**
 * The repeated and skipped wall-clock spans of the zone for naive times between `fromWall` and `toWall` (ms, wall
 * time written as UTC). A change at instant T from offset a to b repeats [T + b, T + a) when a > b and skips
 * [T + a, T + b) when a < b.
 */
export function wallGaps(zone: string, fromWall: number, toWall: number): WallGap[] {
  const day = 86_400_000;
  return zoneTransitions(zone, fromWall - day, toWall + day)
    .map((t): WallGap => {
      const first = t.at + Math.min(t.offsetBefore, t.offsetAfter);
      const last = t.at + Math.max(t.offsetBefore, t.offsetAfter);
      return { kind: t.offsetBefore > t.offsetAfter ? 'repeated' : 'skipped', from: first, to: last };
    })
    .filter((gap) => gap.to > fromWall && gap.from <= toWall);
}
