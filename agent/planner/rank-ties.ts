// Rankings that keep every tie at the cut ("which pump ran the most" of two that ran 24 h each is both of them), and the
// words that say so. A tie is two values equal to TIE_DECIMALS decimals as the query computed them: the float noise of
// two computations of equal stored values (a counter's 1234.5 - 1200.2 against 2234.5 - 2200.2, a mean of a constant) is
// no difference, while two values the sentence merely rounds alike (12.34 h and 12.26 h, both "12.3 h") are not a tie:
// the first is named, and the list shows the order.
import type { Cell } from '../../connectors/connector.ts';
import { formatNumber, num } from './answer-format.ts';

/** The decimals two ranked values are compared to (far below any value a sentence shows, far above float noise). */
export const TIE_DECIMALS = 6;

/** The ranking key as a fixed-point number: equal keys share a place in both engines. */
const tieKey = (expr: string): string => `CAST(${expr} AS DECIMAL(38, ${TIE_DECIMALS}))`;

/** The alias of a select-list item ("... AS run_hours" -> run_hours; a bare column is its own name). */
export function aliasOf(item: string): string {
  const as = /\bAS\s+("(?:[^"]|"")+"|\w+)\s*$/i.exec(item);
  return as?.[1] ?? item.trim().replace(/^.*\./, '');
}

/**
 * A ranking of `from`'s rows (a query without WITH, its CTEs in `ctes`) by `key`, keeping those at places up to `limit`:
 * rank() places rows equal on the key together, so every row tied at the cut is kept. A row without a value (null key)
 * comes after every value and shares no place (each by `then`), as a LIMIT kept them. Ordered by the key, then `then`.
 */
export function keepTies(q: {
  ctes?: string;
  columns: readonly string[];
  from: string;
  key: string;
  order: 'asc' | 'desc';
  limit: number;
  then: string;
  /** Further columns that order rows equal in `key` and `then` (two alarms raised at the same second), so every engine lists them alike. */
  alsoBy?: readonly string[];
}): string {
  const key = tieKey(q.key);
  const by = `${key} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
  const columns = q.columns.join(', ');
  return (
    `${q.ctes ? `WITH ${q.ctes} ` : ''}SELECT ${columns} FROM (SELECT ${columns}, rank() OVER (ORDER BY ${by}, CASE WHEN ${q.key} IS NULL THEN ${q.then} END) AS place ` +
    `FROM (${q.from}) AS placed) AS ranked WHERE place <= ${q.limit} ORDER BY ${[by, q.then, ...(q.alsoBy ?? [])].join(', ')}`
  );
}

/** Two ranked values are one place: equal to TIE_DECIMALS decimals (nulls are never tied). */
export function sameRank(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && a.toFixed(TIE_DECIMALS) === b.toFixed(TIE_DECIMALS);
}

/** How many rows share the first place of a ranking, by their values in ranked order (1 when none is tied). */
export function tiedAtTop(values: readonly (number | null)[]): number {
  const first = values[0] ?? null;
  let n = 1;
  while (n < values.length && sameRank(first, values[n] ?? null)) n++;
  return n;
}

/** "A and B", "A, B and C": the names of the rows tied. */
export function namesOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * What a ranking that kept more rows than asked says about them: " (a tie: 2 with 3 each)" when the first place is
 * shared by more than asked, " (a tie at 3rd place: 7 shown)" when the cut is; nothing when no more rows than asked.
 * `format` writes the shared value (a count by default).
 */
export function tieNote(values: readonly (number | null)[], limit: number, format: (value: number) => string = formatNumber): string {
  if (values.length <= limit) return '';
  const tied = tiedAtTop(values);
  const first = values[0] ?? null;
  if (tied > 1 && tied >= Math.min(values.length, limit + 1) && first !== null)
    return ` (a tie: ${formatNumber(tied)} with ${format(first)} each)`;
  const place = limit === 2 ? '2nd' : limit === 3 ? '3rd' : `${limit}th`;
  return ` (a tie at ${place} place: ${formatNumber(values.length)} shown)`;
}

/** The values of one column of ranked rows. */
export const valuesAt = (rows: readonly Cell[][], index: number): (number | null)[] => rows.map((r) => num(r[index]));
