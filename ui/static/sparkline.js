// Sparklines as plain SVG: a small line of a tag's time-weighted bucket averages (GET /api/sparklines), gaps left open.
import { getJson } from './api.js';
import { plantTime } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/**
 * An SVG line of `values` (null = no good data in that bucket: the line breaks there), scaled to its own min..max, with
 * a dot on the newest value. `label` names what it shows for screen readers and as the hover title.
 * line: {tag, unit, buckets: ISO[], values: (number|null)[], bucket, from, to}
 */
export function sparkline(line, { width = 120, height = 28, label = '', timezone = 'UTC' } = {}) {
  const numbers = line.values.filter((v) => typeof v === 'number');
  const svg = svgEl('svg', {
    class: 'sparkline',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'data-points': numbers.length,
  });
  const summary = sparklineSummary(line, numbers, timezone);
  svg.setAttribute('aria-label', `${label ? `${label}: ` : ''}${summary}`);
  const title = svgEl('title');
  title.textContent = `${label ? `${label}\n` : ''}${summary}`;
  svg.append(title);
  if (numbers.length === 0) return svg;
  const pad = 2;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const n = line.values.length;
  const x = (i) => pad + (n === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (n - 1));
  // A flat signal is drawn mid-height, not glued to an edge.
  const y = (v) => (max === min ? height / 2 : pad + ((max - v) * (height - 2 * pad)) / (max - min));
  let d = '';
  let drawing = false;
  line.values.forEach((v, i) => {
    if (typeof v !== 'number') {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    drawing = true;
  });
  svg.append(svgEl('path', { d: d.trim(), fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5, 'stroke-linejoin': 'round' }));
  const last = line.values.findLastIndex((v) => typeof v === 'number');
  svg.append(svgEl('circle', { cx: x(last).toFixed(1), cy: y(line.values[last]).toFixed(1), r: 2, fill: 'currentColor' }));
  return svg;
}

const BUCKET_WORDS = { hour: 'Hourly', day: 'Daily', week: 'Weekly', month: 'Monthly' };

/** "Hourly averages 2026-10-29 09:00 +01:00 – 2026-10-30 09:00 +01:00: 4.91 to 5.04 bar" — the span and the range. */
function sparklineSummary(line, numbers, timezone) {
  const span = line.from && line.to ? ` ${plantTime(Date.parse(line.from), timezone)} – ${plantTime(Date.parse(line.to), timezone)}` : '';
  const what = `${BUCKET_WORDS[line.bucket] ?? 'Time-weighted'} averages${span}`;
  if (numbers.length === 0) return `${what}: no good data`;
  const unit = line.unit ? ` ${line.unit}` : '';
  const fmt = (v) => String(Number(v.toPrecision(4)));
  return `${what}: ${fmt(Math.min(...numbers))} to ${fmt(Math.max(...numbers))}${unit}`;
}

/**
 * Fetches sparklines: `params` is {source, tags: string[], from, to} (all optional: every visible tag, the last 24 h).
 * Resolves to {lines: Map(tag -> line), errors: Map(source -> text), timezone}.
 */
export async function fetchSparklines(params = {}) {
  const query = new URLSearchParams();
  if (params.source) query.set('source', params.source);
  if (params.tags?.length) query.set('tags', params.tags.join(','));
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  const text = query.toString();
  const body = await getJson(`/api/sparklines${text ? `?${text}` : ''}`);
  const lines = new Map();
  const errors = new Map();
  for (const [source, result] of Object.entries(body.sources ?? {})) {
    if (result.error) errors.set(source, result.error);
    for (const line of result.lines ?? []) lines.set(line.tag, { ...line, bucket: result.bucket, from: result.from, to: result.to });
  }
  return { lines, errors, timezone: body.timezone ?? 'UTC' };
}
