// What a principal's roles add up to on each source: tools, tables, visible columns, row filters and limits.
import type { Dialect, SourceDescription, TableDescription } from '../connectors/connector.ts';
import type { PolicyBundle } from './load-policies.ts';
import type { Protection } from './policy-schema.ts';

/** Default row cap per answer when no role sets maxRows. */
export const defaultMaxRows = 10_000;

export interface TableScope {
  table: TableDescription;
  /** Columns the principal may see, in table order; equal to all columns when unrestricted. */
  visibleColumns: string[];
  restrictedColumns: boolean;
  /** Predicates OR-ed together; null when some role reads the table unfiltered. */
  rowFilters: string[] | null;
}

export interface SourceScope {
  source: SourceDescription;
  /** Key: tableKey(dialect, schema, name). */
  tables: Map<string, TableScope>;
  /**
   * Views the policy grants but that read something the principal may not read in full, and relations the windowed
   * samples table reads (which would show its samples without the window), with the reason (same keys).
   */
  refusedViews: Map<string, string>;
  systemCatalogs: boolean;
}

export interface EffectiveScope {
  /** Role names as the principal holds them, for messages. */
  roleLabel: string;
  unknownRoles: string[];
  tools: Set<string>;
  maxRows: number;
  maxWindowDays: number | undefined;
  rateLimitPerMinute: number | undefined;
  sources: Map<string, SourceScope>;
}

/** Default schema of a dialect (where unqualified names resolve). */
export function defaultSchema(dialect: Dialect): string {
  return dialect === 'duckdb' ? 'main' : 'public';
}

/** Identity of a table after the engine's case folding: DuckDB compares case-insensitively, PostgreSQL exactly. */
export function tableKey(dialect: Dialect, schema: string | undefined, name: string): string {
  const key = `${schema ?? defaultSchema(dialect)}\u0000${name}`;
  return dialect === 'duckdb' ? key.toLowerCase() : key;
}

/** The union of the principal's roles. Roles unknown to the bundle are reported and grant nothing. */
export function effectiveScope(bundle: PolicyBundle, roles: readonly string[], sources: readonly SourceDescription[]): EffectiveScope {
  const known = roles.filter((r) => bundle.roles.has(r));
  const policies = known.map((r) => bundle.roles.get(r)!);
  const tools = new Set(policies.flatMap((p) => p.tools));
  const maxRows = Math.max(0, ...policies.map((p) => p.maxRows ?? defaultMaxRows));
  const windows = policies.map((p) => p.maxWindowDays);
  const rates = policies.map((p) => p.rateLimitPerMinute);
  const scopes = new Map<string, SourceScope>();
  for (const source of sources) {
    const grants = policies.map((p) => p.sources[source.name]).filter((g) => g !== undefined);
    if (grants.length === 0) continue;
    const tables = new Map<string, TableScope>();
    for (const table of source.tables) {
      const key = tableKey(source.dialect, table.schema, table.name);
      const all = table.columns.map((c) => c.name);
      let visible: Set<string> | null = null;
      let filters: string[] | null = [];
      let granted = false;
      for (const grant of grants) {
        let tableGrant;
        if (grant.tables === '*') {
          if ((grant.exceptTables ?? []).some((t) => tableKey(source.dialect, table.schema, t) === key)) continue;
          tableGrant = null;
        } else {
          const entry = Object.entries(grant.tables).find(([name]) => tableKey(source.dialect, table.schema, name) === key);
          if (!entry) continue;
          tableGrant = entry[1];
        }
        granted = true;
        const cols = !tableGrant
          ? all
          : tableGrant.columns
            ? all.filter((c) => tableGrant.columns!.includes(c))
            : all.filter((c) => !(tableGrant.denyColumns ?? []).includes(c));
        visible = new Set([...(visible ?? []), ...cols]);
        if (!tableGrant?.rowFilter) filters = null;
        else if (filters) filters.push(tableGrant.rowFilter);
      }
      if (!granted) continue;
      const visibleColumns = all.filter((c) => visible!.has(c));
      tables.set(key, { table, visibleColumns, restrictedColumns: visibleColumns.length < all.length, rowFilters: filters });
    }
    const refusedViews = refuseLeakyViews(source, tables, windowed(source, windows));
    scopes.set(source.name, { source, tables, refusedViews, systemCatalogs: grants.some((g) => g.systemCatalogs) });
  }
  return {
    roleLabel: roles.length === 0 ? '(none)' : roles.join(', '),
    unknownRoles: roles.filter((r) => !bundle.roles.has(r)),
    tools,
    maxRows,
    maxWindowDays: windows.length === 0 || windows.includes(undefined) ? undefined : Math.max(...(windows as number[])),
    rateLimitPerMinute: rates.length === 0 || rates.includes(undefined) ? undefined : Math.max(...(rates as number[])),
    sources: scopes,
  };
}

