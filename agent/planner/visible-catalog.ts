// The planner's catalogs as one principal may see them: granted tables, visible columns, and only the tags its row filters let through.
import type { Cell, SourceDescription, TagInfo } from '../../connectors/connector.ts';
import type { Principal } from '../../core/principal.ts';
import type { AskRequest } from '../answer.ts';
import type { GuardedSqlOutcome } from '../guarded-sql.ts';
import { buildCatalogs, type PlannerCatalog } from './plan-question.ts';
import { ident } from './sql-dialect.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The tool name recorded for the planner's reads of the tag and asset tables (a row-filtered role's visible catalog). */
export const PLANNER_CATALOG_TOOL = 'quick_planner_catalog';

export interface VisibleCatalogDeps {
  /** Full source descriptions, as described at start-up. */
  sources: readonly SourceDescription[];
  /** The guard's view of a description for a principal: granted tables and columns; tags dropped when row-filtered. */
  filterDescription: (principal: Principal, description: SourceDescription) => SourceDescription;
  /** Changes whenever the policies change (the guard's bundle hash): cached catalogs are keyed on it. */
  policyVersion: () => string;
  /** The guarded, audited SQL path, run as the asking principal. */
  runSql: (request: { source: string; sql: string; tool: string }, ask: AskRequest) => Promise<GuardedSqlOutcome>;
  vocabulary: Vocabulary;
  /** Cached catalogs kept (one per role set and policy version); default 64. */
  maxCached?: number;
}

/**
 * Returns, per request, the planner catalogs built from what the asking principal may see, so that ask-backs, notes
 * and "understood" lines never name, describe or count a tag the principal cannot read. A role whose tag table is
 * row-filtered gets the tags its filter lets through, read through the guard as that role (the database decides,
 * not a copy of the filter); when that read is refused or fails, the source has no tags for it (fail closed).
 */
export function createVisibleCatalogs(deps: VisibleCatalogDeps): (request: AskRequest) => Promise<PlannerCatalog[]> {
  const cache = new Map<string, Promise<PlannerCatalog[]>>();
  const limit = deps.maxCached ?? 64;
  return (request) => {
    const key = `${deps.policyVersion()}\u0000${[...request.principal.roles].sort().join('\u0000')}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const built = build(deps, request);
    const catalogs = built.then((b) => b.catalogs);
    cache.set(key, catalogs);
    // A read refused for a passing reason (rate limit) or failed must not be remembered as "no tags".
    built.then(
      (b) => {
        if (!b.complete) cache.delete(key);
      },
      () => cache.delete(key),
    );
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return catalogs;
  };
}

async function build(deps: VisibleCatalogDeps, request: AskRequest): Promise<{ catalogs: PlannerCatalog[]; complete: boolean }> {
  const visible: SourceDescription[] = [];
  let complete = true;
  for (const description of deps.sources) {
    if (!description.historian || !description.tags?.length) continue;
    const filtered = deps.filterDescription(request.principal, description);
    if (!filtered.historian) continue;
    if (filtered.tags) {
      visible.push(filtered);
      continue;
    }
    const tags = await rowFilteredTags(deps, request, description, filtered);
    if (tags === undefined) complete = false;
    else if (tags.length > 0) visible.push({ ...filtered, tags });
  }
  return { catalogs: buildCatalogs(visible, deps.vocabulary), complete };
}

/** The tags a row-filtered role may read (ids read as that role; fields of hidden columns and unseen assets removed); undefined when the read failed. */
async function rowFilteredTags(
  deps: VisibleCatalogDeps,
  request: AskRequest,
  description: SourceDescription,
  filtered: SourceDescription,
): Promise<TagInfo[] | undefined> {
  const mapping = description.historian!;
  const ids = await readColumn(deps, request, description.name, mapping.tags.table, mapping.tags.id);
  if (!ids) return undefined;
  const assetIds = mapping.assets ? await readColumn(deps, request, description.name, mapping.assets.table, mapping.assets.id) : undefined;
  const tagColumns = new Set(filtered.tables.find((t) => t.name === mapping.tags.table)?.columns.map((c) => c.name) ?? []);
  const assetColumns = new Set(filtered.tables.find((t) => t.name === mapping.assets?.table)?.columns.map((c) => c.name) ?? []);
  const shown = (column: string | undefined): boolean => column !== undefined && tagColumns.has(column);
  const assetShown = (column: string | undefined): boolean => column !== undefined && assetColumns.has(column);
  return (description.tags ?? [])
    .filter((tag) => ids.has(String(tag.id)))
    .map((tag) => {
      const seenAsset = tag.asset !== undefined && assetIds?.has(tag.asset) === true && shown(mapping.tags.asset);
      const seenSite = tag.site !== undefined && assetIds?.has(tag.site) === true;
      const out: TagInfo = { id: tag.id, name: tag.name };
      if (shown(mapping.tags.description) && tag.description !== undefined) out.description = tag.description;
      if (shown(mapping.tags.unit) && tag.unit !== undefined) out.unit = tag.unit;
      if (shown(mapping.tags.measurement) && tag.measurement !== undefined) out.measurement = tag.measurement;
      if (
        tag.dataType !== undefined &&
        (tag.dataTypeSource === 'configured' || (tag.dataTypeSource !== 'inferred' && shown(mapping.tags.dataType)))
      ) {
        // An inferred type says something about samples a row-filtered role may not read in full: not kept (fail closed).
        out.dataType = tag.dataType;
        if (tag.dataTypeSource) out.dataTypeSource = tag.dataTypeSource;
      }
      if (shown(mapping.tags.lowLimit) && tag.lowLimit !== undefined) out.lowLimit = tag.lowLimit;
      if (shown(mapping.tags.highLimit) && tag.highLimit !== undefined) out.highLimit = tag.highLimit;
      if (seenAsset) {
        out.asset = tag.asset!;
        if (assetShown(mapping.assets?.name) && tag.assetName !== undefined) out.assetName = tag.assetName;
        if (assetShown(mapping.assets?.kind) && tag.assetKind !== undefined) out.assetKind = tag.assetKind;
        if (assetShown(mapping.assets?.site) && tag.site !== undefined) out.site = tag.site;
        if (seenSite && assetShown(mapping.assets?.name) && tag.siteName !== undefined) out.siteName = tag.siteName;
        const described = assetShown(mapping.assets?.description);
        if (described && tag.assetDescription !== undefined) out.assetDescription = tag.assetDescription;
        if (seenSite && described && tag.siteDescription !== undefined) out.siteDescription = tag.siteDescription;
        // The parent's name is not kept: its row may be one the role cannot read, and the tag does not say which (fail closed).
      }
      return out;
    });
}

/** One column of a table read as the principal through the guard; undefined when refused or failed. */
async function readColumn(
  deps: VisibleCatalogDeps,
  request: AskRequest,
  source: string,
  table: string,
  column: string,
): Promise<Set<string> | undefined> {
  try {
    const outcome = await deps.runSql(
      { source, sql: `SELECT DISTINCT ${ident(column)} FROM ${ident(table)}`, tool: PLANNER_CATALOG_TOOL },
      request,
    );
    if (outcome.kind !== 'ok' || outcome.result.truncated) return undefined;
    return new Set(outcome.result.rows.map((row: Cell[]) => String(row[0])));
  } catch {
    return undefined;
  }
}
