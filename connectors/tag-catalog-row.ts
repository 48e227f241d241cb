// The tag columns of a connector's tag-catalog query and the TagInfo one row of it makes, shared by DuckDB and
// PostgreSQL so that both read a catalog the same way.
import type { Cell, TagInfo } from './connector.ts';
import type { HistorianMapping } from './historian-mapping.ts';

/**
 * The mapping's tag columns in the order the tag query selects them (before ASSET_CONTEXT_COLUMNS): id, name,
 * description, unit, asset, measurement, data type, low and high limit; undefined where the mapping maps none (selected
 * as NULL).
 */
export function tagColumns(tags: HistorianMapping['tags']): (string | undefined)[] {
  return [tags.id, tags.name, tags.description, tags.unit, tags.asset, tags.measurement, tags.dataType, tags.lowLimit, tags.highLimit];
}

/** A text cell, or undefined for NULL and the empty string. */
export function optionalText(cell: Cell | undefined): string | undefined {
  return cell === null || cell === undefined || cell === '' ? undefined : String(cell);
}

/** A numeric cell (a number, or text that reads as a finite number), else undefined. */
function numeric(cell: Cell | undefined): number | undefined {
  if (cell === null || cell === undefined || cell === '') return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

/** One row of the tag query (tagColumns, then ASSET_CONTEXT_COLUMNS) as a TagInfo; empty cells leave fields unset. */
export function tagFromRow([
  id,
  name,
  description,
  unit,
  asset,
  measurement,
  dataType,
  lowLimit,
  highLimit,
  assetName,
  assetKind,
  site,
  siteName,
  ...context
]: Cell[]): TagInfo {
  const [assetDescription, siteDescription, parentName] = context;
  const tag: TagInfo = { id: typeof id === 'number' ? id : String(id), name: String(name) };
  const fields = {
    description: optionalText(description),
    unit: optionalText(unit),
    asset: optionalText(asset),
    assetName: optionalText(assetName),
    assetKind: optionalText(assetKind),
    site: optionalText(site),
    siteName: optionalText(siteName),
    assetDescription: optionalText(assetDescription),
    siteDescription: optionalText(siteDescription),
    parentName: optionalText(parentName),
    measurement: optionalText(measurement),
    dataType: optionalText(dataType),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(tag, { [key]: value });
  const low = numeric(lowLimit);
  const high = numeric(highLimit);
  if (low !== undefined) tag.lowLimit = low;
  if (high !== undefined) tag.highLimit = high;
  return tag;
}
