// Functions whose output is not bounded by their input: judged on the engine parser's view of each call, so that a
// single call cannot allocate gigabytes (DuckDB's interrupt does not stop `repeat`) and no aggregate folds every row
// into one value past the row cap.
import type { SqlCall } from '../connectors/sql-parser.ts';
import { builtinName } from './function-allowlist.ts';
import type { Dialect } from '../connectors/connector.ts';

/** Longest text one call may build (characters): well above any label or padding a report needs. */
export const MAX_BUILT_CHARS = 10_000;

/** Aggregates that collect every row of a group into one value: the row cap would not apply to what they return. */
const collectors = new Set(['string_agg', 'array_agg', 'list', 'json_agg', 'jsonb_agg', 'histogram']);
/** Collectors allowed when one constant subscript picks a single element (the planner's first/last value on PostgreSQL). */
const indexable = new Set(['array_agg', 'list']);

export interface OutputBoundDenial {
  rule: 'sql.unbounded-output';
  reason: string;
}

/** The first call whose output the guard cannot bound, as a denial; undefined when every call is bounded. */
export function unboundedOutput(dialect: Dialect, calls: readonly SqlCall[]): OutputBoundDenial | undefined {
  for (const call of calls) {
    const name = builtinName(dialect, call.name);
    if (name === undefined) continue;
    const problem = problemOf(name, call);
    if (problem) return { rule: 'sql.unbounded-output', reason: problem };
  }
  return undefined;
}

function problemOf(name: string, call: SqlCall): string | undefined {
  if (collectors.has(name) && !(indexable.has(name) && call.indexed))
    return `${name}() folds every row into one value, which sidesteps the row cap; select the rows themselves (the row cap applies) or aggregate them (count, min, max, avg)`;
  if (name === 'repeat') {
    const [text, count] = call.args;
    if (typeof count !== 'number' || typeof text !== 'string' || text.length * Math.max(0, count) > MAX_BUILT_CHARS)
      return `repeat() must repeat a text literal a literal number of times, building at most ${MAX_BUILT_CHARS.toLocaleString('en')} characters`;
  }
  if (name === 'lpad' || name === 'rpad') {
    const length = call.args[1];
    if (typeof length !== 'number' || length > MAX_BUILT_CHARS)
      return `${name}() needs a literal length of at most ${MAX_BUILT_CHARS.toLocaleString('en')} characters`;
  }
  if (name === 'format' || name === 'printf') {
    const template = call.args[0];
    const widths = typeof template === 'string' ? (template.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0) : Infinity;
    if (typeof template !== 'string' || template.includes('*') || widths > MAX_BUILT_CHARS)
      return `${name}() needs a literal format whose widths add up to at most ${MAX_BUILT_CHARS.toLocaleString('en')} characters`;
  }
  return undefined;
}
