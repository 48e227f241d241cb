// The sentence of a value now against an earlier moment ("T1 level vs this time yesterday"): each tag's two values, the
// moments of their samples, and their change when both samples are good.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Plan } from './plan.ts';
import { column, label, num, statusWord, when, withUnit } from './answer-format.ts';

/**
 * "T1/Tank/Level (…) was 3.285 m at 2026-10-22 14:08 against 4.046 m at 2026-10-21 14:09 Europe/Berlin (the last samples
 * at or before now and 2026-10-21 14:10), a change of -0.761 m." One such part per tag.
 */
export function againstSentence(plan: Plan, result: QueryResult, against: string, goodQuality: readonly number[]): string {
  const tz = plan.window.timezone;
  const at = (row: Cell[], name: string): Cell | undefined => row[column(result, name)];
  const hasQuality = column(result, 'quality') >= 0;
  const bad = (q: Cell | undefined): boolean => hasQuality && !goodQuality.includes(num(q) ?? Number.NaN);
  const one = (row: Cell[]): string => {
    const t = plan.tags.find((p) => p.name === row[0]) ?? plan.tags[0];
    const name = plan.tags.length > 1 ? String(row[0]) : label(t);
    const valueOf = (cell: Cell | undefined): string => statusWord(num(cell), t) ?? withUnit(num(cell), t?.unit);
    const now = `${valueOf(at(row, 'value'))} at ${when(at(row, 'time'), tz)}`;
    if (at(row, 'earlier_time') === null || at(row, 'earlier_time') === undefined)
      return `${name} was ${now}; no sample at or before ${when(against, tz)} within the lookback to compare with`;
    // No sample came between the two moments: the one value stands for both, and no change can be told from it.
    if (String(at(row, 'earlier_time')) === String(at(row, 'time')))
      return `${name} has no sample between the two moments: the last one, ${now}, stands for both, so no change can be told`;
    const then = `${valueOf(at(row, 'earlier_value'))} at ${when(at(row, 'earlier_time'), tz)}`;
    const change = num(at(row, 'change'));
    const notGood = [
      ...(bad(at(row, 'quality')) ? [`the sample at ${when(at(row, 'time'), tz)} has quality ${String(at(row, 'quality'))}`] : []),
      ...(bad(at(row, 'earlier_quality'))
        ? [`the sample at ${when(at(row, 'earlier_time'), tz)} has quality ${String(at(row, 'earlier_quality'))}`]
        : []),
    ];
    const moved =
      notGood.length > 0
        ? `, not compared: ${notGood.join(' and ')} (not good)`
        : change === null || statusWord(num(at(row, 'value')), t) !== null
          ? ''
          : `, a change of ${change >= 0 ? '+' : ''}${withUnit(change, t?.unit)}`;
    return `${name} was ${now} against ${then}${moved}`;
  };
  const moments = `(the last samples at or before now and ${when(against, tz)}, ${tz})`;
  return `${result.rows.map(one).join('; ')} ${moments}.`;
}
