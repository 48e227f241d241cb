// "over the whole week", "t1 lvl over the wk", "all month", "the entire day": the period named without "this" or "last"
// is the one under way, from its start to now (as "over the weekend" is the newest weekend begun, weekend-rule.ts).
// "Over the whole period", "all the data": no calendar period, all the data there is (as far back as the lookback reaches).
import type { TimeRule } from './calendar-words.ts';
import { addDays, formatShort, isoWeekday, toWall } from './zoned-time.ts';
import { dayStart } from './window-parts.ts';
import { LOOKBACK_DAYS } from './lookback-window.ts';

/**
 * "over the week", "for the month" (a bare "the day" is not read: "during the day" is the daytime), "(over) the whole
 * week", "the entire day", "all week", "all of the month". Tried after every other rule: "all day yday" is yesterday.
 */
const WHOLE_PERIOD_RE =
  /\b(?:(?:over|across|throughout|for)\s+the\s+(week|wk|month|mth)|(?:(?:over|across|throughout|for|during|in)\s+)?(?:the\s+)?(?:whole|entire)\s+(week|wk|month|mth|day)|all\s+(?:of\s+)?(?:the\s+)?(week|wk|month|mth|day))\b/;

/**
 * A limit right before ("was T1 above 4 m all day"): the words say the limit held throughout (held-side.ts), not when.
 * A number with no comparison before it is a name's ("tank 1 lvl over the wk").
 */
const AFTER_LIMIT_RE =
  /(?:above|below|over|under|beneath|beyond|exceed\w*|than|least|most|[<>=])\s*(?<![\p{L}\d.,])(?:\d+(?:[.,]\d+)?|§)\s*(?:[^\s\d§]{1,6}\s*)?$/u;

/** "over the whole period", "the entire record", "all the data", "all time": the period is all the data, none of the calendar. */
const ALL_DATA_RE =
  /\b(?:(?:over|across|throughout|for|during|in)\s+)?(?:the\s+)?(?:(?:whole|entire|full)\s+(?:period|record|history|data\s?set|data)|all\s+(?:of\s+)?(?:the\s+)?(?:data|history|records?)|all[-\s]time)\b/;

export const wholePeriodRule: TimeRule = (text, ctx) => {
  const all = ALL_DATA_RE.exec(text);
  if (all) {
    const from = new Date(ctx.now.getTime() - LOOKBACK_DAYS * 86_400_000);
    const what = `in all the data up to ${formatShort(ctx.now, ctx.timezone)} (searched back ${LOOKBACK_DAYS} days)`;
    return { index: all.index, length: all[0].length, kind: 'range', from, to: ctx.now, what };
  }
  const match = WHOLE_PERIOD_RE.exec(text);
  if (!match || AFTER_LIMIT_RE.test(text.slice(0, match.index))) return null;
  const unit = (match[1] ?? match[2] ?? match[3] ?? '').replace(/^wk$/, 'week').replace(/^mth$/, 'month');
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  const start =
    unit === 'week' ? addDays(today, 1 - isoWeekday(today)) : unit === 'month' ? { year: today.year, month: today.month, day: 1 } : today;
  // Weak: beside another period ("all day yday") it names none of its own.
  const what = unit === 'day' ? 'today' : `this ${unit}`;
  return { index: match.index, length: match[0].length, kind: 'range', from: dayStart(start, tz), to: ctx.now, what, weak: true };
};
