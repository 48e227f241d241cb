// The notes beside an answer about its data: bad quality excluded, stale or held values, a flat line, data ending early.
import type { QueryResult } from '../../connectors/connector.ts';
import type { Bucket, Plan } from './plan.ts';
import type { PlanSignal } from './signal-model.ts';
import { column, formatNumber, num, rowTag, sumColumn, when } from './answer-format.ts';

/** "12 of 1,440 samples (0.8 %) had bad quality and were excluded", when any were. */
export function qualityNote(result: QueryResult): string | null {
  const good = sumColumn(result, 'good_samples');
  const all = sumColumn(result, 'all_samples');
  if (good === null || all === null || all === 0 || good === all) return null;
  const bad = all - good;
  return `${formatNumber(bad)} of ${formatNumber(all)} samples (${formatNumber((bad / all) * 100)} %) were not good quality and were excluded`;
}

/** A latest value older than this, relative to the moment asked about, is flagged as possibly not current. */
export const STALE_AFTER_MS = 15 * 60_000;

/**
 * For "latest" and "value at" questions: says so when the sample found is much older than the moment asked about, so a
 * stale value is never presented as current (or as the value at that moment).
 */
export function freshnessNote(plan: Plan, result: QueryResult, signal?: PlanSignal): string | null {
  const op = plan.operation;
  if (op.kind !== 'latest' && op.kind !== 'at') return null;
  const timeIndex = result.columns.findIndex((c) => c.name === 'time');
  const asOf = Date.parse(op.kind === 'at' ? op.at : plan.window.to);
  // A tag stored with a heartbeat (a pump status, heartbeat hourly) is current until its heartbeat is overdue; a tag
  // stored on change (no heartbeat: held until its next sample) is never stale by the age of its sample alone.
  const onChange = (tag: string): boolean => signal?.tags.get(tag)?.maxAgeMs === null;
  const staleAfter = (tag: string): number => Math.max(STALE_AFTER_MS, signal?.tags.get(tag)?.heartbeatMs ?? 0);
  const old = result.rows
    .map((row) => ({ tag: rowTag(plan, row), at: Date.parse(String(row[timeIndex])) }))
    .filter((r) => Number.isFinite(r.at) && asOf - r.at > staleAfter(r.tag));
  const age = (ms: number) => (ms >= 2 * 3600_000 ? `${Math.round(ms / 3600_000)} h` : `${Math.round(ms / 60_000)} min`);
  const held = old.filter((r) => onChange(r.tag));
  const stale = old.filter((r) => !onChange(r.tag));
  const heldNote =
    held.length > 0
      ? `stored on change: ${held.map((r) => `the sample of ${r.tag} (${age(asOf - r.at)} old)`).join('; ')} holds until the next change — no sample since means no change, unless the feed stopped`
      : null;
  if (timeIndex < 0 || stale.length === 0) return timeIndex < 0 ? null : heldNote;
  if (op.kind === 'at')
    return `stale data: ${stale.map((r) => `the last sample of ${r.tag} is ${age(asOf - r.at)} older than the moment asked about`).join('; ')} — the value may not be what it was then`;
  return `stale data: ${stale.map((r) => `the newest sample of ${r.tag} is ${age(asOf - r.at)} old`).join('; ')} — the value may not be current`;
}

/** A measured value that did not move at all for this long is worth a word: a stuck sensor reads like this. */
export const FLAT_LINE_MS = 6 * 3600_000;

/**
 * Says so when an analog tag's signal did not change over a long window (its minimum equals its maximum in a series or
 * an aggregate that computed both): a frozen sensor with good quality looks like this, and the numbers then describe the
 * sensor, not the process.
 */
export function flatLineNote(plan: Plan, result: QueryResult): string | null {
  const op = plan.operation;
  const tag = plan.tags[0];
  if (plan.tags.length !== 1 || !tag || (op.kind !== 'series' && op.kind !== 'aggregate')) return null;
  if (tag.dataType && tag.dataType.toLowerCase() !== 'analog') return null;
  if (Date.parse(plan.window.to) - Date.parse(plan.window.from) < FLAT_LINE_MS) return null;
  const values = (name: string): number[] =>
    column(result, name) < 0 ? [] : result.rows.map((r) => num(r[column(result, name)])).filter((v): v is number => v !== null);
  const lows = values('min_value');
  const highs = values('max_value');
  if (lows.length === 0 || highs.length === 0) return null;
  const low = Math.min(...lows);
  if (low !== Math.max(...highs)) return null;
  return `flat line: ${tag.name} stayed at exactly ${formatNumber(low)}${tag.unit ? ` ${tag.unit}` : ''} over the whole window — check the sensor (a frozen reading keeps good quality)`;
}

/** Data ending this long before the end of an aggregate's window is worth saying. */
export const COVERAGE_GAP_MS = 60 * 60_000;

/** Shortest length of a bucket: a month bucket is taken as 28 days, so a note is never raised too early. */
const BUCKET_MIN_MS: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 28 * 86_400_000 };

/**
 * Says so when the data stops well before the window's end: for aggregates, a tag's newest sample in the window; for
 * series, the end of the last bucket with data.
 */
export function coverageNote(plan: Plan, result: QueryResult): string | null {
  const end = Date.parse(plan.window.to);
  const tz = plan.window.timezone;
  const op = plan.operation;
  const bucket = op.kind === 'series' || op.kind === 'compare' ? op.bucket : undefined;
  const bucketIndex = column(result, 'bucket');
  if (bucket && bucketIndex >= 0 && result.rows.length > 0) {
    const last = result.rows[result.rows.length - 1]?.[bucketIndex];
    const lastStart = Date.parse(String(last));
    if (Number.isFinite(lastStart) && end - (lastStart + BUCKET_MIN_MS[bucket]) > COVERAGE_GAP_MS)
      return `incomplete data: the last ${bucket} with data starts ${when(last, tz)} — the rest of the window has no data`;
    return null;
  }
  const index = column(result, 'last_time');
  if (index < 0) return null;
  // With the signal's `data_end` (the newest sample, when it does not hold to the window's end) the window was clipped.
  const endIndex = column(result, 'data_end');
  const short = result.rows
    .map((row) => ({ tag: rowTag(plan, row), cell: row[index], dataEnd: endIndex >= 0 ? Date.parse(String(row[endIndex])) : Number.NaN }))
    .filter((r) => {
      if (Number.isFinite(r.dataEnd)) return r.dataEnd < end;
      const last = Date.parse(String(r.cell));
      return Number.isFinite(last) && end - last > COVERAGE_GAP_MS;
    });
  if (short.length === 0) return null;
  return `incomplete data: ${short.map((r) => `the newest sample of ${r.tag} in this window is from ${when(r.cell, tz)}`).join('; ')} — data ends there; the answer covers the window up to it`;
}
