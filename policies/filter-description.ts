// The part of a source description a principal may see: granted tables, visible columns, and the tag catalog when unfiltered.
import type { SourceDescription, TagInfo } from '../connectors/connector.ts';
import { tableKey, type EffectiveScope } from './effective-scope.ts';

/**
 * Keeps only granted tables and their visible columns. The tag catalog is kept only when the principal reads the
 * tags table unfiltered (a row filter cannot be applied to the in-memory list), with hidden tag columns removed.
 */
export function filterDescription(scope: EffectiveScope, description: SourceDescription): SourceDescription {
  const source = scope.sources.get(description.name);
  if (!source) return { name: description.name, dialect: description.dialect, tables: [] };
  const tables = description.tables.flatMap((table) => {
    const granted = source.tables.get(tableKey(description.dialect, table.schema, table.name));
    if (!granted) return [];
    return [{ ...table, columns: table.columns.filter((c) => granted.visibleColumns.includes(c.name)) }];
  });
  const { historian, tags, ...rest } = description;
  if (!historian) return { ...rest, tables };
  const scopeOf = (name: string) => source.tables.get(tableKey(description.dialect, undefined, name));
  const samples = scopeOf(historian.samples.table);
  const tagTable = scopeOf(historian.tags.table);
  if (!samples || !tagTable) return { ...rest, tables };
  if (tagTable.rowFilters !== null || !tags) return { ...rest, tables, historian };
  const visible = (column: string | undefined) => column !== undefined && tagTable.visibleColumns.includes(column);
  const fields: [keyof TagInfo, string | undefined][] = [
    ['description', historian.tags.description],
    ['unit', historian.tags.unit],
    ['asset', historian.tags.asset],
    ['measurement', historian.tags.measurement],
    ['dataType', historian.tags.dataType],
    ['lowLimit', historian.tags.lowLimit],
    ['highLimit', historian.tags.highLimit],
  ];
  const hidden = fields.filter(([, column]) => !visible(column)).map(([field]) => field);
  // The asset context the planner links words with (descriptions, the parent's name): only for who reads those columns
  // of the assets table unfiltered.
  const assetTable = historian.assets ? scopeOf(historian.assets.table) : undefined;
  const assetVisible = (column: string | undefined): boolean =>
    assetTable !== undefined && assetTable.rowFilters === null && column !== undefined && assetTable.visibleColumns.includes(column);
  if (!assetVisible(historian.assets?.description)) hidden.push('assetDescription', 'siteDescription');
  if (!assetVisible(historian.assets?.parent) || !assetVisible(historian.assets?.name)) hidden.push('parentName');
  // A type inferred from the samples tells something about them: shown only to who reads the samples' values in full.
  const samplesInFull = samples.rowFilters === null && samples.visibleColumns.includes(historian.samples.value);
  const typeShown = (tag: TagInfo): boolean =>
    tag.dataTypeSource === 'configured' || (tag.dataTypeSource === 'inferred' ? samplesInFull : !hidden.includes('dataType'));
  const typeFields: (keyof TagInfo)[] = ['dataType', 'dataTypeSource', 'dataTypeReason'];
  const filteredTags = tags.map((tag) => {
    const drop = new Set<keyof TagInfo>(hidden.filter((field) => field !== 'dataType'));
    if (!typeShown(tag)) for (const field of typeFields) drop.add(field);
    return drop.size === 0
      ? tag
      : (Object.fromEntries(Object.entries(tag).filter(([k]) => !drop.has(k as keyof TagInfo))) as unknown as TagInfo);
  });
  return { ...rest, tables, historian, tags: filteredTags };
}
