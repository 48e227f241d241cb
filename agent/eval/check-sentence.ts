// The answer sentence checked as a person reads it: the asked-for numbers and times it states must be the gold ones.
import type { Cell } from '../../connectors/connector.ts';
import { fromWall } from '../planner/zoned-time.ts';
import type { ValueColumn } from './compare-results.ts';
import { readCell, showCell, timeKey, type CellOptions, type EvalCell, type TimeResolution } from './eval-cells.ts';

/** A number as written: its value and how many decimals it shows (the precision it claims). */
interface WrittenNumber {
  value: number;
  decimals: number;
  at: number;
}

/** A date-time as written, read in the plant's zone unless it carries an offset; `day` when only a date is written. */
interface WrittenTime {
  ms: number;
  precision: 'minute' | 'day';
  at: number;
}

export interface SentenceReading {
  numbers: WrittenNumber[];
  times: WrittenTime[];
  /** The text with dates, times and the window label blanked (same length, so positions hold). */
  text: string;
}

const TIME_RE = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/g;
const CLOCK_RE = /\b\d{1,2}:\d{2}(?::\d{2})?\b/g;
const NUMBER_RE = /(?<![\w/.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d/]|[.,]\d)/g;

const blank = (text: string, start: number, length: number): string =>
  text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);

/** Reads the numbers and date-times of a sentence; `skip` texts (the window label) are blanked first. */
export function readSentence(sentence: string, timezone: string, skip: readonly string[] = []): SentenceReading {
  let text = sentence;
  for (const s of skip) {
    if (!s) continue;
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) text = blank(text, i, s.length);
  }
  const times: WrittenTime[] = [];
  for (const m of text.matchAll(TIME_RE)) {
    const [all, y, mo, d, h, mi, sec, zone] = m;
    const at = m.index;
    let ms: number;
    if (zone)
      ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    else
      ms = fromWall(
        { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(sec ?? 0) },
        timezone,
      ).getTime();
    if (Number.isFinite(ms)) times.push({ ms, precision: h === undefined ? 'day' : 'minute', at });
    text = blank(text, at, all.length);
  }
  for (const m of text.matchAll(CLOCK_RE)) text = blank(text, m.index, m[0].length);
  const numbers = [...text.matchAll(NUMBER_RE)].map((m) => {
    const written = m[0].replace(/,/g, '');
    return { value: Number(written), decimals: written.includes('.') ? written.length - written.indexOf('.') - 1 : 0, at: m.index };
  });
  return { numbers, times, text };
}

/** A rounded number must keep this many significant digits: "56" does not state 55.63, nor "0.017" 0.01667. */
export const SIGNIFICANT_DIGITS = 3;

/**
 * Whether a written number states a value: within the tolerance, or within half a unit of its last written digit,
 * where a number written with fewer than three significant digits is held to its third ("0.12" states 0.1204 but not
 * 0.1249; "56" states 56.004 but not 55.6; "3" states 3 but not 3.2).
 */
export function statesNumber(written: WrittenNumber, value: number, tolerance: number): boolean {
  const magnitude = written.value === 0 ? 0 : Math.floor(Math.log10(Math.abs(written.value)));
  const decimals = written.value === 0 ? Infinity : Math.max(written.decimals, SIGNIFICANT_DIGITS - 1 - magnitude);
  const rounding = 0.5 * 10 ** -decimals;
  return Math.abs(written.value - value) <= Math.max(tolerance * Math.abs(value), rounding) * (1 + 1e-9) + 1e-9;
}

const COARSE: readonly TimeResolution[] = ['day', 'week', 'month'];

/** Whether a written date-time states an instant, at the coarser of what it shows and the question's resolution. */
export function statesTime(written: WrittenTime, ms: number, options: CellOptions): boolean {
  const wanted = options.timeResolution;
  const resolution: TimeResolution =
    written.precision === 'day'
      ? COARSE.includes(wanted)
        ? wanted
        : 'day'
      : wanted === 'exact' || wanted === 'second'
        ? 'minute'
        : wanted;
  if (written.precision === 'day' && !COARSE.includes(wanted)) return false;
  return timeKey(written.ms, resolution, options.timezone) === timeKey(ms, resolution, options.timezone);
}

function states(reading: SentenceReading, cell: EvalCell, options: CellOptions, from = 0, to = Infinity): boolean {
  const inRange = (at: number) => at >= from && at < to;
  switch (cell.kind) {
    case 'num':
      return reading.numbers.some((n) => inRange(n.at) && statesNumber(n, cell.value, options.tolerance));
    case 'time':
      return reading.times.some((t) => inRange(t.at) && statesTime(t, cell.ms, options));
    case 'text':
      return reading.text
        .slice(from, Number.isFinite(to) ? to : undefined)
        .toLowerCase()
        .includes(cell.value.toLowerCase());
    case 'null':
      return true;
  }
}

type RowCells = readonly { column: ValueColumn; cell: EvalCell }[];

