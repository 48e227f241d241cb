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
  const filteredTags =
    hidden.length === 0
      ? tags
      : tags.map(
          (tag) => Object.fromEntries(Object.entries(tag).filter(([k]) => !hidden.includes(k as keyof TagInfo))) as unknown as TagInfo,
        );
  return { ...rest, tables, historian, tags: filteredTags };
}
