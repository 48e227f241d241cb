// plan_query: the model fills the quick planner's typed plan (tags, window, operation); the planner's compiler writes
// the SQL, the guard and the audit log see it like any query, and the planner's renderer words the answer. A small
// model thus gets the planner's historian maths (whatever the compiler computes, e.g. time-weighted averages) without writing SQL.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { SourceDescription } from '../../connectors/connector.ts';
import type { ResolvedWindow } from '../answer.ts';
import { LATEST_LOOKBACK_MS } from '../planner/choose-operation.ts';
import { compileOptionsFor, compilePlan } from '../planner/compile-plan.ts';
import type { AggFn, Operation, Plan, PlanTag } from '../planner/plan.ts';
import { planTagOf } from '../planner/plan-tag.ts';
import { renderAnswer } from '../planner/render-answer.ts';
import { rateUnit } from '../planner/signal-units.ts';
import { makeWindow } from '../planner/time-window.ts';
import { formatShort } from '../planner/zoned-time.ts';
import { ALARM_KINDS, operationSchema } from './plan-operations.ts';
import { runSqlForModel } from './sql-tool-result.ts';
import { findVisibleTag } from './tag-tools.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';
import { visibleSources } from './visible-sources.ts';

export const PLAN_TOOL = 'plan_query';

const instant = z.string().min(10).max(32);

export const planQuerySchema = z.object({
  tags: z
    .array(z.string().min(1).max(160))
    .max(12)
    .describe('exact tag names from search_catalog, e.g. ["BPS03/P02/DischargePressure"]; [] only for alarm operations over all tags'),
  from: instant.optional().describe('start of the window, ISO-8601 with offset (not needed for latest)'),
  to: instant.optional().describe('end of the window (exclusive), ISO-8601 with offset; for latest: "as of" (default now)'),
  operation: operationSchema.describe('what to compute; the kind decides the fields'),
});

export type PlanQueryArgs = z.infer<typeof planQuerySchema>;

/** Builds the plan from the model's arguments, or says in one sentence what is wrong (the model reads it and retries). */
export function buildPlan(
  sources: readonly SourceDescription[],
  args: PlanQueryArgs,
  context: { now: Date; timezone: string },
): { plan: Plan; source: SourceDescription } | string {
  const operation = args.operation;
  const isAlarm = ALARM_KINDS.has(operation.kind) || operation.kind === 'shift-log';
  if (args.tags.length === 0 && !isAlarm) return `operation ${operation.kind} needs at least one tag; find tags with search_catalog.`;
  const found = args.tags.map((name) => findVisibleTag(sources, name));
  const missing = found.find((f): f is string => typeof f === 'string');
  if (missing) return missing;
  const resolved = found.filter((f) => typeof f !== 'string');
  const source = resolved[0]?.source ?? sources.find((s) => s.historian?.alarms);
  if (!source?.historian) return 'no source you may read has a historian mapping; use run_sql.';
  if (resolved.some((r) => r.source.name !== source.name))
    return `the tags come from different sources (${[...new Set(resolved.map((r) => r.source.name))].join(', ')}); one plan reads one source.`;
  if (ALARM_KINDS.has(operation.kind) && !source.historian.alarms)
    return `source ${source.name} has no alarm table in its historian mapping.`;
  if (operation.kind === 'threshold' && resolved.length !== 1) return 'a threshold plan reads exactly one tag.';
  if (operation.kind === 'crossing' && resolved.length !== 1) return 'a crossing plan reads exactly one tag.';
  if (operation.kind === 'last-run' && resolved.length !== 1) return 'a last-run plan reads exactly one status tag.';
  if (operation.kind === 'correlation' && resolved.length !== 2) return 'a correlation plan reads exactly two tags.';
  if (operation.kind === 'together' && resolved.length < 2) return 'a together plan reads two or more status tags.';
  if (operation.kind === 'shift-log' && !source.historian.shiftLog) return `source ${source.name} maps no shift log.`;
  if (operation.kind === 'shift-log' && args.tags.length > 0) return 'a shift-log plan names no tags.';
  const notStatus = resolved.filter((r) => r.tag.dataType && r.tag.dataType !== 'status');
  if ((operation.kind === 'run-hours' || operation.kind === 'last-run') && notStatus.length > 0)
    return `run-hours need status (running) tags; ${notStatus.map((r) => `${r.tag.name} is ${r.tag.dataType}`).join(', ')}.`;
  if (fnsOf(operation).includes('integral')) {
    const notRate = resolved.filter((r) => !rateUnit(r.tag.unit));
    if (notRate.length > 0)
      return `integral needs a rate (m3/h, L/s, kW); ${notRate.map((r) => `${r.tag.name} is in ${r.tag.unit ?? 'no unit'}`).join(', ')}; for a counter or meter use delta.`;
  }
  const window = windowFor(args, operation, context);
  if (typeof window === 'string') return window;
  const tags: PlanTag[] = resolved.map(({ tag }) => planTagOf(tag));
  const names = tags.length > 0 ? tags.map((t) => `${t.name}${t.unit ? ` (${t.unit})` : ''}`).join(', ') : 'all tags';
  return {
    source,
    plan: { kind: 'plan', source: source.name, tags, window, operation, understood: `${operation.kind} of ${names}, ${window.label}` },
  };
}

