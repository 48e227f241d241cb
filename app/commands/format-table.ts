// Renders a result as a plain-text table for the terminal.
import type { Cell, ResultColumn } from '../../connectors/connector.ts';
import { columnDisplays, displayCell, type ColumnDisplay } from '../../ui/display-format.ts';

const maxCellWidth = 60;

/**
 * Right-aligns numbers, truncates long cells with an ellipsis, prints `(N rows)` at the end. Instants (TIMESTAMP WITH
 * TIME ZONE) read in plant time with their offset, "2026-10-29 01:00 +01:00", as in the web page and the bots; plain
 * timestamps as they are. Numbers keep ten significant digits (`--json` has them all).
 */
export function formatTable(columns: ResultColumn[], rows: Cell[][], timezone: string): string {
  const displays = columnDisplays(columns, rows);
  const text = rows.map((row) => row.map((cell, i) => cellText(cell, displays[i], timezone)));
  const widths = columns.map((c, i) => Math.min(maxCellWidth, Math.max(c.name.length, ...text.map((r) => (r[i] ?? '').length))));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const pad = (s: string, i: number) => {
    const w = widths[i] ?? 0;
    const cut = s.length > w ? `${s.slice(0, w - 1)}…` : s;
    return numeric[i] ? cut.padStart(w) : cut.padEnd(w);
  };
  const lines = [
    columns.map((c, i) => pad(c.name, i)).join(' | '),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...text.map((r) => r.map((s, i) => pad(s, i)).join(' | ')),
    `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`,
  ];
  return lines.join('\n');
}

function cellText(cell: Cell, display: ColumnDisplay | undefined, timezone: string): string {
  if (cell === null) return 'NULL';
  if (display && (display.kind === 'instant' || display.kind === 'wall-clock')) return displayCell(cell, display, timezone);
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(10)));
  return String(cell).replace(/\s+/g, ' ');
}
