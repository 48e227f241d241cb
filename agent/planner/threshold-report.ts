// Reads what a threshold question asks of the stretches beyond the limit: how many there were, their share of the
// window, the longest one, or the plant-local days that had any (which, or how many); names what it asks that the plan
// does not compute (a count per day, the shortest stretch).
import type { AggFn, Bucket, Decline, ThresholdReport } from './plan.ts';
import type { DurationUnit } from './duration-unit.ts';
import { AGG_WORDS } from './question-lexicon.ts';

/** The nouns of a stretch beyond a limit ("times", "excursions", "spikes"): said with a count, they name no tag. */
const EXCURSION =
  '(?:times|occasions|occurrences|instances|excursions|breaches|exceedances|spikes|dips|events|spells|stretches|episodes|separate periods)';
/** "how many times", "how often", "number of times", a bare "count": a count ("how many hours" is the stretches' time). */
const COUNT_RE = new RegExp(
  `\\b(?:how many ${EXCURSION}|how often|number of ${EXCURSION}|count(?: of ${EXCURSION})?|no\\.? of ${EXCURSION})\\b`,
);
/** Whether the question asks how many stretches ("how many times", "how often"), not the stretches themselves. */
export const asksCount = (text: string): boolean => COUNT_RE.test(text);
const EXCURSION_RE = new RegExp(`\\b${EXCURSION}\\b`, 'g');
/** "% of the time", "percentage", "share", "how much of the time", "how much of last weekend" (of a period): a share. */
const SHARE_RE =
  /(?:^|\s)%(?=\s|$)(?:\s*(?:of\s+(?:the\s+)?)?time)?|\b(?:percent(?:age)?|pct|share|proportion|fraction)\b(?:\s+of)?(?:\s+(?:the\s+)?time)?|\bhow\s+much\s+of\s+(?:the\s+)?(?:time|day|week|month|night|period)\b|\bhow\s+much\s+of\b(?=\s+(?:the\s+|this\s+|last\s+|yesterday|yday|today|tonight|[a-z]+day\b|[a-z]+end\b|(?:was|were|is|has|had|did)\b))/;

/** "how long", "total time", "how many hours": the time of every stretch is asked too. */
const ALL_STRETCHES_RE = /\b(?:how long|how lng|total|how many (?:hours|hrs|minutes|mins)|all)\b/;
/** "how long ... in its longest run", "during the longest stretch": the time asked is that of the longest one. */
const OF_THE_LONGEST_RE = /\b(?:in|during|of|for)\s+(?:its|the|their)\s+longest\b/;

/** "on how many days", "no. of days", "number of days": how many plant-local days had time beyond the limit. */
const DAY_COUNT_RE = /\b(?:on\s+)?(?:how many|number of|no\.?\s*of|no\.?|count of|nr of)\s+(?:calendar\s+)?days\b/;
/** "which days", "on what days", "the days when", a bare "days" once the window is read: the days themselves. */
const DAYS_RE =
  /\b(?:(?:on\s+)?(?:which|what)\s+(?:calendar\s+)?(?:days?|dates?)|(?:the\s+)?days?\s+(?:when|where|that|on which)|days|dates)\b/;
/**
 * "longest stretch", "longest continuous period", "max continuous time", "max duration": the one longest stretch. A bare
 * "max" before a noun of a stretch's length is its longest ("max duration"), not the maximum of the value.
 */
const LONGEST_ONE_RE =
  /\b(?:longest|max(?:imum)?(?=\s+(?:single|continuous|uninterrupted|unbroken|duration|stretch|streak|spell|excursion|episode)\b))\b(?:\s+(?:single|continuous|uninterrupted|unbroken))?(?:\s+(?:stretch|streak|period|spell|run|time|duration|excursion|episode|interval|event))?/;

/** Whether the question asks for the one longest stretch ("longest overlap", "which was the longest"), as readThresholdReport reads it. */
export function asksLongest(text: string): boolean {
  // "all 3 hl pumps", "all of the pumps": a group, not every stretch.
  const stretches = text.replace(/\ball\s+(?:of\s+)?(?:\d|two|three|four|five|six|the|pumps?)\b/g, ' ');
  return !asksEveryStretch(stretches) && LONGEST_ONE_RE.test(stretches);
}

/** "how long was T1 under 3 m, and the longest stretch?": every stretch's time is asked (their sentence names the longest). */
const asksEveryStretch = (text: string): boolean => ALL_STRETCHES_RE.test(text) && !OF_THE_LONGEST_RE.test(text);

/**
 * Words that ask for the stretches' own times: "from when to when", "when and how long", "start and end times", "from-to".
 * A "when" among them asks for no crossing (shape-cues.ts) and is no condition (modifier-words.ts).
 */
