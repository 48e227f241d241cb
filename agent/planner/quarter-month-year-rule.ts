// Named periods of the calendar: a quarter ("Q1 2014", "last quarter"), a month ("in March"), a year ("in 2025").
import { fromWall, toWall } from './zoned-time.ts';
import { MONTHS, MONTH_RE } from './time-words.ts';
import { dayStart, MONTH_NAMES } from './window-parts.ts';
import type { WindowRule } from './time-window.ts';

export const quarterYearRule: WindowRule = (text, ctx) => {
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  const quarter = /\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?q([1-4])(?:\s*[/-]?\s*((?:19|20)\d{2}))?\b/.exec(text);
  if (quarter) {
    const q = Number(quarter[1]);
    let year = quarter[2] ? Number(quarter[2]) : today.year;
    if (!quarter[2] && fromWall({ year, month: q * 3 - 2, day: 1 }, tz) > ctx.now) year -= 1;
    const from = dayStart({ year, month: q * 3 - 2, day: 1 }, tz);
    const to = dayStart({ year, month: q * 3 + 1, day: 1 }, tz);
    return { index: quarter.index, length: quarter[0].length, kind: 'range', from, to, what: `Q${q} ${year}` };
  }
  const relative = /\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?(last|previous|this|current)\s+quarter\b/.exec(text);
  if (relative) {
    const current = Math.floor((today.month - 1) / 3);
    const start = current - (relative[1] === 'last' || relative[1] === 'previous' ? 1 : 0);
    const year = today.year + Math.floor(start / 4);
    const q = (((start % 4) + 4) % 4) + 1;
    const from = dayStart({ year, month: q * 3 - 2, day: 1 }, tz);
    const to = dayStart({ year, month: q * 3 + 1, day: 1 }, tz);
    return { index: relative.index, length: relative[0].length, kind: 'range', from, to, what: `Q${q} ${year}` };
  }
  const monthMatch = new RegExp(
    `\\b(?:(?:in|during|for|over|of|throughout)\\s+)(?:the\\s+month\\s+of\\s+)?(${MONTH_RE})(?:\\s+((?:19|20)\\d{2}))?\\b(?!\\s*\\d)`,
  ).exec(text);
  if (monthMatch) {
    const month = MONTHS[monthMatch[1] ?? ''] ?? 1;
    let year = monthMatch[2] ? Number(monthMatch[2]) : today.year;
    if (!monthMatch[2] && dayStart({ year, month, day: 1 }, tz) > ctx.now) year -= 1;
    const from = dayStart({ year, month, day: 1 }, tz);
    const to = dayStart({ year, month: month + 1, day: 1 }, tz);
    return { index: monthMatch.index, length: monthMatch[0].length, kind: 'range', from, to, what: `in ${MONTH_NAMES[month - 1]} ${year}` };
  }
  const year = /\b(?:(?:in|during|for|over|throughout)\s+)((?:19|20)\d{2})\b/.exec(text);
  if (year) {
    const y = Number(year[1]);
    return {
      index: year.index,
      length: year[0].length,
      kind: 'range',
      from: dayStart({ year: y, month: 1, day: 1 }, tz),
      to: dayStart({ year: y + 1, month: 1, day: 1 }, tz),
      what: `${y}`,
    };
  }
  return null;
};
