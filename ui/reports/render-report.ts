// Renders a report run as CSV, Markdown or HTML (with the chart as inline SVG); no external assets.
import type { Answer } from '../../agent/answer.ts';
import { renderAnswerMarkdown } from '../bots/render-markdown.ts';
import { toCsv } from '../csv.ts';
import { chartUnits, columnDisplays, displayCell, plantTime } from '../display-format.ts';
import { buildCategoryChart, type CategoryChartData } from '../chart-data.ts';

export interface ReportContent {
  name: string;
  /** ISO time the run was for (scheduled time, or now for a manual run). */
  runFor: string;
  answer: Answer;
  /** Problems the reader must see: failure, empty result, stale data. */
  warnings: string[];
  /** The plant's IANA zone (the report's own, else otq.yaml's): times are shown in it, with their offset. */
  timezone?: string;
}

/** Full precision, instants in plant time with the offset (as the web page's CSV download). */
export function renderCsv(content: ReportContent): string {
  return toCsv(content.answer.columns, content.answer.rows, content.timezone ?? 'UTC');
}

/** "2026-10-30 07:00 +01:00" for the run time in the heading. */
function runForText(content: ReportContent): string {
  const ms = Date.parse(content.runFor);
  return Number.isNaN(ms) ? content.runFor : plantTime(ms, content.timezone ?? 'UTC');
}

export function renderMarkdown(content: ReportContent, maxRows = 200): string {
  const head = [`### otq report ${content.name} — ${runForText(content)}`, ...content.warnings.map((w) => `> **${w}**`)];
  return `${head.join('\n\n')}\n\n${renderAnswerMarkdown(content.answer, { maxRows, showSql: true, ...(content.timezone ? { timezone: content.timezone } : {}) })}\n`;
}

export function renderHtml(content: ReportContent): string {
  const { answer } = content;
  const timezone = content.timezone ?? answer.window?.timezone ?? 'UTC';
  const display = columnDisplays(answer.columns, answer.rows, chartUnits(answer.chart));
  const table =
    answer.rows.length === 0
      ? '<p><em>No rows.</em></p>'
      : `<table><thead><tr>${answer.columns.map((c) => `<th>${esc(c.name)}</th>`).join('')}</tr></thead><tbody>${answer.rows
          .map((r) => `<tr>${r.map((cell, i) => `<td>${esc(displayCell(cell, display[i]!, timezone))}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>otq report ${esc(content.name)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem;text-align:right}th{background:#eee}.warn{color:#a00;font-weight:bold}pre{background:#f4f4f4;padding:.5rem}</style>',
    '</head><body>',
    `<h1>otq report ${esc(content.name)}</h1><p>Run for ${esc(runForText(content))}</p>`,
    ...content.warnings.map((w) => `<p class="warn">${esc(w)}</p>`),
    `<p>${esc(answer.answer)}</p>`,
    answer.window ? `<p>Window: ${esc(answer.window.label)}</p>` : '',
    answer.method ? `<p>Method: ${esc(answer.method.line)}</p>` : '',
    chartSvg(answer),
    table,
    answer.sql ? `<pre>${esc(answer.sql)}</pre>` : '',
    `<p><small>Evidence: audit seq ${answer.auditSeq.join(', ')}</small></p>`,
    '</body></html>',
  ].join('\n');
}

/**
 * The chart that fits the data, as inline SVG: the answer's chart spec (or else the first time-typed column) against its
 * numeric columns as lines; one row per category (a ranking, tags side by side) as bars; nothing for any other shape.
 */
export function chartSvg(answer: Answer, width = 720, height = 240): string {
  const xIndex = answer.chart
    ? answer.columns.findIndex((c) => c.name === answer.chart!.x)
    : answer.columns.findIndex((c) => isTimeType(c.type));
  if (xIndex < 0) {
    const bars = answer.chart ? null : buildCategoryChart(answer.columns, answer.rows);
    return bars ? barsSvg(bars, width) : '';
  }
  if (answer.rows.length < 2) return '';
  const seriesIdx = answer.chart
    ? answer.chart.series.map((s) => answer.columns.findIndex((c) => c.name === s.column)).filter((i) => i >= 0)
    : answer.columns.map((_, i) => i).filter((i) => i !== xIndex && answer.rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const xs = answer.rows.map((r) => Date.parse(String(r[xIndex])));
  if (seriesIdx.length === 0 || xs.some(Number.isNaN)) return '';
  const values = answer.rows.flatMap((r) => seriesIdx.map((i) => r[i])).filter((v): v is number => typeof v === 'number');
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...values), Math.max(...values)];
  const pad = 30;
  const sx = (x: number) => pad + ((x - minX) / (maxX - minX || 1)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - ((y - minY) / (maxY - minY || 1)) * (height - 2 * pad);
  const paths = seriesIdx.map((col, k) => {
    const d = answer.rows
      .map((r, i) => (typeof r[col] === 'number' ? `${sx(xs[i]!).toFixed(1)},${sy(r[col]).toFixed(1)}` : null))
      .filter((p): p is string => p !== null)
      .join(' L');
    return `<path d="M${d}" fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="1.5"><title>${esc(answer.columns[col]!.name)}</title></path>`;
  });
  const label = (y: number) => `<text x="2" y="${sy(y).toFixed(1)}" font-size="10">${Number(y.toPrecision(4))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="chart">${label(minY)}${label(maxY)}${paths.join('')}</svg>`;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd'];

/** Horizontal bars, one per category, labelled with the category and the value (scaled to the largest absolute value). */
function barsSvg(chart: CategoryChartData, width: number): string {
  const series = chart.series[0]!;
  const rowHeight = 18;
  const labelWidth = 220;
  const valueWidth = 70;
  const largest = Math.max(...series.values.map((v) => (v === null ? 0 : Math.abs(v))), 0) || 1;
  const rows = chart.labels.map((label, i) => {
    const value = series.values[i] ?? null;
    const y = i * rowHeight + 16;
    const length = value === null ? 0 : (Math.abs(value) / largest) * (width - labelWidth - valueWidth);
    return [
      `<text x="0" y="${y + 12}" font-size="11">${esc(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 2}" width="${length.toFixed(1)}" height="${rowHeight - 4}" fill="${value !== null && value < 0 ? COLORS[1] : COLORS[0]}"/>`,
      `<text x="${(labelWidth + length + 4).toFixed(1)}" y="${y + 12}" font-size="11">${value === null ? '' : Number(value.toPrecision(4))}</text>`,
    ].join('');
  });
  const height = chart.labels.length * rowHeight + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="bar chart of ${esc(series.label)}"><text x="0" y="11" font-size="11">${esc(series.label)}</text>${rows.join('')}</svg>`;
}

/** Column types that hold times, in both engines' names (`TIMESTAMP WITH TIME ZONE`, `timestamptz`, `DATE`). */
function isTimeType(type: string): boolean {
  return /^(timestamp|date|time)/i.test(type.trim());
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
