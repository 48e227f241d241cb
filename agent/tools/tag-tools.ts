// tag_history and tag_stats: structured tag questions compiled to SQL by the quick planner's compiler, run through the same guard.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { SourceDescription, TagInfo } from '../../connectors/connector.ts';
import type { ResolvedWindow } from '../answer.ts';
import { compileOptionsFor, compilePlan } from '../planner/compile-plan.ts';
import type { AggFn, Operation, Plan } from '../planner/plan.ts';
import { conversionText, rateUnit } from '../planner/signal-units.ts';
import { runSqlForModel } from './sql-tool-result.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';
import { visibleSources } from './visible-sources.ts';

const instant = z.string().min(10).max(32).describe('ISO-8601 instant with offset, e.g. 2026-11-25T00:00:00+01:00');

export const tagHistorySchema = z.object({
  tag: z.string().min(1).max(160).describe('exact tag name from search_catalog, e.g. BPS03/P02/DischargePressure'),
  from: instant,
  to: instant.describe('end of the window (exclusive), ISO-8601 with offset'),
  bucket: z.enum(['hour', 'day', 'week', 'month']).optional().describe('bucket size in the plant time zone (default hour)'),
});

export const tagStatsSchema = z.object({
  tag: z.string().min(1).max(160).describe('exact tag name from search_catalog'),
  from: instant,
  to: instant.describe('end of the window (exclusive), ISO-8601 with offset'),
});

export interface Resolved {
  source: SourceDescription;
  tag: TagInfo;
}

/** A tag of the visible sources by exact name (case-insensitive), or a message telling the model how to find it. */
export function findVisibleTag(sources: readonly SourceDescription[], name: string): Resolved | string {
  const wanted = name.toLowerCase();
  for (const source of sources) {
    if (!source.historian) continue;
    const tag = (source.tags ?? []).find((t) => t.name.toLowerCase() === wanted);
    if (tag) return { source, tag };
  }
  return `No tag named "${name}" that you may read. Use search_catalog to find the exact tag name.`;
}

function toWindow(from: string, to: string, timezone: string): ResolvedWindow | string {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return `from/to must be ISO-8601 instants with offset (got "${from}", "${to}").`;
  if (a >= b) return `from (${from}) must be before to (${to}).`;
  const fromIso = new Date(a).toISOString();
  const toIso = new Date(b).toISOString();
  return { from: fromIso, to: toIso, timezone, label: `${fromIso} – ${toIso}` };
}

async function runTagTool(
  deps: AgentToolDeps,
  ctx: ToolContext,
  name: string,
  args: { tag: string; from: string; to: string },
  operation: Operation,
): Promise<string> {
  const found = findVisibleTag(visibleSources(deps.sources, deps.guard, ctx.principal), args.tag);
  if (typeof found === 'string') return found;
  const window = toWindow(args.from, args.to, deps.timezone);
  if (typeof window === 'string') return window;
  const { source, tag } = found;
  const mapping = source.historian;
  if (!mapping) return `Source ${source.name} has no historian mapping; use run_sql.`;
  const plan: Plan = {
    kind: 'plan',
    source: source.name,
    tags: [{ id: tag.id, name: tag.name, ...(tag.unit ? { unit: tag.unit } : {}), ...(tag.dataType ? { dataType: tag.dataType } : {}) }],
    window,
    operation,
    understood: `${name} ${tag.name}`,
  };
  const sql = compilePlan(plan, mapping, source.dialect, compileOptionsFor(source));
  const text = await runSqlForModel(deps, ctx, name, source.name, sql, { window });
  return tag.unit ? `${text}\nunit of ${tag.name}: ${tag.unit}` : text;
}

export function createTagHistoryTool(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface {
  return tool(
    async (args) =>
      runTagTool(deps, ctx, 'tag_history', args, { kind: 'series', bucket: args.bucket ?? 'hour', fns: ['avg', 'min', 'max'] }),
    {
      name: 'tag_history',
      description:
        'Time series of one tag in a window: avg/min/max per bucket (good-quality samples only). Prefer this over run_sql for one tag over time.',
      schema: tagHistorySchema,
    },
  );
}

export function createTagStatsTool(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface {
  return tool(
    async (args) => {
      // A rate (m3/h, L/s, kW) also gets its integral over the window: the volume or energy, in the amount unit.
      const found = findVisibleTag(visibleSources(deps.sources, deps.guard, ctx.principal), args.tag);
      const rate = typeof found === 'string' ? null : rateUnit(found.tag.unit);
      const fns: AggFn[] = ['avg', 'min', 'max', 'first', 'last', 'count', ...(rate ? (['integral'] as const) : [])];
      const text = await runTagTool(deps, ctx, 'tag_stats', args, { kind: 'aggregate', fns });
      return rate
        ? `${text}\nintegral_value: the ${rate.quantity} over the good-quality time of the window, in ${rate.amount} (${conversionText(rate)})`
        : text;
    },
    {
      name: 'tag_stats',
      description:
        'Statistics of one tag in a window: time-weighted avg, min, max, first, last value and sample count (good quality only); for a rate (m3/h, L/s, kW) also its integral (volume or energy, e.g. m3, kWh): use that for "how much" or "total".',
      schema: tagStatsSchema,
    },
  );
}
