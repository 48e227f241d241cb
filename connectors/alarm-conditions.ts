// The alarm conditions a journal records (HIGH, LOW, HIHI, DEVIATION, ...): the distinct values of the mapped condition
// column, read once when a source is described, so the planner's vocabulary of conditions is the journal's own.
import type { Cell } from './connector.ts';
import type { HistorianMapping } from './historian-mapping.ts';

/** At most this many distinct conditions are read (a journal's conditions are a handful; more is a misconfigured column). */
export const MAX_ALARM_CONDITIONS = 64;

/**
 * The statement reading the distinct conditions, or undefined when the mapping maps no condition column. `quote` quotes
 * an identifier and `table` is the alarm table as the engine names it (already quoted and qualified).
 */
export function alarmConditionsSql(mapping: HistorianMapping, table: string, quote: (name: string) => string): string | undefined {
  const column = mapping.alarms?.condition;
  if (column === undefined) return undefined;
  const c = quote(column);
  return `SELECT DISTINCT CAST(${c} AS VARCHAR) AS alarm_condition FROM ${table} WHERE ${c} IS NOT NULL ORDER BY 1 LIMIT ${MAX_ALARM_CONDITIONS}`;
}

/** The conditions of the rows the statement returned: trimmed, non-empty, in the journal's own spelling. */
export function alarmConditionsOf(rows: readonly (readonly Cell[])[]): string[] {
  return [...new Set(rows.map((row) => String(row[0] ?? '').trim()).filter((value) => value !== ''))];
}