/** The aggregations an operation asks for (none for the kinds that take no aggregation). */
function fnsOf(operation: Operation): readonly AggFn[] {
  if ('fns' in operation) return operation.fns;
  if ('fn' in operation) return [operation.fn];
  return [];
}

/** The arguments a model would give plan_query to ask for exactly this plan (used to record planner transcripts). */
export function planQueryArgsOf(plan: Plan): PlanQueryArgs {
  const latest = plan.operation.kind === 'latest';
  return {
    tags: plan.tags.map((t) => t.name),
    ...(latest ? {} : { from: plan.window.from }),
    to: plan.window.to,
    operation: plan.operation,
  };
}

function parseInstant(text: string | undefined, name: string): Date | string {
  if (text === undefined) return `${name} is required for this operation (ISO-8601 with offset, e.g. 2026-11-25T00:00:00+01:00).`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? `${name} must be an ISO-8601 instant with offset (got "${text}").` : new Date(ms);
}

/** The window as the planner would resolve it: latest looks back 7 days from "as of"; at looks back from its instant. */
function windowFor(args: PlanQueryArgs, operation: Operation, context: { now: Date; timezone: string }): ResolvedWindow | string {
  const tz = context.timezone;
  if (operation.kind === 'latest') {
    const asOf = args.to === undefined ? context.now : parseInstant(args.to, 'to');
    if (typeof asOf === 'string') return asOf;
    return makeWindow(new Date(asOf.getTime() - LATEST_LOOKBACK_MS), asOf, tz, `latest value as of ${formatShort(asOf, tz)}`);
  }
  if (operation.kind === 'at' && (args.from === undefined || args.to === undefined)) {
    const at = parseInstant(operation.at, 'operation.at');
    if (typeof at === 'string') return at;
    return makeWindow(new Date(at.getTime() - LATEST_LOOKBACK_MS), at, tz, `value at ${formatShort(at, tz)}`);
  }
  const from = parseInstant(args.from, 'from');
  if (typeof from === 'string') return from;
  const to = parseInstant(args.to, 'to');
  if (typeof to === 'string') return to;
  if (from >= to) return `from (${args.from}) must be before to (${args.to}).`;
  if (operation.kind === 'at') {
    const at = parseInstant(operation.at, 'operation.at');
    if (typeof at === 'string') return at;
  }
  if (operation.kind === 'change' && operation.previous) {
    const before = parseInstant(operation.previous.from, 'operation.previous.from');
    if (typeof before === 'string') return before;
    const until = parseInstant(operation.previous.to, 'operation.previous.to');
    if (typeof until === 'string') return until;
    if (before >= until || until > from) return 'operation.previous must be a period that ends at or before the window starts.';
  }
  return makeWindow(from, to, tz, 'requested window');
}

export function createPlanQueryTool(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface {
  return tool(
    async (args: PlanQueryArgs) => {
      const sources = visibleSources(deps.sources, deps.guard, ctx.principal);
      const built = buildPlan(sources, args, { now: ctx.now ?? new Date(), timezone: deps.timezone });
      if (typeof built === 'string') return `Plan not accepted: ${built}`;
      const { plan, source } = built;
      const mapping = source.historian;
      if (!mapping) return `Source ${source.name} has no historian mapping; use run_sql.`;
      const sql = compilePlan(plan, mapping, source.dialect, compileOptionsFor(source));
      return runSqlForModel(deps, ctx, PLAN_TOOL, source.name, sql, {
        window: plan.window,
        render: (outcome) =>
          renderAnswer(plan, outcome.result, {
            sql: outcome.sql,
            source: outcome.source,
            decision:
              outcome.decision.kind === 'rewrite'
                ? { kind: 'rewrite', rule: outcome.decision.rule, reason: outcome.decision.reason }
                : { kind: 'allow' },
            auditSeq: outcome.auditSeq,
            notes: outcome.notes,
            goodQuality: mapping.samples.goodQuality,
            mapping,
          }),
      });
    },
    {
      name: PLAN_TOOL,
      description:
        'Answer a historian question by filling a plan instead of writing SQL: tags, window and one operation (latest, value at, ' +
        'aggregate, series, threshold, run-hours, rank, compare, total, alarms). otq computes it with the quick planner’s maths ' +
        '(the same SQL and wording as a planner answer) and returns the answer sentence and the rows. Prefer this over run_sql.',
      schema: planQuerySchema,
    },
  );
}
