// Execution accuracy as a person checks a table: each asked-for gold column against an answer column of the same role, rows as sets.
import type { Cell, ResultColumn } from '../../connectors/connector.ts';
import { answerColumnRole, sameRole, type ColumnRole } from './column-roles.ts';
import { orderCells, readCell, sameCell, showCell, type CellOptions, type EvalCell } from './eval-cells.ts';

/** A gold column the question asks for: its position in the gold result, its name and its role. */
export interface ValueColumn {
  index: number;
  name: string;
  role: ColumnRole;
}

export interface CompareOptions extends CellOptions {
  /** Compare rows in order (the question asks for an order); otherwise as multisets. */
  ordered: boolean;
}

/** A mismatch: `rows` (another number of rows), `column` (no answer column of a value's role), `value` (other values). */
export type Comparison =
  { match: true; columns: Record<string, string> } | { match: false; reason: string; kind: 'rows' | 'column' | 'value' };

interface Table {
  columns: readonly ResultColumn[];
  rows: readonly Cell[][];
}

const pct = (tolerance: number): string => `${Number((tolerance * 100).toPrecision(3))} %`;

function sameRows(gold: EvalCell[][], actual: EvalCell[][], options: CompareOptions): boolean {
  if (gold.length !== actual.length) return false;
  const rowEq = (a: EvalCell[], b: EvalCell[]): boolean => a.every((cell, j) => sameCell(cell, b[j] as EvalCell, options));
  if (options.ordered) return gold.every((row, i) => rowEq(row, actual[i] as EvalCell[]));
  const byRow = (p: EvalCell[], q: EvalCell[]): number => {
    for (let i = 0; i < p.length; i += 1) {
      const d = orderCells(p[i] as EvalCell, q[i] as EvalCell);
      if (d !== 0) return d;
    }
    return 0;
  };
  const x = [...gold].sort(byRow);
  const y = [...actual].sort(byRow);
  if (x.every((row, i) => rowEq(row, y[i] as EvalCell[]))) return true;
  // Values within tolerance can sort differently; pair them one by one (bounded: quadratic in the rows).
  if (x.length > 2000) return false;
  const used = new Set<number>();
  return x.every((row) => {
    const k = y.findIndex((other, i) => !used.has(i) && rowEq(row, other));
    if (k < 0) return false;
    used.add(k);
    return true;
  });
}

/** Why one gold column matches none of its role's answer columns: the first value that differs. */
function columnMismatch(gold: EvalCell[], actual: EvalCell[], options: CompareOptions): string {
  const sorted = (cells: EvalCell[]) => (options.ordered ? cells : [...cells].sort(orderCells));
  const g = sorted(gold);
  const a = sorted(actual);
  const i = g.findIndex((cell, k) => !sameCell(cell, a[k] as EvalCell, options));
  if (i < 0) return 'same values';
  const where = g.length === 1 ? '' : ` (${options.ordered ? `row ${i + 1}` : `${i + 1}. smallest`})`;
  return `${showCell(a[i] as EvalCell)}, expected ${showCell(g[i] as EvalCell)}${where}`;
}

const describeOptions = (options: CompareOptions): string =>
  `numbers to ${pct(options.tolerance)}, times ${options.timeResolution === 'exact' ? 'exactly' : `to the ${options.timeResolution}`}`;

/**
 * True when, for every gold value column, an answer column of the same role (read from its name) carries the same
 * values, and the rows projected on those columns are the same (as multisets unless ordered). Columns of other roles
 * (sample counts, units, the newest sample time) are ignored; a gold value never matches a helper column.
 * An empty gold is not compared here: whether "nothing" is right is the question's `expect: empty`.
 */
export function compareResults(gold: Table, actual: Table, valueColumns: readonly ValueColumn[], options: CompareOptions): Comparison {
  if (valueColumns.length === 0) return { match: false, reason: 'the question names no gold value column', kind: 'column' };
  if (gold.rows.length !== actual.rows.length)
    return {
      match: false,
      reason: `${actual.rows.length} row${actual.rows.length === 1 ? '' : 's'}, expected ${gold.rows.length}`,
      kind: 'rows',
    };
  const roles = actual.columns.map((c) => answerColumnRole(c.name));
  const goldCells = gold.rows.map((r) => r.map(readCell));
  const actualCells = actual.rows.map((r) => r.map(readCell));
  const goldColumn = (j: number): EvalCell[] => goldCells.map((r) => r[j] as EvalCell);
  const actualColumn = (k: number): EvalCell[] => actualCells.map((r) => r[k] ?? { kind: 'null' as const });
  const candidates: number[][] = [];
  for (const v of valueColumns) {
    const ofRole = roles.flatMap((role, k) => (role !== null && sameRole(role, v.role) ? [k] : []));
    if (ofRole.length === 0) {
      const shown = actual.columns.map((c, k) => `${c.name} (${roles[k] ?? 'no role'})`).join(', ');
      return {
        match: false,
        reason: `no answer column is the ${v.role} (gold column "${v.name}"); the answer has ${shown || 'no columns'}`,
        kind: 'column',
      };
    }
    candidates.push(ofRole);
  }
  const chosen: number[] = [];
  const nothing: EvalCell = { kind: 'null' };
  const project = (rows: EvalCell[][], picks: readonly number[]): EvalCell[][] => rows.map((row) => picks.map((k) => row[k] ?? nothing));
  const goldProjected = project(
    goldCells,
    valueColumns.map((v) => v.index),
  );
  const search = (j: number): boolean => {
    if (j === valueColumns.length) return sameRows(goldProjected, project(actualCells, chosen), options);
    for (const k of candidates[j] ?? []) {
      if (chosen.includes(k)) continue;
      chosen.push(k);
      if (search(j + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  if (search(0)) {
    const columns: Record<string, string> = {};
    valueColumns.forEach((v, j) => (columns[v.name] = actual.columns[chosen[j] as number]?.name ?? ''));
    return { match: true, columns };
  }
  const asRows = (cells: EvalCell[]) => cells.map((c) => [c]);
  for (const [j, v] of valueColumns.entries()) {
    const fits = (candidates[j] ?? []).some((k) => sameRows(asRows(goldColumn(v.index)), asRows(actualColumn(k)), options));
    if (!fits) {
      const k = candidates[j]?.[0] as number;
      return {
        match: false,
        reason: `${v.role} "${actual.columns[k]?.name}" is ${columnMismatch(goldColumn(v.index), actualColumn(k), options)} (${describeOptions(options)})`,
        kind: 'value',
      };
    }
  }
  return { match: false, reason: 'each value column matches on its own but the rows pair them differently', kind: 'value' };
}
