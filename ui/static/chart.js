// Time-series chart with uPlot (served by otq itself): several series, one y axis per unit, drag to zoom, double-click to reset, hover values in the legend.
import uPlot from '/vendor/uplot.esm.js';
import { el } from './dom.js';
import { plantTime } from './format.js';
import { namedText } from './names.js';

const COLORS = ['#0b6e99', '#d9480f', '#2f9e44', '#9c36b5', '#e67700', '#1864ab', '#c2255c', '#5c940d'];

/** chartData: {kind, x: epoch seconds[], series: [{label, unit, values}], downsampled, sourcePoints} */
export function timeChart(chartData, names = {}) {
  const box = el('div', {
    class: 'chart',
    role: 'img',
    'aria-label': `Chart of ${chartData.series.map((s) => namedText(s.label, names)).join(', ')}`,
  });
  const units = [...new Set(chartData.series.map((s) => s.unit ?? ''))];
  // Mid-grey strokes read well on both the light and the dark background, so a theme switch needs no redraw.
  const axisStroke = '#8a94a0';
  const grid = { stroke: 'rgba(128, 128, 128, 0.22)' };
  const bars = chartData.kind === 'bar' ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined;
  const zone = chartData.wallClock ? 'UTC' : chartData.timezone;
  const opts = {
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), chartData.wallClock ? 'UTC' : chartData.timezone),
    width: 600,
    height: 300,
    scales: { x: { time: true } },
    cursor: { drag: { x: true, y: false } },
    series: [
      { value: (_u, ts) => (ts === null || ts === undefined ? '—' : legendTime(ts, zone, chartData.wallClock)) },
      ...chartData.series.map((s, i) => ({
        label: s.unit ? `${namedText(s.label, names)} (${s.unit})` : namedText(s.label, names),
        scale: `u${units.indexOf(s.unit ?? '')}`,
        stroke: COLORS[i % COLORS.length],
        width: 1.5,
        ...(bars ? { paths: bars, fill: COLORS[i % COLORS.length] + '88' } : {}),
        value: (_u, v) => (v === null || v === undefined ? '—' : `${Number(v.toPrecision(4))}${s.unit ? ' ' + s.unit : ''}`),
      })),
    ],
    axes: [
      // 24-hour plant time; the date under the first tick and under each midnight; room enough that labels never collide.
      { stroke: axisStroke, grid, space: 70, values: (_u, splits, _axis, _space, increment) => timeTicks(splits, increment, zone) },
      ...units.slice(0, 2).map((unit, i) => ({
        scale: `u${i}`,
        side: i === 0 ? 3 : 1,
        label: unit,
        stroke: axisStroke,
        grid: i === 0 ? grid : { show: false },
      })),
    ],
  };
  const data = [chartData.x, ...chartData.series.map((s) => s.values)];
  const plot = new uPlot(opts, data, box);
  const resize = () => plot.setSize({ width: Math.max(280, box.clientWidth), height: 300 });
  new ResizeObserver(resize).observe(box);
  requestAnimationFrame(resize);
  const note = chartData.downsampled
    ? el(
        'p',
        { class: 'meta' },
        `Chart shows ${chartData.x.length} of ${chartData.sourcePoints} points (min/max per interval); drag to zoom, double-click to reset.`,
      )
    : el('p', { class: 'meta' }, `Times in ${chartData.timezone}. Drag to zoom, double-click to reset.`);
  return el('div', {}, box, note);
}

/** The hovered time in the legend: plant time with the offset (a wall-clock column has none to show). */
function legendTime(seconds, zone, wallClock) {
  const text = plantTime(seconds * 1e3, zone);
  return wallClock ? text.replace(/ \+00:00$/, '') : text;
}

const tickParts = new Map();

/** Date and 24-hour time of an epoch second in a zone, as {day: "21 Oct", time: "06:00"}. */
function partsOf(seconds, zone) {
  let f = tickParts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    tickParts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(seconds * 1e3)).map((x) => [x.type, x.value]));
  return { day: `${p.day} ${p.month}`, time: `${p.hour}:${p.minute}` };
}

/** Axis labels: days only when ticks are a day or more apart, else times with the date where the day changes. */
function timeTicks(splits, increment, zone) {
  let lastDay = null;
  return splits.map((s) => {
    const { day, time } = partsOf(s, zone);
    if (increment >= 86_400) return day;
    const label = day !== lastDay ? `${time}\n${day}` : time;
    lastDay = day;
    return label;
  });
}

/**
 * One bar per category (a ranking, tags side by side): names first (the tag path on hover), the value at the bar's end,
 * bars scaled to the largest absolute value. Plain HTML, so it reflows on a phone and reads with a screen reader.
 * categoryChart: {labels: string[], series: [{label, values}]}
 */
export function categoryChart(categoryChart, names = {}) {
  const series = categoryChart.series[0];
  const largest = Math.max(...series.values.map((v) => (v === null ? 0 : Math.abs(v))), 0) || 1;
  const rows = categoryChart.labels.map((label, i) => {
    const value = series.values[i];
    const share = value === null ? 0 : (Math.abs(value) / largest) * 100;
    return el(
      'div',
      { class: 'bar-row', role: 'listitem' },
      el('span', { class: 'bar-label', title: label }, namedText(label, names)),
      el('span', { class: 'bar-track' }, barOf(share, value !== null && value < 0)),
      el('span', { class: 'bar-value' }, value === null ? '—' : String(Number(value.toPrecision(4)))),
    );
  });
  return el(
    'div',
    { class: 'bars', role: 'list', 'aria-label': `Bar chart of ${series.label}` },
    el('p', { class: 'meta' }, series.label),
    ...rows,
  );
}

/** The bar itself; its width is set through the CSSOM, which the page's style-src 'self' policy allows (a style attribute it would block). */
function barOf(share, negative) {
  const bar = el('span', { class: negative ? 'bar negative' : 'bar' });
  bar.style.width = `${share.toFixed(1)}%`;
  return bar;
}
