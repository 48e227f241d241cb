// RFC 4180 CSV of a result, safe to open in a spreadsheet (text cells that look like formulas are neutralised).
// Full precision; instants as ISO 8601 in plant time with the offset, so the file reads like the page and still parses.
import type { Cell, ResultColumn } from '../connectors/connector.ts';
import { isInstantType, plantIso } from './display-format.ts';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV document with a header line; CRLF line ends as RFC 4180 says. `timezone` is the plant's IANA zone. */
export function toCsv(columns: ResultColumn[], rows: Cell[][], timezone = 'UTC'): string {
  const times = columns.map((c) => timeKind(c.type));
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const row of rows) lines.push(row.map((cell, i) => field(timeText(cell, times[i] ?? null, timezone))).join(','));
  return lines.join('\r\n') + '\r\n';
}

function timeKind(type: string): 'instant' | 'wall-clock' | null {
  if (isInstantType(type)) return 'instant';
  return /^(timestamp|datetime)/i.test(type) ? 'wall-clock' : null;
}

function timeText(cell: Cell, kind: 'instant' | 'wall-clock' | null, timezone: string): Cell {
  if (kind === null || typeof cell !== 'string') return cell;
  const ms = Date.parse(cell);
  if (Number.isNaN(ms)) return cell;
  // A plain TIMESTAMP is a wall-clock time the connectors render with a Z: it has no offset to state.
  return kind === 'instant' ? plantIso(ms, timezone) : plantIso(ms, 'UTC').replace(/\+00:00$/, '');
}

function field(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const text = FORMULA_START.has(cell.charAt(0)) && !/^[-+]?\d/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
