// The SQL functions a query may call, per dialect. Anything not listed is denied (fail closed).
import type { Dialect } from '../connectors/connector.ts';

// The name lists below are kept as compact tables grouped by kind (prettier-ignore): one name per line would run to ~400 lines.

// prettier-ignore
const common = [
  // aggregates
  'count', 'count_star', 'sum', 'avg', 'mean', 'min', 'max', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop',
  'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', 'corr', 'covar_pop', 'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2',
  'regr_count', 'regr_avgx', 'regr_avgy', 'percentile_cont', 'percentile_disc', 'mode',
  // window
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value',
  // numeric
  'abs', 'round', 'floor', 'ceil', 'ceiling', 'trunc', 'sqrt', 'cbrt', 'power', 'pow', 'exp', 'ln', 'log', 'log10', 'log2', 'sign', 'mod',
  'greatest', 'least', 'pi', 'degrees', 'radians', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'div', 'width_bucket', 'random',
  // conditional
  'coalesce', 'nullif', 'ifnull', 'isnan', 'isinf', 'isfinite',
  // text
  'lower', 'upper', 'length', 'char_length', 'character_length', 'octet_length', 'substr', 'substring', 'concat', 'concat_ws', 'replace',
  'trim', 'ltrim', 'rtrim', 'btrim', 'lpad', 'rpad', 'left', 'right', 'position', 'strpos', 'split_part', 'starts_with', 'reverse',
  'repeat', 'initcap', 'md5', 'format', 'regexp_replace', 'regexp_matches', 'translate', 'ascii', 'chr',
  // time
  'now', 'current_timestamp', 'current_date', 'date_trunc', 'date_part', 'extract', 'to_timestamp', 'make_date', 'make_timestamp',
  'make_interval', 'age', 'date_bin', 'timezone', 'isoyear', 'overlaps',
  // table functions
  'unnest', 'generate_series',
];

// prettier-ignore
const duckdbOnly = [
  // operators (DuckDB's parser names them as functions)
  '+', '-', '*', '/', '//', '%', '**', '^', '||', '~~', '!~~', '~~*', '!~~*', '~~~', '<<', '>>', '&', '|', '~', '!', '@', '->>', '->',
  'array_extract', 'list_extract', 'array_slice', 'list_slice', 'struct_extract', 'list_value', 'struct_pack', 'row', 'list', 'array_length',
  'len', 'list_contains', 'list_aggregate', 'contains', 'ends_with', 'suffix', 'prefix', 'like_escape', 'ilike_escape', 'regexp_full_match',
  'regexp_extract', 'strlen', 'ucase', 'lcase', 'printf', 'string_split', 'str_split', 'split', 'array_to_string', 'list_sort', 'list_distinct',
  'first', 'last', 'any_value', 'arbitrary', 'arg_max', 'arg_min', 'argmax', 'argmin', 'max_by', 'min_by', 'median', 'quantile',
  'quantile_cont', 'quantile_disc', 'approx_quantile', 'approx_count_distinct', 'mad', 'kurtosis', 'skewness', 'entropy', 'histogram',
  'product', 'fsum', 'favg', 'sumkahan', 'bit_and', 'bit_or', 'count_if', 'countif', 'sum_no_overflow', 'stddev', 'geomean', 'geometric_mean',
  'epoch', 'epoch_ms', 'epoch_us', 'epoch_ns', 'strftime', 'strptime', 'try_strptime', 'time_bucket', 'today', 'get_current_timestamp',
  'transaction_timestamp', 'date_diff', 'datediff', 'date_sub', 'datesub', 'date_add', 'dayname', 'monthname', 'last_day', 'year', 'month',
  'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'week', 'weekday', 'weekofyear', 'dayofweek', 'dayofmonth', 'dayofyear',
  'isodow', 'quarter', 'yearweek', 'era', 'century', 'decade', 'millennium', 'to_seconds', 'to_minutes', 'to_hours', 'to_days', 'to_weeks',
  'to_months', 'to_years', 'to_milliseconds', 'to_microseconds', 'timezone_hour', 'timezone_minute', 'make_time', 'make_timestamptz',
  'even', 'round_even', 'roundbankers', 'gamma', 'lgamma', 'factorial', 'xor', 'bit_count', 'gcd', 'lcm', 'nextafter', 'signbit',
  'hash', 'fill', 'ifnull', 'nvl', 'if', 'iif', 'typeof', 'try_cast', 'array_value', 'list_reduce', 'list_transform', 'list_filter',
  'array_transform', 'array_filter', 'list_avg', 'list_sum', 'list_min', 'list_max',
];

