// Ranks tags, assets and tables of the visible sources for a free-text query; compact lines, best first.
import type { SourceDescription } from '../../connectors/connector.ts';

export interface CatalogHit {
  kind: 'tag' | 'asset' | 'table';
  source: string;
  name: string;
  /** One compact line for the model. */
  line: string;
  score: number;
}

/** Lower-case words and the parts of names like `BPS03/P02/DischargePressure` (split on separators and camelCase). */
export function terms(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9äöüß]+/)
    .filter((t) => t.length > 1);
}

function score(queryTerms: string[], nameTerms: string[], otherTerms: string[]): number {
  let total = 0;
  for (const q of queryTerms) {
    if (nameTerms.includes(q)) total += 3;
    else if (nameTerms.some((n) => n.startsWith(q) || (q.length >= 4 && n.includes(q)))) total += 2;
    else if (otherTerms.includes(q) || otherTerms.some((o) => q.length >= 4 && o.startsWith(q))) total += 1;
  }
  return total;
}

/** Hits with a positive score, best first (ties: tags before tables before assets, then by name). */
export function rankCatalog(sources: readonly SourceDescription[], query: string, limit: number): CatalogHit[] {
  const q = terms(query);
  const hits: CatalogHit[] = [];
  for (const source of sources) {
    const assets = new Map<string, number>();
    for (const tag of source.tags ?? []) {
      const s = score(q, terms(tag.name), [...terms(tag.description ?? ''), ...terms(tag.measurement ?? ''), ...terms(tag.asset ?? '')]);
      if (tag.asset) assets.set(tag.asset, (assets.get(tag.asset) ?? 0) + 1);
      if (s <= 0) continue;
      const extras = [tag.unit ? `unit ${tag.unit}` : '', tag.dataType ?? '', tag.asset ? `asset ${tag.asset}` : '']
        .filter(Boolean)
        .join(', ');
      hits.push({
        kind: 'tag',
        source: source.name,
        name: tag.name,
        score: s,
        line: `tag ${source.name}:${tag.name} | ${tag.description ?? ''}${extras ? ` (${extras})` : ''}`,
      });
    }
    for (const [asset, count] of assets) {
      const s = score(q, terms(asset), []);
      if (s > 0)
        hits.push({ kind: 'asset', source: source.name, name: asset, score: s, line: `asset ${source.name}:${asset} (${count} tags)` });
    }
    for (const table of source.tables) {
      const s = score(q, terms(table.name), [
        ...terms(table.comment ?? ''),
        ...table.columns.flatMap((c) => terms(`${c.name} ${c.comment ?? ''}`)),
      ]);
      if (s <= 0) continue;
      hits.push({
        kind: 'table',
        source: source.name,
        name: table.name,
        score: s,
        line: `table ${source.name}:${table.name} | ${table.comment ?? ''} (${table.columns.length} columns)`,
      });
    }
  }
  const order = { tag: 0, table: 1, asset: 2 } as const;
  return hits.sort((a, b) => b.score - a.score || order[a.kind] - order[b.kind] || a.name.localeCompare(b.name)).slice(0, limit);
}
