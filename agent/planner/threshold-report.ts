// Reads what a threshold question asks of the stretches beyond the limit: how many there were, or their share of the
// window; names what it asks that the plan does not compute (a count per day, the longest stretch alone).
import type { Bucket, Decline } from './plan.ts';

/** The nouns of a stretch beyond a limit ("times", "excursions", "spikes"): said with a count, they name no tag. */
const EXCURSION = '(?:times|occasions|excursions|breaches|exceedances|spikes|dips|events)';
/** "how many times", "how often", "number of times", a bare "count": a count ("how many hours" is the stretches' time). */
const COUNT_RE = new RegExp(
  `\\b(?:how many ${EXCURSION}|how often|number of ${EXCURSION}|count(?: of ${EXCURSION})?|no\\.? of ${EXCURSION})\\b`,
);
const EXCURSION_RE = new RegExp(`\\b${EXCURSION}\\b`, 'g');
/** "% of the time", "percentage", "share": a share. */
const SHARE_RE =
  /(?:^|\s)%(?=\s|$)(?:\s*(?:of\s+(?:the\s+)?)?time)?|\b(?:percent(?:age)?|pct|share|proportion|fraction)\b(?:\s+of)?(?:\s+(?:the\s+)?time)?/;

/** The report a threshold question asks for, and the question with its words blanked; null for the stretches themselves. */
export function readThresholdReport(text: string): { report: 'count' | 'share'; text: string } | null {
  for (const [re, report] of [
    [SHARE_RE, 'share'],
    [COUNT_RE, 'count'],
  ] as const) {
    const match = re.exec(text);
    if (!match) continue;
    const rest = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
    // "raw turb spikes over 20 count": the stretch's noun goes with the count.
    return { report, text: report === 'count' ? rest.replace(EXCURSION_RE, (w) => ' '.repeat(w.length)) : rest };
  }
  return null;
}

/** Numbers of a threshold report row, read by column name (see compile-plan.ts): count, hours, share, coverage. */
export interface ThresholdReportRow {
  times: number;
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
  if (report === 'count')
    return `${what.tag} went ${what.side} ${what.limit} ${row.times} time${row.times === 1 ? '' : 's'} ${what.during}, for ${format(row.totalHours)} h in total${covered}.`;
  return `${what.tag} was ${what.side} ${what.limit} for ${format(row.sharePct ?? 0)} % of the time ${what.during} (${format(row.totalHours)} h in ${stretches})${covered}.`;
}

/** "longest stretch", "longest continuous period", "at a stretch": one stretch, the longest, asked for alone. */
const LONGEST_RE = /\b(?:longest|shortest|continuous(?:ly)?|uninterrupted|at a stretch|in a row|straight)\b/;

/** "how long", "total time", "how many hours": the time of every stretch is asked too. */
const ALL_STRETCHES_RE = /\b(?:how long|how lng|total|how many (?:hours|hrs|minutes|mins)|all)\b/;

/**
 * A threshold question that asks for more than the stretches, their count or their share: per day ("how many times per
 * day", "hours per day"), or only the longest stretch. Declined with the words, since the stretch list or one total
 * would answer another question with confidence.
 */
export function thresholdBeyondPlan(cues: { bucket?: Bucket; text: string }): Decline | null {
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
      reason: `"${longest[0]}": the ${longest[0] === 'shortest' ? 'shortest' : 'longest'} stretch alone is not computed yet; ask "how long was ... below/above ..." for every stretch (the answer names the longest)`,
    };
  return null;
}
