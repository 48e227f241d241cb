// Execution-accuracy comparison of two result sets: column names ignored, extra answer columns allowed, numeric tolerance.
import type { Cell } from '../../connectors/connector.ts';

export interface CompareOptions {
  /** Compare rows in order (the question asks for an order); otherwise as multisets. */
  ordered: boolean;
  /** Relative tolerance for numbers (default 1e-4), plus an absolute 1e-6. */
  relativeTolerance?: number;
}

export type Comparison = { match: true } | { match: false; reason: string };

type Norm = { kind: 'null' } | { kind: 'num'; value: number } | { kind: 'text'; value: string };

const ISO_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Numbers and numeric strings become numbers, ISO timestamps epoch ms (naive ones read as UTC), the rest text. */
export function normalizeCell(cell: Cell | undefined): Norm {
  if (cell === null || cell === undefined) return { kind: 'null' };
  if (typeof cell === 'number') return { kind: 'num', value: cell };
  if (typeof cell === 'boolean') return { kind: 'num', value: cell ? 1 : 0 };
  const text = cell.trim();
  if (text !== '' && Number.isFinite(Number(text))) return { kind: 'num', value: Number(text) };
  if (ISO_RE.test(text)) {
    const withZone = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`;
    const ms = Date.parse(withZone.replace(/([+-]\d{2})$/, '$1:00'));
    if (Number.isFinite(ms)) return { kind: 'num', value: ms };
  }
  return { kind: 'text', value: text };
}

function equal(a: Norm, b: Norm, rel: number): boolean {
  if (a.kind === 'num' && b.kind === 'num')
    return Math.abs(a.value - b.value) <= 1e-6 + rel * Math.max(Math.abs(a.value), Math.abs(b.value));
  if (a.kind === 'text' && b.kind === 'text') return a.value === b.value;
  return a.kind === 'null' && b.kind === 'null';
}

function order(a: Norm, b: Norm): number {
  const rank = { null: 0, num: 1, text: 2 } as const;
  if (a.kind !== b.kind) return rank[a.kind] - rank[b.kind];
  if (a.kind === 'num' && b.kind === 'num') return a.value - b.value;
  if (a.kind === 'text' && b.kind === 'text') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return 0;
}

function sameList(a: Norm[], b: Norm[], rel: number, ordered: boolean): boolean {
  if (a.length !== b.length) return false;
  const x = ordered ? a : [...a].sort(order);
  const y = ordered ? b : [...b].sort(order);
  return x.every((v, i) => equal(v, y[i] as Norm, rel));
}

function sameRows(a: Norm[][], b: Norm[][], rel: number, ordered: boolean): boolean {
  if (a.length !== b.length) return false;
  const byRow = (p: Norm[], q: Norm[]): number => {
    for (let i = 0; i < p.length; i += 1) {
      const d = order(p[i] as Norm, q[i] as Norm);
      if (d !== 0) return d;
    }
    return 0;
  };
  const x = ordered ? a : [...a].sort(byRow);
  const y = ordered ? b : [...b].sort(byRow);
  return x.every((row, i) => row.every((v, j) => equal(v, (y[i] as Norm[])[j] as Norm, rel)));
}

/**
 * True when every gold column appears in the answer (some column with the same values, names ignored) and the rows,
 * projected on those columns, are the same (as multisets unless ordered). Extra answer columns (units, counts) are fine.
 */
export function compareResults(gold: { rows: Cell[][] }, actual: { rows: Cell[][] }, options: CompareOptions): Comparison {
  const rel = options.relativeTolerance ?? 1e-4;
  if (gold.rows.length !== actual.rows.length)
    return { match: false, reason: `row count ${actual.rows.length}, expected ${gold.rows.length}` };
  if (gold.rows.length === 0) return { match: true };
  const goldWidth = gold.rows[0]?.length ?? 0;
  const actualWidth = actual.rows[0]?.length ?? 0;
  const g = gold.rows.map((r) => r.map(normalizeCell));
  const a = actual.rows.map((r) => r.map(normalizeCell));
  const goldColumns = Array.from({ length: goldWidth }, (_, j) => g.map((r) => r[j] as Norm));
  const actualColumns = Array.from({ length: actualWidth }, (_, j) => a.map((r) => r[j] as Norm));
  const candidates = goldColumns.map((column) =>
    actualColumns.map((other, k) => (sameList(column, other, rel, options.ordered) ? k : -1)).filter((k) => k >= 0),
  );
  const missing = candidates.findIndex((c) => c.length === 0);
  if (missing >= 0)
    return {
      match: false,
      reason: `no answer column has the values of gold column ${missing + 1} (e.g. ${JSON.stringify(gold.rows[0]?.[missing])})`,
    };
  const chosen: number[] = [];
  const search = (j: number): boolean => {
    if (j === goldWidth)
      return sameRows(
        g,
        a.map((row) => chosen.map((k) => row[k] as Norm)),
        rel,
        options.ordered,
      );
    for (const k of candidates[j] ?? []) {
      if (chosen.includes(k)) continue;
      chosen.push(k);
      if (search(j + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0) ? { match: true } : { match: false, reason: 'the columns match one by one but not row by row' };
}
