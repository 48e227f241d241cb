// A one-value answer ("maximum 5.04 bar", "the level is 3.2 m"): the page shows it as a big number with a sparkline of
// its tag over the answer's window. Chosen by the result's shape: one row, exactly one value column holding a number.
import type { Answer } from '../agent/answer.ts';
import type { SourceDescription } from '../connectors/connector.ts';
import { formatNumber } from '../agent/planner/answer-format.ts';
import { occursAsPath } from './tag-names.ts';

export interface SingleValue {
  /** Full precision, as in the row. */
  value: number;
  /** The value as the planner's sentences write numbers (3 decimals or 3 significant digits, whichever shows more). */
  text: string;
  /** The column it came from (`max_value`, `value`, `total_value`). */
  column: string;
  unit?: string;
  /** The one tag the answer is about (its path), when it names exactly one tag of its source: the sparkline's tag. */
  tag?: string;
}

const VALUE_COLUMN = /^(?:value|[a-z]+_value)$/;

/**
 * The single number of an answer, or null: a denial, several rows, no value column, or several of them (min and max
 * side by side is a table, not one number). `catalog` is what the asker may see: a tag outside it is never named.
 */
export function singleValueOf(answer: Answer, catalog: readonly SourceDescription[]): SingleValue | null {
  if (answer.decision?.kind === 'deny' || answer.rows.length !== 1 || !answer.source) return null;
  const valueColumns = answer.columns.map((c, i) => ({ name: c.name, i })).filter((c) => VALUE_COLUMN.test(c.name));
  if (valueColumns.length !== 1) return null;
  const { name, i } = valueColumns[0]!;
  const value = answer.rows[0]![i];
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const source = catalog.find((s) => s.name === answer.source);
  const named = (source?.tags ?? []).filter((t) => occursAsPath(answer.answer, t.name));
  const tag = named.length === 1 ? named[0] : undefined;
  // A count (alarms, tags with data) has no unit; a signal statistic has its tag's.
  const unit = tag?.unit && !/^(count|starts|tags_with_data)/.test(name) ? tag.unit : undefined;

  return {
    value,
    // As the answer's sentence writes numbers: the big number never disagrees with the text beside it.
    text: formatNumber(value),
    column: name,
    ...(unit ? { unit } : {}),
    ...(tag ? { tag: tag.name } : {}),
  };
}
