// The schema-linking tools: search_catalog (ranked, compact) and describe_table (columns, comments, units), both filtered per principal.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { SourceDescription, TableDescription } from '../../connectors/connector.ts';
import { fenceData } from './fence-data.ts';
import { rankCatalog } from './rank-catalog.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';
import { visibleSources } from './visible-sources.ts';

export const searchCatalogSchema = z.object({
  query: z.string().min(1).max(120).describe('words from the question: equipment, measurement, place, e.g. "booster pump run hours BPS03"'),
  limit: z.number().int().min(1).max(30).optional().describe('how many hits (default 15)'),
});

export const describeTableSchema = z.object({
  source: z.string().min(1).max(64).describe('source name from the system prompt, e.g. "historian"'),
  table: z.string().min(1).max(128).describe('table or view name as listed by search_catalog'),
});

export function createSearchCatalogTool(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface {
  return tool(
    ({ query, limit }) => {
      const hits = rankCatalog(visibleSources(deps.sources, deps.guard, ctx.principal), query, limit ?? 15);
      if (hits.length === 0)
        return 'No tags, assets or tables match. Try other words (equipment ids, measurement names) or describe_table on a known table.';
      return fenceData(
        { tool: 'search_catalog', hits: hits.length },
        hits.map((h) => h.line),
      );
    },
    {
      name: 'search_catalog',
      description:
        'Find tags (measurements), assets and tables relevant to the question. Call this first; it returns compact ranked lines "kind source:name | description (unit, ...)".',
      schema: searchCatalogSchema,
    },
  );
}

export function createDescribeTableTool(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface {
  return tool(
    ({ source, table }) => {
      const sources = visibleSources(deps.sources, deps.guard, ctx.principal);
      const src = sources.find((s) => s.name === source);
      if (!src) return `Unknown source "${source}". Sources you may read: ${sources.map((s) => s.name).join(', ') || 'none'}.`;
      const found = src.tables.find((t) => t.name === table || `${t.schema}.${t.name}` === table);
      if (!found) return `No table "${table}" in ${source} that you may read. Tables: ${src.tables.map((t) => t.name).join(', ')}.`;
      return fenceData({ tool: 'describe_table', source, table: found.name }, describeLines(src, found));
    },
    {
      name: 'describe_table',
      description:
        'Columns of one table or view (type, comment, units) and how the historian tables relate. Call before writing SQL against a table.',
      schema: describeTableSchema,
    },
  );
}

/** Lines describing a table, with the historian mapping's meaning of its columns (units live per tag). */
export function describeLines(source: SourceDescription, table: TableDescription): string[] {
  const qualified = table.schema && table.schema !== 'main' ? `${table.schema}.${table.name}` : table.name;
  const lines = [`${table.kind} ${qualified} (${source.dialect} SQL)${table.comment ? `: ${table.comment}` : ''}`];
  for (const c of table.columns)
    lines.push(`- ${c.name} ${c.type}${c.nullable === false ? ' NOT NULL' : ''}${c.comment ? ` -- ${c.comment}` : ''}`);
  const m = source.historian;
  if (!m) return lines;
  if (m.samples.table === table.name) {
    lines.push(
      `historian samples: time ${m.samples.time} (UTC instant), tag ${m.samples.tag} -> ${m.tags.table}.${m.tags.id}, value ${m.samples.value}` +
        (m.samples.quality ? `, quality ${m.samples.quality} (good = ${m.samples.goodQuality.join(', ')}; filter on it)` : ''),
      `units are per tag: ${m.tags.table}.${m.tags.unit ?? '(no unit column)'}; join ${m.tags.table} to filter by tag name ${m.tags.name}`,
    );
  }
  if (m.tags.table === table.name)
    lines.push(
      `historian tag catalog: name ${m.tags.name}${m.tags.unit ? `, unit ${m.tags.unit}` : ''}${m.tags.asset ? `, asset ${m.tags.asset}` : ''}`,
    );
  if (m.alarms?.table === table.name) {
    lines.push(
      `historian alarms: time ${m.alarms.time}, event type ${m.alarms.eventType} in ('${m.alarms.activeValue}', '${m.alarms.clearValue}', '${m.alarms.ackValue}'), tag ${m.alarms.tag}` +
        (m.alarms.condition ? `, condition ${m.alarms.condition} (HIGH, LOW, ...: filter on it, never on the message text)` : ''),
    );
  }
  return lines;
}