export const STRETCH_TIMES_RE =
  /\bfrom\s+when\s+(?:to|till|until|-)\s+when\b|\bwh?en\s+(?:and|&)\s+(?:for\s+)?how\s+lo?ng\b|\bhow\s+lo?ng\s+(?:and|&)\s+wh?en\b|\b(?:start|begin)(?:\s+times?)?\s*(?:and|&|\/|-)\s*(?:end|stop|finish)\s+times?\b|\bfrom\s*[-/]\s*to\b/;

/**
 * Words that ask for the stretches themselves rather than their time: "when", "what times", "list", "each", "periods",
 * "excursions" ("how many times" is a count, read before).
 */
const STRETCH_LIST_RE =
  /\b(?:wh?en|what times?|which times|list|each|every (?:time|stretch|period)|periods?|stretches|episodes?|excursions?|occasions|instances|spells|times)\b/;

/** "how long", "hrs", "total", "for how many minutes", "duration": the time is asked, one number. */
const DURATION_RE =
  /\b(?:how\s+lo?ng|hw\s+lo?ng|total|tot|duration|time\s+spent|how\s+many\s+(?:hours|hrs|minutes|mins)|hours|hrs|hr|h|minutes|mins|min)\b/;

/**
 * Whether a question with no other report asks for each stretch: their times ("when were P1 and P3 on together",
 * "periods", "list"), or no time at all ("did T1 go over 5 m yesterday?": the stretches show whether and when). A
 * duration asked alone ("how long", "hrs", "total") is one number: the total, with the count and the longest beside it.
 */
export const asksStretches = (text: string): boolean =>
  STRETCH_TIMES_RE.test(text) || STRETCH_LIST_RE.test(text) || !DURATION_RE.test(text);

/**
 * The report a threshold question asks for, and the question with its words blanked: `stretches` for the stretches'
 * own times ("from when to when", blanked); null when nothing was read (the time beyond the limit, one row).
 */
export function readThresholdReport(text: string): { report?: ThresholdReport; text: string } | null {
  const times = STRETCH_TIMES_RE.exec(text);
  if (times)
    return {
      report: 'stretches',
      text: text.slice(0, times.index) + ' '.repeat(times[0].length) + text.slice(times.index + times[0].length),
    };
  // "how long was T1 under 3 m, and the longest stretch?": every stretch is asked (their sentence names the longest);
  // "how long did it run in its longest run": how long the longest one was.
  const longest = asksEveryStretch(text) ? null : LONGEST_ONE_RE;
  for (const [re, report] of [
    [SHARE_RE, 'share'],
    [DAY_COUNT_RE, 'day-count'],
    [COUNT_RE, 'count'],
    [DAYS_RE, 'days'],
    ...(longest ? [[longest, 'longest'] as const] : []),
  ] as const) {
    const match = re.exec(text);
    if (!match) continue;
    const rest = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
    // "raw turb spikes over 20 count": the stretch's noun goes with the count.
    return { report, text: report === 'count' ? rest.replace(EXCURSION_RE, (w) => ' '.repeat(w.length)) : rest };
  }
  return asksStretches(text) ? { report: 'stretches', text } : null;
}

/** "what % of yesterday did 2+ pumps run": the share words of a together question, blanked; null when none. */
export function readShareWords(text: string): string | null {
  const match = SHARE_RE.exec(text);
  return match ? text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) : null;
}

/** Whether a threshold report is about the stretches' time (their total, or each one), not a count, share or days. */
export const ofStretches = (report: ThresholdReport | undefined): boolean => (report ?? 'stretches') === 'stretches';

/**
 * The report and unit of a threshold plan: "hours per day above 5 m" is every day with its hours ("which days ... per
 * day" the days with any); the stretches' time, their total or each one, is in the unit asked ("how many minutes").
 */
export function thresholdReportOf(cues: { bucket?: Bucket; thresholdReport?: ThresholdReport; durationUnit?: DurationUnit }): {
  report?: ThresholdReport;
  unit?: 'minutes';
} {
  const report = cues.bucket === 'day' && ofStretches(cues.thresholdReport) ? 'per-day' : cues.thresholdReport;
  const inMinutes = cues.durationUnit === 'minutes' && ofStretches(report);
  return { ...(report ? { report } : {}), ...(inMinutes ? { unit: 'minutes' as const } : {}) };
}

/** Numbers of a threshold report row, read by column name (see compile-plan.ts): count, hours, share, coverage. */
export interface ThresholdReportRow {
  times: number;
  /** Stretches already in force at the window start: in the hours, not in `times` (they began before the window). */
  carriedIn?: number;
  totalHours: number;
  sharePct: number | null;
  coverage: number | null;
}

