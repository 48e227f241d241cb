// Result cells as a person compares them: numbers to a relative tolerance, instants exactly (or to a stated resolution), text as text.
import type { Cell } from '../../connectors/connector.ts';
import { isoWeekday, toWall, addDays } from '../planner/zoned-time.ts';

/** How finely two instants must agree: `exact` (to the millisecond) or the calendar unit, in the plant's time zone. */
export const TIME_RESOLUTIONS = ['exact', 'second', 'minute', 'hour', 'day', 'week', 'month'] as const;
export type TimeResolution = (typeof TIME_RESOLUTIONS)[number];

/** A cell read for comparison. Instants are never numbers: an epoch in milliseconds is not a value to compare relatively. */
export type EvalCell = { kind: 'null' } | { kind: 'num'; value: number } | { kind: 'time'; ms: number } | { kind: 'text'; value: string };

export interface CellOptions {
  /** Relative tolerance for numbers, e.g. 0.001 = 0.1 %. */
  tolerance: number;
  timeResolution: TimeResolution;
  /** IANA zone in which calendar resolutions (day, week, month) are read. */
  timezone: string;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;
const ZONE_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Reads an ISO date-time; one without a zone is read as UTC (how naive TIMESTAMP columns hold instants). */
export function parseInstant(text: string): number | null {
  const t = text.trim();
  if (!ISO_RE.test(t)) return null;
  let iso = t.replace(' ', 'T').replace(/\s+/g, '');
  if (!iso.includes('T')) iso = `${iso}T00:00:00`;
  if (!ZONE_RE.test(iso)) iso = `${iso}Z`;
  iso = iso.replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Numbers and numeric strings become numbers, ISO timestamps instants, the rest trimmed text. */
export function readCell(cell: Cell | undefined): EvalCell {
  if (cell === null || cell === undefined) return { kind: 'null' };
  if (typeof cell === 'number') return Number.isNaN(cell) ? { kind: 'null' } : { kind: 'num', value: cell };
  if (typeof cell === 'boolean') return { kind: 'num', value: cell ? 1 : 0 };
  const text = cell.trim();
  if (text !== '' && Number.isFinite(Number(text))) return { kind: 'num', value: Number(text) };
  const ms = parseInstant(text);
  if (ms !== null) return { kind: 'time', ms };
  return { kind: 'text', value: text };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar key of an instant at a resolution, in the zone: two instants agree when their keys are equal. */
export function timeKey(ms: number, resolution: TimeResolution, timezone: string): string {
  if (resolution === 'exact') return String(ms);
  if (resolution === 'second') return String(Math.floor(ms / 1000));
  const w = toWall(new Date(ms), timezone);
  switch (resolution) {
    case 'minute':
      return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
    case 'hour':
      return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}`;
    case 'day':
      return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
    case 'week': {
      const monday = addDays(w, 1 - isoWeekday(w));
      return `week of ${monday.year}-${pad(monday.month)}-${pad(monday.day)}`;
    }
    case 'month':
      return `${w.year}-${pad(w.month)}`;
  }
}

/** Whether two numbers agree to a relative tolerance (plus a tiny absolute one, so 0 equals 1e-12). */
export function closeEnough(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= 1e-9 + tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** Equality as a person checks it; a number never equals an instant, text never equals a number. */
export function sameCell(a: EvalCell, b: EvalCell, options: CellOptions): boolean {
  if (a.kind === 'num' && b.kind === 'num') return closeEnough(a.value, b.value, options.tolerance);
  if (a.kind === 'time' && b.kind === 'time')
    return timeKey(a.ms, options.timeResolution, options.timezone) === timeKey(b.ms, options.timeResolution, options.timezone);
  if (a.kind === 'text' && b.kind === 'text') return a.value.toLowerCase() === b.value.toLowerCase();
  return a.kind === 'null' && b.kind === 'null';
}

/** A total order for sorting rows before a multiset comparison (kinds first, then values). */
export function orderCells(a: EvalCell, b: EvalCell): number {
  const rank = { null: 0, num: 1, time: 2, text: 3 } as const;
  if (a.kind !== b.kind) return rank[a.kind] - rank[b.kind];
  if (a.kind === 'num' && b.kind === 'num') return a.value - b.value;
  if (a.kind === 'time' && b.kind === 'time') return a.ms - b.ms;
  if (a.kind === 'text' && b.kind === 'text') {
    const x = a.value.toLowerCase();
    const y = b.value.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return 0;
}

/** A cell as the report shows it: instants as ISO-8601 UTC. */
export function showCell(cell: EvalCell): string {
  switch (cell.kind) {
    case 'null':
      return 'null';
    case 'num':
      return String(cell.value);
    case 'time':
      return new Date(cell.ms).toISOString();
    case 'text':
      return JSON.stringify(cell.value);
  }
}
