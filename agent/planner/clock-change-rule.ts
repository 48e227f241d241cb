// "on the day the clocks went back", "the DST night", "am Tag der Zeitumstellung": the plant-local day on which the
// clocks changed, found from the plant's time zone (a day of 23 or 25 hours), not from a table of dates.
import type { TimeRule } from './calendar-words.ts';
import { addDays, fromWall, midnight, toWall } from './zoned-time.ts';

/** How far back the newest change is looked for: a year and a bit covers both changes of any zone that has them. */
const SEARCH_DAYS = 400;
const HOUR_MS = 3_600_000;
/** A night's hours in plant time, as calendar-words.ts reads "last night". */
const NIGHT_FROM_HOUR = 22;
const NIGHT_TO_HOUR = 6;

const CLOCKS = String.raw`(?:the\s+)?clocks?\s+(?:went|go|goes|were\s+(?:put|turned|set)|changed|change|sprang|sprung|jumped)(?:\s+(back|forward|ahead|on))?`;
const SAVING = String.raw`(?:dst|daylight\s+savings?(?:\s+time)?|summer\s*time|time\s+change|clock\s+change|zeitumstellung)`;
const CHANGE_RE = new RegExp(
  String.raw`\b(?:(?:on|in|during|for|over)\s+)?(?:the\s+)?(?:` +
    String.raw`(day|night)\s+(?:when\s+|that\s+)?${CLOCKS}` +
    String.raw`|(?:${SAVING})\s+(day|night|sunday)(?:\s+in\s+(spring|autumn|fall))?` +
    String.raw`|(day|night)\s+(?:when\s+|that\s+)?(?:dst|daylight\s+savings?(?:\s+time)?|summer\s*time)\s+(ended|began|started|ends|begins|starts)` +
    String.raw`)\b`,
);

/** The direction a phrase names: 25 hours when the clocks went back (summer time ended), 23 when they went forward. */
function hoursOf(match: RegExpExecArray): 23 | 25 | undefined {
  const word = match[2] ?? match[5] ?? match[7] ?? '';
  if (/^(?:back|autumn|fall|ended|ends)$/.test(word)) return 25;
  if (/^(?:forward|ahead|on|spring|began|started|begins|starts)$/.test(word)) return 23;
  return undefined;
}

/**
 * The newest plant-local day that has begun whose length is not 24 hours (of the length the phrase names, when it
 * names one): [its midnight, the next midnight). A zone without changes has no such day: not read then.
 */
export const clockChangeRule: TimeRule = (text, ctx) => {
  const match = CHANGE_RE.exec(text);
  if (!match) return null;
  const wanted = hoursOf(match);
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  for (let back = 0; back < SEARCH_DAYS; back += 1) {
    const day = addDays(today, -back);
    const from = midnight(day, tz);
    const to = midnight(addDays(day, 1), tz);
    const hours = Math.round((to.getTime() - from.getTime()) / HOUR_MS);
    if (hours === 24 || (wanted !== undefined && hours !== wanted) || from >= ctx.now) continue;
    const what = hours === 25 ? 'the day the clocks went back' : 'the day the clocks went forward';
    // "the DST night": the night the change fell in, 22:00 of the evening before to 06:00 of the day (as "last night").
    if ((match[1] ?? match[3] ?? match[6]) === 'night') {
      const evening = fromWall({ ...addDays(day, -1), hour: NIGHT_FROM_HOUR }, tz);
      const morning = fromWall({ ...day, hour: NIGHT_TO_HOUR }, tz);
      const label = hours === 25 ? 'the night the clocks went back' : 'the night the clocks went forward';
      if (evening >= ctx.now) continue;
      return {
        index: match.index,
        length: match[0].length,
        kind: 'range',
        from: evening,
        to: morning > ctx.now ? ctx.now : morning,
        what: label,
      };
    }
    return { index: match.index, length: match[0].length, kind: 'range', from, to: to > ctx.now ? ctx.now : to, what };
  }
  return null;
};
