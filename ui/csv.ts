// RFC 4180 CSV of a result, safe to open in a spreadsheet (text cells that look like formulas are neutralised).
import type { Cell, ResultColumn } from '../connectors/connector.ts';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV document with a header line; CRLF line ends as RFC 4180 says. */
export function toCsv(columns: ResultColumn[], rows: Cell[][]): string {
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const row of rows) lines.push(row.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}

function field(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const text = FORMULA_START.has(cell.charAt(0)) && !/^[-+]?\d/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
