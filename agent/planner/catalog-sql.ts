// SQL and sentence of a catalog plan (catalog-ask.ts): the plan's tags read from the source's tag table (and the assets
// table for sites), so the answer comes through the guard and the audit log like every other query.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { Operation, Plan } from './plan.ts';
import { idLiteral, ident } from './sql-dialect.ts';

type CatalogOperation = Extract<Operation, { kind: 'catalog' }>;

/**
 * `tags`: tag, description, unit; `unit`: tag, unit, description; `assets`: the tags' distinct assets; `sites`: the
 * distinct sites of their assets (from the assets table). With `count`, one row: how many (`n`).
 */
export function compileCatalog(plan: Plan, op: CatalogOperation, mapping: HistorianMapping): string {
  const t = mapping.tags;
  const ids = plan.tags.map((tag) => idLiteral(tag.id));
  const where = `WHERE t.${ident(t.id)} ${ids.length === 1 ? `= ${ids[0]}` : `IN (${ids.join(', ')})`}`;
  const from = `FROM ${ident(t.table)} AS t`;
  const col = (name: string | undefined): string => (name ? `t.${ident(name)}` : 'NULL');
  switch (op.list) {
    case 'tags':
    case 'unit': {
      if (op.count) return `SELECT count(*) AS n ${from} ${where}`;
      const rest =
        op.list === 'tags'
          ? `${col(t.description)} AS description, ${col(t.unit)} AS unit`
          : `${col(t.unit)} AS unit, ${col(t.description)} AS description`;
      return `SELECT t.${ident(t.name)} AS tag, ${rest} ${from} ${where} ORDER BY 1`;
    }
    case 'assets': {
      if (!t.asset) throw new Error('a catalog plan of assets needs the tag table to map an asset column');
      const asset = `t.${ident(t.asset)}`;
      if (op.count) return `SELECT count(DISTINCT ${asset}) AS n ${from} ${where}`;
      return `SELECT DISTINCT ${asset} AS asset ${from} ${where} ORDER BY 1`;
    }
    case 'sites': {
      const a = mapping.assets;
      if (!t.asset || !a?.site) throw new Error('a catalog plan of sites needs the assets table to map a site column');
      const join = `JOIN ${ident(a.table)} AS a ON a.${ident(a.id)} = t.${ident(t.asset)}`;
      const site = `a.${ident(a.site)}`;
      if (op.count) return `SELECT count(DISTINCT ${site}) AS n ${from} ${join} ${where}`;
      return `SELECT DISTINCT ${site} AS site ${from} ${join} ${where} ORDER BY 1`;
    }
  }
}

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell));

/** "3 assets: BPS01/P01, BPS01/P02", "T1/Tank/Level is in m", "6 tags: ...", "How many tags: 6". */
export function catalogSentence(op: CatalogOperation, result: QueryResult, understood: string): string {
  const noun = op.list === 'unit' ? 'tags' : op.list;
  if (op.count) return `${text(result.rows[0]?.[0]) || '0'} ${noun} (${understood}).`;
  const rows = result.rows;
  if (rows.length === 0) return `No ${noun} of the catalog you may read fit (${understood}).`;
  if (op.list === 'unit') {
    const unitOf = (row: Cell[]): string => text(row[1]) || 'no unit (a status or count)';
    if (rows.length === 1) return `${text(rows[0]?.[0])} is measured in ${unitOf(rows[0]!)}.`;
    return `Units: ${rows.map((row) => `${text(row[0])} in ${unitOf(row)}`).join('; ')}.`;
  }
  const shown = rows.slice(0, 40).map((row) => text(row[0]));
  const more = rows.length > shown.length ? `; ${rows.length - shown.length} more in the table` : '';
  const singular = noun.replace(/s$/, '');
  return `${rows.length} ${rows.length === 1 ? singular : noun}: ${shown.join(', ')}${more}.`;
}