/**
 * Why the words after one row's label do not state that row, or undefined when they do: the row's asked numbers must
 * each be among the numbers written after its label ("P01 21.683 h, 1 start" states 1 start even though the run-hours,
 * not asked, come first), and the first time after it must be the row's.
 */
function rowProblem(
  label: string,
  row: RowCells,
  segment: SentenceReading['numbers'],
  firstTime: SentenceReading['times'][number] | undefined,
  options: CellOptions,
): string | undefined {
  const numeric = row.filter((c) => c.cell.kind === 'num');
  const missing = numeric.find(
    (c) => c.cell.kind === 'num' && !segment.some((n) => statesNumber(n, (c.cell as { value: number }).value, options.tolerance)),
  );
  if (segment.length > 0 && missing)
    return `the sentence gives ${label} ${segment.map((n) => n.value).join(', ')}, expected ${showCell(missing.cell)}`;
  const timeCells = row.filter((c) => c.cell.kind === 'time');
  if (firstTime && timeCells.length > 0 && !timeCells.some((c) => c.cell.kind === 'time' && statesTime(firstTime, c.cell.ms, options)))
    return `the sentence gives ${label} at ${new Date(firstTime.ms).toISOString()}, expected ${timeCells.map((c) => showCell(c.cell)).join(' or ')}`;
  return undefined;
}

export type SentenceCheck = { ok: true } | { ok: false; reason: string };

/**
 * One gold row: the sentence must state each of its value cells. Several rows: wherever the sentence names a row's
 * label (a tag, a pump), the numbers after it, up to the next label or `;`, must state each of that row's asked numbers,
 * and the first time after it must be that row's.
 * A stretch written "from A to B" must be a gold row's start and end when the gold has them.
 */
export function checkSentence(
  sentence: string,
  gold: { rows: readonly Cell[][] },
  valueColumns: readonly ValueColumn[],
  options: CellOptions & { skip?: readonly string[] },
): SentenceCheck {
  const reading = readSentence(sentence, options.timezone, options.skip);
  const rows = gold.rows.map((r) => valueColumns.map((v) => ({ column: v, cell: readCell(r[v.index]) })));
  if (rows.length === 1) {
    for (const { column, cell } of rows[0] ?? [])
      if (!states(reading, cell, options)) return { ok: false, reason: `the sentence does not state the ${column.role} ${showCell(cell)}` };
  }
  const labelColumn = valueColumns.findIndex((v) => v.role === 'label');
  if (labelColumn >= 0) {
    const labels = rows.map((r) => r[labelColumn]?.cell).map((c) => (c?.kind === 'text' ? c.value.toLowerCase() : null));
    const lower = reading.text.toLowerCase();
    // A label several rows share (one tag's alarms, one pump's stretches) stands for any of them at each of its places.
    const byPlace = new Map<number, { rows: number[]; at: number; end: number }>();
    for (const [row, label] of labels.entries()) {
      if (!label) continue;
      for (let i = lower.indexOf(label); i >= 0; i = lower.indexOf(label, i + 1)) {
        if (/[\w/]/.test(lower.charAt(i + label.length))) continue;
        const place = byPlace.get(i) ?? { rows: [], at: i, end: i + label.length };
        place.rows.push(row);
        byPlace.set(i, place);
      }
    }
    const occurrences = [...byPlace.values()].sort((a, b) => a.at - b.at);
    for (const [k, o] of occurrences.entries()) {
      const semicolon = lower.indexOf(';', o.end);
      const to = Math.min(occurrences[k + 1]?.at ?? Infinity, semicolon < 0 ? Infinity : semicolon);
      const segment = reading.numbers.filter((n) => n.at >= o.end && n.at < to);
      const firstTime = reading.times.find((t) => t.at >= o.end && t.at < to);
      const problems = o.rows.map((r) => rowProblem(labels[r] ?? '', rows[r] ?? [], segment, firstTime, options));
      const problem = problems.every((p) => p !== undefined) ? problems[0] : undefined;
      if (problem) return { ok: false, reason: problem };
    }
  }
  const start = valueColumns.findIndex((v) => v.role === 'start');
  const end = valueColumns.findIndex((v) => v.role === 'end');
  if (start >= 0 && end >= 0) {
    for (const m of reading.text.matchAll(/\bfrom\b/gi)) {
      const [a, b] = reading.times.filter((t) => t.at >= m.index).slice(0, 2);
      if (!a || !b) continue;
      const lead = reading.text.slice(m.index + m[0].length, a.at).trim();
      const between = reading.text.slice(a.at, b.at).trim().toLowerCase();
      if (lead !== '' || !['to', '-', '–', 'until'].includes(between)) continue;
      const isRow = rows.some((r) => {
        const s = r[start]?.cell;
        const e = r[end]?.cell;
        return s?.kind === 'time' && e?.kind === 'time' && statesTime(a, s.ms, options) && statesTime(b, e.ms, options);
      });
      if (!isRow)
        return {
          ok: false,
          reason: `the sentence states a stretch from ${new Date(a.ms).toISOString()} to ${new Date(b.ms).toISOString()} that is not in the gold result`,
        };
    }
  }
  return { ok: true };
}
