// The data's own coverage of a window (plan operation `coverage`): per tag, the share of the window with good-quality
// data, the share not good, the gaps, the samples and where the data ends; and the sentence that reports it.
import type { Dialect, QueryResult } from '../../connectors/connector.ts';
import type { Plan } from './plan.ts';
import { idLiteral, numberLiteral, stringLiteral } from './sql-dialect.ts';
import { statsCtes, type SignalScope } from './signal-sql.ts';
import { column, formatNumber, label, num, when } from './answer-format.ts';
import { formatDuration, formatPercent } from './answer-method.ts';

/**
 * One row per tag of the plan (a tag with no sample in force anywhere in the window too: 0 % good, one gap as long as
 * the window): `good_pct` of the whole window asked (not only up to where the data ends), `not_good_quality_pct` the time
 * held by samples of bad or uncertain quality, `gaps` / `longest_gap_minutes` without good data (longer than the
 * heartbeat), the good and all samples in the window, the newest sample and where the data ends.
 */
export function compileCoverage(plan: Plan, scope: SignalScope, dialect: Dialect): string {
  const seconds = Math.max(1, (Date.parse(scope.to) - Date.parse(scope.from)) / 1000);
  const w = numberLiteral(seconds);
  const multi = plan.tags.length > 1;
  const key = (t: Plan['tags'][number]): string => (scope.byName ? stringLiteral(t.name) : idLiteral(t.id));
  const members = `members (tag) AS (VALUES ${plan.tags.map((t) => `(${key(t)})`).join(', ')})`;
  const notGood = `bad AS (SELECT tag, sum(dur) FILTER (WHERE NOT good) AS bad_seconds FROM seg GROUP BY tag)`;
  return (
    `WITH ${statsCtes(dialect, scope, ['count'])}, ${notGood}, ${members} ` +
    `SELECT ${multi ? 'm.tag, ' : ''}100.0 * coalesce(a.good_seconds, 0) / ${w} AS good_pct, ` +
    `100.0 * coalesce(b.bad_seconds, 0) / ${w} AS not_good_quality_pct, ` +
    `CASE WHEN s.tag IS NULL THEN 1 ELSE s.gaps END AS gaps, ` +
    `CASE WHEN s.tag IS NULL THEN ${numberLiteral(seconds / 60)} ELSE s.longest_gap_minutes END AS longest_gap_minutes, ` +
    `coalesce(s.good_samples, 0) AS good_samples, coalesce(s.all_samples, 0) AS all_samples, s.last_time, s.data_end ` +
    `FROM members AS m LEFT JOIN stats AS s ON s.tag = m.tag LEFT JOIN agg AS a ON a.tag = m.tag LEFT JOIN bad AS b ON b.tag = m.tag` +
    (multi ? ' ORDER BY good_pct ASC, m.tag' : '')
  );
}

/** "100 % of the window with good data; 1,440 samples (1,438 good); no gaps": one tag's row in words. */
function coverageOfRow(result: QueryResult, row: QueryResult['rows'][number], timezone: string, windowTo: number): string {
  const at = (name: string): number | null => num(row[column(result, name)]);
  const good = at('good_pct') ?? 0;
  const all = at('all_samples') ?? 0;
  const newest = row[column(result, 'last_time')];
  if (good === 0 && all === 0 && (newest === null || newest === undefined)) return 'no data at all (not one sample in force)';
  const parts = [`good data for ${formatPercent(good / 100)} of the window`];
  parts.push(`${formatNumber(all)} sample${all === 1 ? '' : 's'} (${formatNumber(at('good_samples') ?? 0)} good)`);
  const gaps = at('gaps') ?? 0;
  const longest = formatDuration((at('longest_gap_minutes') ?? 0) * 60_000);
  parts.push(
    gaps === 0
      ? 'no gaps'
      : gaps === 1
        ? `1 gap without good data of ${longest}`
        : `${formatNumber(gaps)} gaps without good data, the longest ${longest}`,
  );
  // A bad or uncertain sample (a communication-loss mark, an analyser's cleaning) holds like any other: its time is
  // neither good data nor "no sample", and part of the gaps.
  const notGood = at('not_good_quality_pct') ?? 0;
  if (notGood > 0)
    parts.push(`${notGood < 0.1 ? 'under 0.1 %' : formatPercent(notGood / 100)} of the window held by bad or uncertain samples`);
  const end = row[column(result, 'data_end')];
  if (typeof end === 'string' && Date.parse(end) < windowTo) parts.push(`data ends ${when(end, timezone)}`);
  return parts.join('; ');
}

/** The answer's sentence: one tag's coverage, or each tag's, least covered first. */
export function coverageSentence(plan: Plan, result: QueryResult): string {
  const tz = plan.window.timezone;
  const to = Date.parse(plan.window.to);
  if (plan.tags.length === 1) {
    const row = result.rows[0];
    const text = row ? coverageOfRow(result, row, tz, to) : 'no data at all (not one sample in force)';
    return `${label(plan.tags[0])}, ${plan.window.label}: ${text}.`;
  }
  const each = result.rows.map((r) => `${String(r[0])}: ${coverageOfRow(result, r, tz, to)}`);
  return `Data coverage of ${plan.tags.length} tags, ${plan.window.label}, least covered first: ${each.join('. ')}.`;
}
