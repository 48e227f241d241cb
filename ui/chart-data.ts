// Columnar chart data for the page, built from an answer's rows and chart spec, downsampled to a bounded number of points.
import type { Cell, ResultColumn } from '../connectors/connector.ts';
import type { ChartSpec } from '../agent/answer.ts';

/** What the page plots with uPlot: shared x (epoch seconds) and one value array per series. */
export interface ChartData {
  kind: ChartSpec['kind'];
  x: number[];
  series: { label: string; unit?: string; values: (number | null)[] }[];
  /** Points in the full result, before downsampling. */
  sourcePoints: number;
  downsampled: boolean;
  /** The plant's IANA zone: the axis shows times in it. */
  timezone: string;
  /** True when x holds wall-clock times of `timezone` encoded as UTC (a naive TIMESTAMP column): format them in UTC. */
  wallClock: boolean;
}

/** Most points per series sent to the page. */
export const MAX_CHART_POINTS = 2000;

/** Returns null when the spec does not match the columns (no chart is better than a wrong chart). `timezone` is the plant's zone. */
export function buildChartData(
  spec: ChartSpec,
  columns: ResultColumn[],
  rows: Cell[][],
  timezone: string,
  maxPoints = MAX_CHART_POINTS,
): ChartData | null {
  const xIndex = columns.findIndex((c) => c.name === spec.x);
  const seriesIndex = spec.series.map((s) => columns.findIndex((c) => c.name === s.column));
  if (xIndex < 0 || seriesIndex.some((i) => i < 0) || spec.series.length === 0) return null;
  const points = rows
    .map((row) => ({ x: toSeconds(row[xIndex] ?? null), ys: seriesIndex.map((i) => toNumber(row[i] ?? null)) }))
    .filter((p): p is { x: number; ys: (number | null)[] } => p.x !== null)
    .sort((a, b) => a.x - b.x);
  const kept = points.length <= maxPoints ? points : minMaxDownsample(points, Math.floor(maxPoints / 2));
  return {
    kind: spec.kind,
    x: kept.map((p) => p.x),
    series: spec.series.map((s, i) => ({ label: s.label, ...(s.unit ? { unit: s.unit } : {}), values: kept.map((p) => p.ys[i] ?? null) })),
    sourcePoints: points.length,
    downsampled: kept.length < points.length,
    timezone,
    wallClock: !isInstantType(columns[xIndex]!.type),
  };
}

/** Bars for a result with one row per category (a tag, a station, a pump): labels and one value per bar. */
export interface CategoryChartData {
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
}

/** Most bars drawn; a longer ranking is a table, not a chart. */
export const MAX_CATEGORY_BARS = 40;

/**
 * Chooses bars by the data's shape, not by column names: the first column holds text (the categories), at least two rows
 * and at most MAX_CATEGORY_BARS, and the first numeric column after it is the value each bar shows. Time columns are
 * never categories (they are charted as lines from the answer's chart spec). Returns null for any other shape.
 */
export function buildCategoryChart(columns: ResultColumn[], rows: Cell[][]): CategoryChartData | null {
  if (rows.length < 2 || rows.length > MAX_CATEGORY_BARS || columns.length < 2) return null;
  if (!isTextType(columns[0]!.type)) return null;
  const valueIndex = columns.findIndex((c, i) => i > 0 && isNumericType(c.type));
  if (valueIndex < 0) return null;
  const labels = rows.map((r) => r[0]);
  if (labels.some((l) => typeof l !== 'string') || new Set(labels).size !== labels.length) return null;
  const values = rows.map((r) => toNumber(r[valueIndex] ?? null));
  if (values.every((v) => v === null)) return null;
  return { labels: labels as string[], series: [{ label: columns[valueIndex]!.name.replace(/_/g, ' '), values }] };
}

/** Column types of both engines that hold text. */
function isTextType(type: string): boolean {
  return /^(varchar|text|character varying|character|char|string|name|bpchar)\b/i.test(type.trim());
}

/** Column types of both engines that hold numbers (DuckDB's names and PostgreSQL's, e.g. `DOUBLE`, `float8`, `int4`). */
function isNumericType(type: string): boolean {
  return /^(double|float\d?|real|decimal|numeric|u?hugeint|u?bigint|u?integer|int\d?|u?smallint|u?tinyint)\b/i.test(type.trim());
}

/**
 * Min/max envelope on a shared x: each bucket yields two points (its first and middle x); each series puts its
 * bucket extreme that came first on the first point and the other on the second, so peaks and dips survive.
 */
function minMaxDownsample(points: { x: number; ys: (number | null)[] }[], buckets: number) {
  const out: { x: number; ys: (number | null)[] }[] = [];
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const slice = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (slice.length === 0) continue;
    const first: (number | null)[] = [];
    const second: (number | null)[] = [];
    const width = slice[0]!.ys.length;
    for (let s = 0; s < width; s++) {
      let min: { v: number; i: number } | null = null;
      let max: { v: number; i: number } | null = null;
      slice.forEach((p, i) => {
        const v = p.ys[s];
        if (v === null || v === undefined) return;
        if (!min || v < min.v) min = { v, i };
        if (!max || v > max.v) max = { v, i };
      });
      const lo = min as { v: number; i: number } | null;
      const hi = max as { v: number; i: number } | null;
      if (!lo || !hi) {
        first.push(null);
        second.push(null);
      } else if (lo.i <= hi.i) {
        first.push(lo.v);
        second.push(hi.v);
      } else {
        first.push(hi.v);
        second.push(lo.v);
      }
    }
    out.push({ x: slice[0]!.x, ys: first });
    out.push({ x: slice[Math.floor(slice.length / 2)]!.x + (slice.length === 1 ? 0.001 : 0), ys: second });
  }
  return out;
}

/** TIMESTAMP WITH TIME ZONE / timestamptz hold instants; a plain TIMESTAMP holds wall-clock time (rendered with a Z by the connectors). */
function isInstantType(type: string): boolean {
  return /with time zone|timestamptz/i.test(type);
}

function toSeconds(cell: Cell): number | null {
  if (typeof cell === 'number') return cell > 1e11 ? cell / 1000 : cell;
  if (typeof cell !== 'string') return null;
  const ms = Date.parse(cell);
  return Number.isNaN(ms) ? null : ms / 1000;
}

function toNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '') {
    const n = Number(cell);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