/** True when `table` is the historian's samples table (the one the time window applies to), after the engine's case folding. */
export function isSamplesTable(source: SourceDescription, table: TableDescription): boolean {
  const samples = source.historian?.samples.table;
  return samples !== undefined && tableKey(source.dialect, table.schema, samples) === tableKey(source.dialect, table.schema, table.name);
}

/**
 * When the principal's roles put a time window on the historian samples: the key of the samples table, and the keys of
 * every relation it reads, directly or through views (the wide export under an unpivoting view, the base table under a
 * samples view). Those hold the same samples without the window, so they are refused, and so is any other view that
 * reads them.
 */
function windowed(source: SourceDescription, windows: (number | undefined)[]): { samples: string; under: Map<string, string> } | undefined {
  if (windows.length === 0 || windows.includes(undefined)) return undefined;
  const table = source.tables.find((t) => isSamplesTable(source, t));
  if (!table) return undefined;
  const byKey = new Map(source.tables.map((t) => [tableKey(source.dialect, t.schema, t.name), t]));
  const samples = tableKey(source.dialect, table.schema, table.name);
  const under = new Map<string, string>();
  const visit = (relation: TableDescription): void => {
    for (const read of relation.reads ?? []) {
      const key = tableKey(source.dialect, read.schema, read.name);
      if (key === samples || under.has(key)) continue;
      under.set(key, read.name);
      const next = byKey.get(key);
      if (next) visit(next);
    }
  };
  visit(table);
  return { samples, under };
}

/**
 * Removes from `tables` every granted view that reads, directly or through other views, a relation the principal may
 * not read in full: not granted, row-filtered, with hidden columns, under the time window (the samples table and what
 * it reads, `window`), outside the source's catalog, or unknown (`reads` unset). A view shows what it reads and no
 * filter can be pushed through it, so it is refused, with the reason. The relations under the windowed samples table
 * are refused too. Returns the refused relations.
 */
function refuseLeakyViews(
  source: SourceDescription,
  tables: Map<string, TableScope>,
  window: ReturnType<typeof windowed>,
): Map<string, string> {
  const windowedKey = window?.samples;
  const samplesName = source.historian?.samples.table;
  const byKey = new Map(source.tables.map((t) => [tableKey(source.dialect, t.schema, t.name), t]));
  const verdicts = new Map<string, string | null>();
  const blocker = (view: TableDescription, path: string[]): string | null => {
    const key = tableKey(source.dialect, view.schema, view.name);
    const known = verdicts.get(key);
    if (known !== undefined) return known;
    if (path.includes(key)) return `the view ${view.name} reads itself`;
    let why: string | null = null;
    if (!view.reads) why = `what the view ${view.name} reads could not be determined, so it cannot be checked`;
    for (const read of view.reads ?? []) {
      const readKey = tableKey(source.dialect, read.schema, read.name);
      const relation = byKey.get(readKey);
      const scope = tables.get(readKey);
      const shown = `${read.schema}.${read.name}`;
      if (!relation) why = `the view ${view.name} reads ${shown}, which is not part of the source's catalog`;
      else if (!scope) why = `the view ${view.name} reads ${relation.name}, which your role may not read`;
      else if (scope.rowFilters)
        why = `the view ${view.name} reads ${relation.name}, of which your role may only see some rows; query ${relation.name} itself`;
      else if (scope.restrictedColumns)
        why = `the view ${view.name} reads ${relation.name}, of which your role may only see some columns; query ${relation.name} itself`;
      else if (readKey === windowedKey)
        why = `the view ${view.name} reads ${relation.name}, which your role may only read within its time window; query ${relation.name} itself`;
      else if (key !== windowedKey && window?.under.has(readKey))
        why = `the view ${view.name} reads ${relation.name}, which holds the samples of ${samplesName} that your role may only read within its time window; query ${samplesName} itself`;
      else if (relation.kind === 'view') why = blocker(relation, [...path, key]);
      if (why) break;
    }
    verdicts.set(key, why);
    return why;
  };
  const refused = new Map<string, string>();
  for (const [key, scope] of tables) {
    const why = scope.table.kind === 'view' ? blocker(scope.table, []) : null;
    if (why !== null) refused.set(key, why);
    else if (window?.under.has(key))
      refused.set(
        key,
        `${scope.table.name} holds the samples that ${samplesName} reads from it, which your role may only read within its time window; query ${samplesName} instead`,
      );
  }
  for (const key of refused.keys()) tables.delete(key);
  return refused;
}

/** The protection entry (reasons) of a table, compared after the source's case folding. */
export function protectionOf(bundle: PolicyBundle, source: SourceDescription, table: TableDescription): Protection | undefined {
  const entries = bundle.protected.get(source.name);
  if (!entries) return undefined;
  for (const [name, protection] of entries)
    if (tableKey(source.dialect, table.schema, name) === tableKey(source.dialect, table.schema, table.name)) return protection;
  return undefined;
}
