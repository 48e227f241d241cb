// Checks a loaded policy bundle against the configured sources: granted tables and columns exist, row filters parse.
import type { SourceDescription } from '../connectors/connector.ts';
import type { SqlParser } from '../connectors/sql-parser.ts';
import { defaultSchema, tableKey } from './effective-scope.ts';
import { loadPolicies, type LoadResult, type PolicyBundle } from './load-policies.ts';

/**
 * Returns every mistake as `file:line:column: message`. Grants for sources that are not configured are ignored
 * (a shipped policy may name sources a deployment does not have); they grant nothing.
 */
export async function validateAgainstSources(
  bundle: PolicyBundle,
  sources: readonly SourceDescription[],
  parsers: { duckdb: SqlParser; postgres?: SqlParser },
): Promise<string[]> {
  const errors: string[] = [];
  for (const [roleName, role] of bundle.roles) {
    for (const [sourceName, grant] of Object.entries(role.sources)) {
      const source = sources.find((s) => s.name === sourceName);
      if (!source) continue;
      const at = (...path: (string | number)[]) => role.locate([...role.path, 'sources', sourceName, ...path]);
      const find = (name: string) =>
        source.tables.find((t) => tableKey(source.dialect, t.schema, t.name) === tableKey(source.dialect, t.schema, name));
      const known = source.tables.map((t) => t.name).join(', ');
      for (const [i, name] of (grant.exceptTables ?? []).entries()) {
        if (!find(name))
          errors.push(`${at('exceptTables', i)}: role ${roleName}: source ${sourceName} has no table ${name} (tables: ${known})`);
      }
      if (grant.tables === '*') continue;
      for (const [name, tableGrant] of Object.entries(grant.tables)) {
        const table = find(name);
        if (!table) {
          errors.push(`${at('tables', name)}: role ${roleName}: source ${sourceName} has no table ${name} (tables: ${known})`);
          continue;
        }
        const columns = table.columns.map((c) => c.name);
        for (const key of ['columns', 'denyColumns'] as const) {
          for (const [i, column] of (tableGrant?.[key] ?? []).entries()) {
            if (!columns.includes(column))
              errors.push(
                `${at('tables', name, key, i)}: role ${roleName}: table ${name} has no column ${column} (columns: ${columns.join(', ')})`,
              );
          }
        }
        if (tableGrant?.rowFilter) {
          const parser = source.dialect === 'duckdb' ? parsers.duckdb : parsers.postgres;
          if (!parser) continue;
          const qualified = `"${table.schema ?? defaultSchema(source.dialect)}"."${table.name}"`;
          const analysis = await parser.analyze(`SELECT * FROM ${qualified} WHERE (${tableGrant.rowFilter})`);
          const problem = !analysis.ok
            ? analysis.error
            : analysis.statementCount !== 1 || !analysis.isSelect
              ? 'it must be one boolean expression'
              : analysis.tables.find((t) => !find(t.name))
                ? `it reads a table the source does not have`
                : undefined;
          if (problem)
            errors.push(
              `${at('tables', name, 'rowFilter')}: role ${roleName}: row filter of ${name} is not a valid SQL predicate: ${problem}`,
            );
        }
      }
    }
  }
  return errors;
}

/**
 * Loads policy files and checks them against the sources: exactly what start-up and every reload accept, and what
 * `otq policy check` reports, so the two cannot disagree.
 */
export async function loadCheckedPolicies(
  files: readonly string[],
  sources: readonly SourceDescription[],
  parsers: { duckdb: SqlParser; postgres?: SqlParser },
): Promise<LoadResult> {
  const result = await loadPolicies(files);
  if (!result.ok) return result;
  const errors = await validateAgainstSources(result.bundle, sources, parsers);
  return errors.length > 0 ? { ok: false, errors } : result;
}
