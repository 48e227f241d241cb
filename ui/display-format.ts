// How result cells read for people: instants in plant time with their UTC offset, numbers rounded to the resolution of
// their unit (or of the data when the unit is unknown). CSV and JSON keep full precision; this is for eyes only.
import type { Cell, ResultColumn } from '../connectors/connector.ts';
import type { ChartSpec } from '../agent/answer.ts';
import { toWall } from '../agent/planner/zoned-time.ts';

/** How one column is shown; the web page receives the same hints in the ask and SQL responses (`display`). */
export type ColumnDisplay =
  /** TIMESTAMP WITH TIME ZONE / timestamptz: an instant, shown in plant time with its offset. */
  | { kind: 'instant'; seconds: boolean }
  /** A plain TIMESTAMP: a wall-clock time without a zone (the connectors render it with a Z); shown as it is. */
  | { kind: 'wall-clock'; seconds: boolean }
  | { kind: 'number'; decimals: number; unit?: string }
  | { kind: 'text' };

/**
 * Display resolution (decimals) of common plant units: what an instrument of that kind resolves, not what the float
 * holds. Units not listed fall back to four significant digits of the column's largest value.
 */
const UNIT_DECIMALS: Readonly<Record<string, number>> = {
  bar: 2,
  mbar: 0,
  kPa: 1,
  'm3/h': 1,
  'm³/h': 1,
  'L/h': 1,
  'l/s': 1,
  'L/s': 1,
  m3: 0,
  'm³': 0,
  kWh: 0,
  MWh: 2,
  kW: 1,
  A: 1,
  V: 0,
  rpm: 0,
  Hz: 1,
  'mm/s': 2,
  '°C': 1,
  pH: 2,
  NTU: 2,
  'mg/L': 2,
  'mg/l': 2,
  m: 2,
  '%': 1,
  h: 2,
};

const SIGNIFICANT_DIGITS = 4;
const MAX_DECIMALS = 3;

/** Display hints per column. `units` maps column names to units (from the chart spec or the planner). */
export function columnDisplays(columns: ResultColumn[], rows: Cell[][], units: Readonly<Record<string, string>> = {}): ColumnDisplay[] {
  return columns.map((column, c) => {
    if (isInstantType(column.type)) return { kind: 'instant', seconds: anySeconds(rows, c) };
    if (/^timestamp/i.test(column.type) || /^datetime/i.test(column.type)) return { kind: 'wall-clock', seconds: anySeconds(rows, c) };
    const numbers = rows.map((r) => r[c]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (numbers.length === 0 || numbers.length < rows.filter((r) => r[c] !== null && r[c] !== undefined).length) return { kind: 'text' };
    const unit = units[column.name];
    const decimals = numbers.every(Number.isInteger)
      ? 0
      : unit !== undefined && UNIT_DECIMALS[unit] !== undefined
        ? UNIT_DECIMALS[unit]
        : decimalsFor(numbers);
    return unit ? { kind: 'number', decimals, unit } : { kind: 'number', decimals };
  });
}

/** Units of the chart's series columns, the only per-column units an Answer carries today. */
export function chartUnits(chart: ChartSpec | undefined): Record<string, string> {
  const units: Record<string, string> = {};
  for (const s of chart?.series ?? []) if (s.unit) units[s.column] = s.unit;
  return units;
}

/** Decimals that give the largest magnitude four significant digits, between 0 and 3. */
function decimalsFor(numbers: number[]): number {
  const largest = Math.max(...numbers.map(Math.abs));
  if (largest === 0) return 0;
  const integerDigits = Math.floor(Math.log10(largest)) + 1;
  return Math.min(MAX_DECIMALS, Math.max(0, SIGNIFICANT_DIGITS - integerDigits));
}

function anySeconds(rows: Cell[][], c: number): boolean {
  return rows.some((r) => {
    const ms = timeMs(r[c] ?? null);
    return ms !== null && ms % 60_000 !== 0;
  });
}

/** TIMESTAMP WITH TIME ZONE / timestamptz hold instants; a plain TIMESTAMP holds wall-clock time. */
export function isInstantType(type: string): boolean {
  return /with time zone|timestamptz/i.test(type);
}

function timeMs(cell: Cell): number | null {
  if (typeof cell !== 'string') return null;
  const ms = Date.parse(cell);
  return Number.isNaN(ms) ? null : ms;
}

/** One cell as people read it (bots, reports): plant time with offset, rounded numbers, empty for null. */
export function displayCell(cell: Cell, display: ColumnDisplay, timezone: string): string {
  if (cell === null) return '';
  switch (display.kind) {
    case 'instant': {
      const ms = timeMs(cell);
      return ms === null ? String(cell) : plantTime(ms, timezone, display.seconds);
    }
    case 'wall-clock': {
      const ms = timeMs(cell);
      return ms === null ? String(cell) : plantTime(ms, 'UTC', display.seconds).replace(/ \+00:00$/, '');
    }
    case 'number':
      return typeof cell === 'number' ? roundedText(cell, display.decimals) : String(cell);
    case 'text':
      return String(cell);
  }
}

/** A number with a fixed count of decimals, minus sign only when the rounded value is not zero. */
export function roundedText(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in a zone, with its offset as "+01:00" (the planner's zone arithmetic). */
export function zonedParts(ms: number, timezone: string): { date: string; time: string; offset: string } {
  const wall = toWall(new Date(ms), timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  const abs = Math.abs(offsetMinutes);
  return {
    date: `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}`,
    time: `${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)}`,
    offset: `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`,
  };
}

/** "2026-10-29 01:00 +01:00": an instant in plant time with its offset (seconds only when `seconds`). */
export function plantTime(ms: number, timezone: string, seconds = false): string {
  const { date, time, offset } = zonedParts(ms, timezone);
  return `${date} ${seconds ? time : time.slice(0, 5)} ${offset}`;
}

/** "2026-10-29T01:00:00+01:00": ISO 8601 with the plant's offset, milliseconds only when there are any (CSV). */
export function plantIso(ms: number, timezone: string): string {
  const { date, time, offset } = zonedParts(ms, timezone);
  const millis = ms % 1000 === 0 ? '' : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
  return `${date}T${time}${millis}${offset}`;
}