// prettier-ignore
const postgresOnly = [
  'to_char', 'to_date', 'to_number', 'date', 'justify_interval', 'justify_hours', 'justify_days', 'localtime', 'localtimestamp',
  'clock_timestamp', 'statement_timestamp', 'array_length', 'array_to_string', 'string_to_array', 'cardinality', 'regexp_split_to_array',
  'json_build_object', 'jsonb_build_object', 'json_agg', 'jsonb_agg', 'to_json', 'to_jsonb', 'round', 'scale', 'num_nulls', 'num_nonnulls',
  'bit_length', 'quote_literal', 'quote_ident', 'split_part', 'like_escape', 'similar_to_escape', 'bool_and', 'mode', 'normalize', 'unistr',
  'int4', 'int8', 'float8', 'numeric', 'text', 'varchar', 'timestamptz', 'interval',
];

/** Table functions (FROM f(...)) a query may use; the rest (read_*, glob, query, range, ...) are denied. */
const tableFunctions = new Set(['unnest', 'generate_series']);

const scalar: Record<Dialect, ReadonlySet<string>> = {
  duckdb: new Set([...common, ...duckdbOnly].filter((f) => !tableFunctions.has(f) || f === 'unnest')),
  postgres: new Set([...common, ...postgresOnly]),
};

/** Schema qualifiers that name the built-in functions (`main.list_value`, `pg_catalog.extract`); any other qualifier is denied. */
const builtinSchemas: Record<Dialect, readonly string[]> = { duckdb: ['main.', 'system.main.', 'pg_catalog.'], postgres: ['pg_catalog.'] };

/** The unqualified built-in name, or undefined when the qualifier is not a built-in schema. */
export function builtinName(dialect: Dialect, name: string): string | undefined {
  const lower = dialect === 'duckdb' ? name.toLowerCase() : name;
  if (!lower.includes('.')) return lower;
  const prefix = builtinSchemas[dialect].find((p) => lower.startsWith(p));
  return prefix ? lower.slice(prefix.length) : undefined;
}

/** True when a scalar, aggregate or window function (or operator) may be called. */
export function isAllowedFunction(dialect: Dialect, name: string): boolean {
  const base = builtinName(dialect, name);
  return base !== undefined && scalar[dialect].has(base);
}

/** True when a table function may appear in FROM. */
export function isAllowedTableFunction(dialect: Dialect, name: string): boolean {
  const base = builtinName(dialect, name);
  return base !== undefined && tableFunctions.has(base);
}

/**
 * Type names a query may write (casts, typed literals). Types are judged like functions: a `reg*` type turns a name or
 * number into a catalog lookup (every relation, role, schema), and a table's row type shows the columns of a table
 * the role may not read, so only plain scalar types pass. DuckDB's parser resolves its built-ins itself and lists
 * only the names it did not know (user types, tables), which land here and are denied unless listed.
 */
// prettier-ignore
const scalarTypes = new Set([
  'bool', 'boolean', 'int', 'int2', 'int4', 'int8', 'integer', 'smallint', 'bigint', 'tinyint', 'hugeint', 'float', 'float4', 'float8',
  'real', 'double', 'double precision', 'numeric', 'decimal', 'text', 'varchar', 'char', 'character', 'bpchar', 'string', 'date', 'time',
  'timetz', 'timestamp', 'timestamptz', 'interval', 'uuid', 'json', 'jsonb',
]);

/** True when a type name (lower case, `schema.name` when qualified) may be written in a query. */
export function isAllowedType(dialect: Dialect, name: string): boolean {
  const base = builtinName(dialect, name.toLowerCase());
  return base !== undefined && scalarTypes.has(base);
}
