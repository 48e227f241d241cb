// Pump station control as PLCs do it: staging on tank level (or flow) with hysteresis, weekly duty rotation.

const WEEK_MS = 7 * 86_400_000;
/** Monday 1970-01-05 06:00 UTC: duty rotation changes every Monday morning. */
const ROTATION_EPOCH_MS = 4 * 86_400_000 + 6 * 3_600_000;

/** Level thresholds per stage: stage k (1-based) starts when level < start[k-1] and stops when level > stop[k-1]. */
export interface LevelStaging {
  start: number[];
  stop: number[];
}

/** Next number of duty pumps from the current count, the tank level (m) and the thresholds. */
export function stageOnLevel(running: number, level: number, staging: LevelStaging, available: number): number {
  let n = Math.min(running, available);
  const nextStart = staging.start[n];
  if (n < available && nextStart !== undefined && level < nextStart) n += 1;
  else if (n > 0 && level > (staging.stop[n - 1] ?? Infinity)) n -= 1;
  return n;
}

/** Pump codes in duty order for the week containing tsMs; `lead` overrides the weekly rotation. */
export function dutyOrder(codes: readonly string[], tsMs: number, lead?: string): string[] {
  const week = Math.floor((tsMs - ROTATION_EPOCH_MS) / WEEK_MS);
  const k = lead === undefined ? ((week % codes.length) + codes.length) % codes.length : Math.max(0, codes.indexOf(lead));
  return [...codes.slice(k), ...codes.slice(0, k)];
}

/** Running flags per pump code: the first `count` available pumps in duty order. */
export function pickRunning(order: readonly string[], count: number, unavailable: ReadonlySet<string>): Map<string, boolean> {
  const result = new Map<string, boolean>();
  let left = count;
  for (const code of order) {
    const on = left > 0 && !unavailable.has(code);
    if (on) left -= 1;
    result.set(code, on);
  }
  return result;
}
