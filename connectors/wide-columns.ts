// Which columns of a wide export are tags, and what their names say (a unit in brackets): shared by every engine's unpivot.
import { matchesTagPattern } from './tag-types.ts';

/** One value column of a wide table as a tag. */
export interface WideColumn {
  /** The column's name as the engine spells it; also the tag's name. */
  column: string;
  /** A unit written at the end of the name in brackets: `Tank 1 level [m]`, `P2 flow (l/s)`. */
  unit?: string;
}

/** Engine type names of numbers and booleans (DuckDB and PostgreSQL spellings). */
const NUMERIC_TYPE =
  /^(tinyint|smallint|integer|int|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|float|real|double|double precision|decimal|numeric|boolean|bool|int2|int4|int8|float4|float8)\b/i;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim());
}

/** `Tank 1 level [m]` -> m; `Flow (l/s)` -> l/s; nothing when the name ends otherwise. */
export function unitOfColumn(name: string): string | undefined {
  const match = /[[(]\s*([^\])]{1,16}?)\s*[\])]\s*$/.exec(name);
  return match?.[1];
}

/**
 * The value columns of a wide table: numeric or boolean columns matching one of `include` and none of `exclude`,
 * other than the time column. A column named explicitly (no `*`) that is not numeric is an error, so a typo or a
 * text column is not silently dropped.
 */
export function wideColumns(
  columns: readonly { name: string; type: string }[],
  options: { time: string; include: readonly string[]; exclude: readonly string[] },
): { columns: WideColumn[]; problems: string[] } {
  const problems: string[] = [];
  const chosen: WideColumn[] = [];
  for (const { name, type } of columns) {
    if (name.toLowerCase() === options.time.toLowerCase()) continue;
    const named = options.include.filter((pattern) => matchesTagPattern(pattern, name));
    if (named.length === 0 || options.exclude.some((pattern) => matchesTagPattern(pattern, name))) continue;
    if (!isNumericType(type)) {
      if (named.some((pattern) => !pattern.includes('*'))) problems.push(`column "${name}" is ${type}, not a number`);
      continue;
    }
    const unit = unitOfColumn(name);
    chosen.push({ column: name, ...(unit ? { unit } : {}) });
  }
  for (const pattern of options.include) {
    if (!pattern.includes('*') && !columns.some((c) => c.name.toLowerCase() === pattern.toLowerCase()))
      problems.push(`no column "${pattern}"`);
  }
  if (!columns.some((c) => c.name.toLowerCase() === options.time.toLowerCase())) problems.push(`no time column "${options.time}"`);
  else if (chosen.length === 0) problems.push('no numeric column matches columns:');
  return { columns: chosen, problems };
}
