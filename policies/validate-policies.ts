// Checks a loaded policy bundle against the configured sources: granted columns exist, row filters parse; missing tables warn.
import type { SourceDescription } from '../connectors/connector.ts';
import type { SqlParser } from '../connectors/sql-parser.ts';
import { defaultSchema, tableKey } from './effective-scope.ts';
import { loadPolicies, type PolicyBundle } from './load-policies.ts';

/** What a policy bundle gets wrong about the configured sources, each as `file:line:column: message`. */
export interface SourceValidation {
  /** Mistakes that stop start-up (and keep the old policy on reload): a missing column, a row filter that cannot work. */
  errors: string[];
  /**
   * Grants of tables the source does not have. They grant nothing (a table is only ever granted by name), so they
   * are reported, not fatal: the shipped policy names tables of the sample plant, and a PostgreSQL reader role made
   * by `otq pg grant` does not see the shift log. An `exceptTables` entry for a missing table excepts nothing and
   * is not reported.
   */
  warnings: string[];
}

/** The tools a role can be granted: the agent's tools, the web page's audit reader and verified answers, /metrics. */
export const GRANTABLE_TOOLS: readonly string[] = [
  'run_sql',
  'search_catalog',
  'describe_table',
  'tag_history',
  'tag_stats',
  'plan_query',
  'audit_read',
  'verify_answer',
  'metrics_read',
];

/**
 * Checks every grant against the sources. A tool otq does not have (a typo) grants nothing and is warned about. Grants for sources that are not configured are ignored (a shipped policy
 * may name sources a deployment does not have); they grant nothing.
 */
export async function validateAgainstSources(
  bundle: PolicyBundle,
  sources: readonly SourceDescription[],
  parsers: { duckdb: SqlParser; postgres?: SqlParser },
): Promise<SourceValidation> {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [roleName, role] of bundle.roles) {
    for (const [i, tool] of role.tools.entries())
      if (!GRANTABLE_TOOLS.includes(tool))
        warnings.push(
          `${role.locate([...role.path, 'tools', i])}: role ${roleName}: otq has no tool ${tool}, so it is not granted (tools: ${GRANTABLE_TOOLS.join(', ')})`,
        );
    for (const [sourceName, grant] of Object.entries(role.sources)) {
      const source = sources.find((s) => s.name === sourceName);
      if (!source) continue;
      const at = (...path: (string | number)[]) => role.locate([...role.path, 'sources', sourceName, ...path]);
      const find = (name: string) =>
        source.tables.find((t) => tableKey(source.dialect, t.schema, t.name) === tableKey(source.dialect, t.schema, name));
      const known = source.tables.map((t) => t.name).join(', ');
      if (grant.tables === '*') continue;
      for (const [name, tableGrant] of Object.entries(grant.tables)) {
        const table = find(name);
        if (!table) {
          warnings.push(
            `${at('tables', name)}: role ${roleName}: source ${sourceName} has no table ${name}, so it is not granted (tables: ${known || 'none'})`,
          );
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
                : unknownColumn(analysis.columns, [table, ...analysis.tables.map((t) => find(t.name)!)]);
          if (problem)
            errors.push(
              `${at('tables', name, 'rowFilter')}: role ${roleName}: row filter of ${name} is not a valid SQL predicate: ${problem}`,
            );
        }
      }
    }
  }
  return { errors, warnings };
}

/**
 * A column the row filter names that neither the filtered table nor any table it reads has: the filter parses, but
 * every query of the role would fail when the engine binds it (fail closed, yet the admin would learn it only then).
 */
function unknownColumn(
  refs: readonly { qualifier?: string; name: string }[],
  tables: readonly { name: string; columns: readonly { name: string }[] }[],
): string | undefined {
  const known = new Set(tables.flatMap((t) => t.columns.map((c) => c.name.toLowerCase())));
  const missing = refs.find((ref) => !known.has(ref.name.toLowerCase()));
  if (!missing) return undefined;
  return `no table it reads has a column ${missing.name} (${tables[0]!.name}: ${tables[0]!.columns.map((c) => c.name).join(', ')})`;
}

/**
 * Loads policy files and checks them against the sources: exactly what start-up and every reload accept, and what
 * `otq policy check` reports, so the two cannot disagree.
 */
export async function loadCheckedPolicies(
  files: readonly string[],
  sources: readonly SourceDescription[],
  parsers: { duckdb: SqlParser; postgres?: SqlParser },
): Promise<{ ok: true; bundle: PolicyBundle; warnings: string[] } | { ok: false; errors: string[] }> {
  const result = await loadPolicies(files);
  if (!result.ok) return result;
  const { errors, warnings } = await validateAgainstSources(result.bundle, sources, parsers);
  return errors.length > 0 ? { ok: false, errors } : { ...result, warnings };
}
