// What the historian stores: deadband compression with a heartbeat, OPC quality codes, comm gaps, and alarm-state changes.
import { commGaps, type Incidents } from './incidents.ts';
import type { TagSpec } from './plant-catalog.ts';
import { streamSeed } from './rng.ts';

const MIN_MS = 60_000;
const DAY_MINUTES = 1440;

/** OPC quality codes used in `samples.quality`. */
export const QUALITY = { good: 192, uncertain: 64, bad: 0 } as const;

/** Stored samples of one tag: minute index in the window, value, quality. */
export interface StoredSeries {
  minute: Int32Array;
  value: Float64Array;
  quality: Int16Array;
}

/** A limit crossing of a good-quality sample (the sample is always stored). */
export interface AlarmTransition {
  minute: number;
  type: 'active' | 'clear';
  side: 'high' | 'low';
  value: number;
  limit: number;
}

/** Compression result of one tag. */
export interface CompressedTag {
  stored: StoredSeries;
  transitions: AlarmTransition[];
}

/** A fast, stateless hash of (stream, minute) to [0, 1): sporadic faults independent of everything else. */
function unit(stream: number, minute: number): number {
  let h = Math.imul(stream ^ minute, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Compresses one tag's true series (window part) into stored samples. */
export function compressTag(
  tag: TagSpec,
  series: Float64Array,
  startMs: number,
  incidents: Incidents,
  seed: number,
  scratch: { minute: Int32Array; value: Float64Array; quality: Int16Array },
): CompressedTag {
  const site = tag.tagPath.split('/')[0] ?? '';
  const gapStart = new Uint8Array(series.length);
  const inGap = new Uint8Array(series.length);
  for (const g of commGaps(incidents)) {
    if (g.site !== site) continue;
    const from = Math.round((g.interval.fromMs - startMs) / MIN_MS);
    const to = Math.min(series.length, Math.round((g.interval.toMs - startMs) / MIN_MS));
    if (from >= 0 && from < to) gapStart[from] = 1;
    inGap.fill(1, Math.max(0, from), Math.max(0, to));
  }
  const stuck = incidents.t3ChlorineStuck;
  const stuckTag = tag.tagPath === 'T3/Outlet/ChlorineResidual' && stuck !== null;
  const stuckFrom = stuck ? (stuck.fromMs - startMs) / MIN_MS : 0;
  const stuckTo = stuck ? (stuck.toMs - startMs) / MIN_MS : 0;
  const stream = streamSeed(seed, `quality:${tag.tagPath}`);
  const analog = tag.dataType === 'analog';
  const cleanStart = 5 * 60 + (tag.tagId % 4) * 15;
  const hi = tag.highLimit;
  const lo = tag.lowLimit;
  const hystHi = hi === null ? 0 : Math.max(3 * tag.deadband, 0.03 * Math.abs(hi), 0.02);
  const hystLo = lo === null ? 0 : Math.max(3 * tag.deadband, 0.03 * Math.abs(lo), 0.02);
  const transitions: AlarmTransition[] = [];
  let alarm: 'none' | 'high' | 'low' = 'none';
  let count = 0;
  let lastValue = Number.NaN;
  let lastMinute = -1e9;
  let lastQuality = -1;
  let heldValue = series[0] ?? 0;
  let forceNext = true;
  for (let m = 0; m < series.length; m += 1) {
    if (inGap[m] === 1) {
      if (gapStart[m] === 1) {
        scratch.minute[count] = m;
        scratch.value[count] = lastValue === lastValue ? lastValue : 0;
        scratch.quality[count] = QUALITY.bad;
        count += 1;
        lastQuality = QUALITY.bad;
      }
      forceNext = true;
      continue;
    }
    let value = series[m] ?? 0;
    let quality: number = QUALITY.good;
    const minuteOfDay = m % DAY_MINUTES;
    const inStuck = stuckTag && m >= stuckFrom && m < stuckTo;
    if (tag.analyser && !inStuck && minuteOfDay >= cleanStart && minuteOfDay < cleanStart + 10) {
      quality = QUALITY.uncertain;
      value = heldValue;
    } else if (analog && !inStuck) {
      const u = unit(stream, m);
      if (u < 0.00015) {
        quality = QUALITY.bad;
        value = 0;
      } else if (u < 0.00035) {
        quality = QUALITY.uncertain;
      }
    }
    if (quality === QUALITY.good) heldValue = value;
    let alarmChanged = false;
    if (quality === QUALITY.good && (hi !== null || lo !== null)) {
      let next: 'none' | 'high' | 'low' = alarm;
      if (alarm === 'none') {
        if (hi !== null && value > hi) next = 'high';
        else if (lo !== null && value < lo) next = 'low';
      } else if (alarm === 'high' && hi !== null && value < hi - hystHi) next = 'none';
      else if (alarm === 'low' && lo !== null && value > lo + hystLo) next = 'none';
      if (next !== alarm) {
        alarmChanged = true;
        if (alarm !== 'none') transitions.push({ minute: m, type: 'clear', side: alarm, value, limit: alarm === 'high' ? hi! : lo! });
        if (next !== 'none') transitions.push({ minute: m, type: 'active', side: next, value, limit: next === 'high' ? hi! : lo! });
        alarm = next;
      }
    }
    const changed = tag.dataType === 'status' ? value !== lastValue : Math.abs(value - lastValue) > tag.deadband;
    if (
      forceNext ||
      alarmChanged ||
      quality !== lastQuality ||
      changed ||
      m - lastMinute >= tag.maxIntervalMin ||
      !(lastValue === lastValue)
    ) {
      scratch.minute[count] = m;
      scratch.value[count] = value;
      scratch.quality[count] = quality;
      count += 1;
      lastValue = value;
      lastMinute = m;
      lastQuality = quality;
      forceNext = false;
    }
  }
  return {
    stored: { minute: scratch.minute.slice(0, count), value: scratch.value.slice(0, count), quality: scratch.quality.slice(0, count) },
    transitions,
  };
}