/**
 * The sentence of a threshold report: "T1/Tank/Level was above 5 m for 28.1 % of 21 Oct (6.73 h in 2 stretches)",
 * "... went above 4.2 m 3 times ...". `what` is the tag with its limit ("T1/Tank/Level above 5 m"); the coverage is
 * said when good data did not cover the whole window, since the share is of the whole window.
 */
export function thresholdReportSentence(
  report: 'count' | 'share',
  what: { tag: string; side: string; limit: string; during: string },
  row: ThresholdReportRow,
  format: (n: number) => string,
): string {
  const stretches = `${row.times} stretch${row.times === 1 ? '' : 'es'}`;
  const covered =
    row.coverage !== null && row.coverage < 0.9995 ? `; good-quality data covered ${format(100 * row.coverage)} % of the window` : '';
  if (report === 'count') {
    if (row.times === 0 && !row.carriedIn) return `${what.tag} never went ${what.side} ${what.limit} ${what.during} (0 times)${covered}.`;
    const carried = row.carriedIn
      ? ` (it was already ${what.side} ${what.limit} at the start of the window: that stretch began before it, so it is in the hours but not in the count)`
      : '';
    return `${what.tag} went ${what.side} ${what.limit} ${row.times} time${row.times === 1 ? '' : 's'} ${what.during}, for ${format(row.totalHours)} h in total${carried}${covered}.`;
  }
  return `${what.tag} was ${what.side} ${what.limit} for ${format(row.sharePct ?? 0)} % of the time ${what.during} (${format(row.totalHours)} h in ${stretches})${covered}.`;
}

/**
 * "shortest stretch", "at a stretch", "continuously": one stretch asked for alone that no report computes; "worst
 * excursion" may be the longest or the one that went furthest.
 */
const LONGEST_RE = /\b(?:shortest|continuous(?:ly)?|uninterrupted|at a stretch|in a row|straight|worst|best)\b/;

/**
 * A threshold question that asks for more than the stretches, their count or their share: per day ("how many times per
 * day", "hours per day"), or only the longest stretch. Declined with the words, since the stretch list or one total
 * would answer another question with confidence.
 */
export function thresholdBeyondPlan(cues: { bucket?: Bucket; text: string; thresholdReport?: ThresholdReport }): Decline | null {
  // "hours per day above 5 m", "daily time below 2 bar": the days with their time beyond the limit.
  const perDay =
    cues.bucket === 'day' && (cues.thresholdReport === undefined || ['stretches', 'days', 'per-day'].includes(cues.thresholdReport));
  if (cues.thresholdReport === 'longest' || cues.thresholdReport === 'day-count' || perDay) return null;
  if (cues.bucket)
    return {
      kind: 'decline',
      reason: `a threshold per ${cues.bucket} ("per ${cues.bucket}", "each ${cues.bucket}") is not computed yet; ask for the whole period, or one ${cues.bucket} at a time`,
    };
  // "how long was T1 under 3 m, and the longest stretch?": the stretches answer both (their sentence names the longest).
  const text = cues.text.toLowerCase();
  const longest = LONGEST_RE.exec(text);
  if (longest && !ALL_STRETCHES_RE.test(text))
    return {
      kind: 'decline',
      reason: `"${longest[0]}": ${/^(?:worst|best)$/.test(longest[0]) ? 'the longest stretch or the one that went furthest? Ask for the "longest stretch", or' : `the ${longest[0] === 'shortest' ? 'shortest' : 'longest'} stretch alone is not computed yet;`} ask "how long was ... below/above ..." for every stretch (the answer names the longest)`,
    };
  return null;
}

/** Statistics of the value itself; compared with a limit ("days the average was over 4.5 m") they are not time beyond it. */
const VALUE_STATISTICS: readonly AggFn[] = ['avg', 'mean', 'min', 'max'];

/**
 * A statistic of the value read beside a threshold ("how many days t1 lvl avg over 4.5m", "daily max above 5 bar"): the
 * planner counts the signal's own time beyond the limit, not a statistic's, so the question is declined naming the
 * word (from AGG_WORDS). Null when the question names none.
 */
export function thresholdStatistic(cues: { fns: readonly AggFn[]; text: string }): Decline | null {
  const fn = cues.fns.find((f) => VALUE_STATISTICS.includes(f));
  if (!fn) return null;
  const word = cues.text
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((w) => AGG_WORDS[w] === fn || (fn === 'avg' && AGG_WORDS[w] === 'mean'));
  const said = word ? `"${word}"` : `the ${fn}`;
  return {
    kind: 'decline',
    reason: `I could not place ${said}: the quick planner counts the time the signal itself was beyond a limit, not when a statistic of it (an average, a daily maximum) was; ask for the time beyond the limit, or for the statistic per day`,
  };
}
