// "this time yesterday", "same time last week", "yesterday same time": the moment that is now on the plant's clock, one
// day (a week) earlier. The plant-local clock time is kept across a DST change, as a shift log or a control room reads it.
import type { TimeFound } from './calendar-words.ts';
import type { WindowRule } from './time-window.ts';
import { addDays, formatShort, fromWall, toWall } from './zoned-time.ts';

/** The earlier day named beside "this time" or "same time". */
const DAYS_BACK = String.raw`(?:yesterday|yday|yest|the day before|(?:a|one|1) day ago|last week|(?:a|one|1) (?:week|wk) ago|last wk)`;
/** Words that compare: "same time yesterday" after one is a moment; without one it is things at once ("running at the same time yesterday"). */
const COMPARED = String.raw`(?:vs\.?|versus|than|against|compared\s+(?:to|with)|relative\s+to)`;
/** The together cue leaves "same time" alone when a comparing word said it, with the day before or after it. */
export const COMPARED_SAME_TIME = String.raw`(?<!\b${COMPARED}\s+(?:${DAYS_BACK}\s+)?(?:at\s+)?(?:the\s+)?same time)`;
const BACK = `(${DAYS_BACK})`;
const SAME_TIME_RE = new RegExp(
  String.raw`\b(?:(?:at\s+)?this\s+time\s+(?:of\s+)?${BACK}|${BACK}\s+(?:at\s+)?this\s+time)\b|(?<=\b${COMPARED}\s+)(?:(?:at\s+)?(?:the\s+)?same\s+time\s+(?:of\s+)?${BACK}|${BACK}\s+(?:at\s+)?(?:the\s+)?same\s+time)\b`,
);

export const sameTimeRule: WindowRule = (text, ctx): TimeFound | null => {
  const match = SAME_TIME_RE.exec(text);
  if (!match) return null;
  const back = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
  const days = /w(?:ee)?k/.test(back) ? 7 : 1;
  const wall = toWall(ctx.now, ctx.timezone);
  const at = fromWall({ ...addDays(wall, -days), hour: wall.hour, minute: wall.minute, second: wall.second }, ctx.timezone);
  return {
    index: match.index,
    length: match[0].length,
    kind: 'instant',
    from: at,
    to: new Date(at.getTime() + 60_000),
    at,
    what: `at the same time ${days === 7 ? 'a week' : 'a day'} earlier, ${formatShort(at, ctx.timezone)}`,
  };
};
