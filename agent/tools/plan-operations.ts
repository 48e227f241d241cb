// The plan tool's operation schemas, one per member of the planner's Operation type. The mapped type below makes the
// compiler check them against agent/planner/plan.ts: a new operation there fails typecheck here until it has a schema.
import { z } from 'zod';
import type { AggFn, Bucket, Operation, OperationKind } from '../planner/plan.ts';

const aggFns = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta', 'integral'] as const satisfies readonly AggFn[];
const buckets = ['hour', 'day', 'week', 'month'] as const satisfies readonly Bucket[];

const fn = z
  .enum(aggFns)
  .describe(
    'avg = time-weighted average, min, max, sum, count (samples), first, last, delta = change (counters, meters), ' +
      'integral = amount of a rate over the window (m3/h -> m3, L/s -> m3, kW -> kWh, gpm -> gal)',
  );
const fns = z.array(fn).min(1).max(4).describe('one or more aggregations');
const bucket = z.enum(buckets).describe('bucket size in plant time (weeks start on Monday)');
const limit = z.number().int().min(1).max(50).describe('how many to list');
const priority = z.number().int().min(0).max(1000).describe('only alarms of this priority (1 = critical, 2 = high, 3 = medium, 4 = low)');
const instant = z.string().min(10).max(32).describe('ISO-8601 instant with offset, e.g. 2026-11-25T06:00:00+01:00');

/** One zod schema per operation kind; `z.ZodType<Extract<...>>` keeps each one exactly the planner's type. */
type OperationSchemas = { [K in OperationKind]: z.ZodType<Extract<Operation, { kind: K }>> };

export const operationSchemas: OperationSchemas = {
  latest: z.object({ kind: z.literal('latest') }).describe('the newest value of each tag (no window needed)'),
  at: z.object({ kind: z.literal('at'), at: instant }).describe('the value in force at one instant (last sample at or before it)'),
  aggregate: z.object({ kind: z.literal('aggregate'), fns }).describe('one number per tag over the window, e.g. average, maximum'),
  series: z.object({ kind: z.literal('series'), bucket, fns }).describe('values per bucket over the window (a trend, a chart)'),
  threshold: z
    .object({
      kind: z.literal('threshold'),
      comparator: z.enum(['above', 'below']),
      value: z.number().describe('the limit, in the tag’s unit'),
    })
    .describe('intervals when one tag was above or below a limit, with their durations'),
  'run-hours': z
    .object({
      kind: z.literal('run-hours'),
      rankBy: z.enum(['run_hours', 'starts']).optional().describe('order the tags by this, most first'),
      order: z.enum(['asc', 'desc']).optional().describe('with rankBy: asc lists the least first ("which pump ran the least")'),
      limit: limit.optional().describe('with rankBy: how many to list (1 for "which pump ran the longest")'),
      report: z
        .enum(['availability', 'downtime'])
        .optional()
        .describe('availability: share of the window running; downtime: hours not running; the unknown time beside it'),
    })
    .describe('hours running and number of starts of status (running) tags'),
  rank: z
    .object({ kind: z.literal('rank'), fn, order: z.enum(['asc', 'desc']), limit })
    .describe('tags ordered by one aggregation (highest or lowest first)'),
  compare: z
    .object({ kind: z.literal('compare'), fn, bucket: bucket.optional() })
    .describe('the same aggregation side by side for several tags, optionally per bucket'),
  total: z
    .object({ kind: z.literal('total'), fn })
    .describe('one number for a group of tags: the sum of each tag’s aggregation (e.g. energy of all stations = sum of deltas)'),
  'alarm-count': z
    .object({ kind: z.literal('alarm-count'), priority: priority.optional() })
    .describe('how many alarms became active in the window (tags optional)'),
  'alarm-top': z
    .object({
      kind: z.literal('alarm-top'),
      limit,
      priority: priority.optional(),
      by: z.enum(['site', 'priority']).optional().describe('count per site or per priority instead of per tag'),
    })
    .describe('the tags (or sites, or priorities) with the most alarms in the window'),
  'alarm-list': z
    .object({
      kind: z.literal('alarm-list'),
      limit: z.number().int().min(1).max(500),
      priority: priority.optional(),
      unacknowledged: z.boolean().optional().describe('only alarms not acknowledged by asOf (or the end of the window)'),
      asOf: instant.optional().describe('the moment "still unacknowledged" is judged at, usually now'),
      newest: z.boolean().optional().describe('newest first ("the last 5 alarms": limit 5, newest)'),
    })
    .describe('each alarm that became active in the window: time, tag, priority, when it cleared and was acknowledged'),
  'alarm-ack-time': z
    .object({
      kind: z.literal('alarm-ack-time'),
      priority: priority.optional(),
      statistic: z.enum(['max', 'min']).optional().describe('the longest (max) or shortest (min) time instead of the average'),
      unit: z.enum(['hours']).optional().describe('hours instead of minutes, when the question asks in hours'),
    })
    .describe('average (or longest, shortest) minutes from an alarm becoming active to its acknowledgement, in the window'),
  'alarm-clear-time': z
    .object({
      kind: z.literal('alarm-clear-time'),
      priority: priority.optional(),
      statistic: z.enum(['max', 'min']).optional().describe('the longest (max) or shortest (min) time instead of the average'),
      unit: z.enum(['hours']).optional().describe('hours instead of minutes, when the question asks in hours'),
    })
    .describe('average (or longest, shortest) minutes from an alarm becoming active to clearing, in the window'),
  crossing: z
    .object({
      kind: z.literal('crossing'),
      event: z.enum(['start', 'stop', 'above', 'below']).describe('start/stop: a status tag; above/below: crossing `value`'),
      which: z.enum(['last']).optional().describe('last: the last crossing in the window instead of the first'),
      value: z.number().optional().describe('the limit for above/below, in the tag’s unit'),
    })
    .describe('the first (or, with which: last, the last) moment in the window one tag started, stopped, or went above / below a limit'),
  together: z
    .object({
      kind: z.literal('together'),
      atLeast: z.number().int().min(1).optional().describe('at least this many of the tags running at once (default: all of them)'),
      state: z.enum(['stopped']).optional().describe('stopped: every tag known stopped (good 0) at once, "both off"; default running'),
    })
    .describe('stretches when all the status tags (or at least `atLeast` of them) were running at the same time'),
  'state-events': z
    .object({
      kind: z.literal('state-events'),
      events: z
        .array(z.enum(['start', 'stop']))
        .min(1)
        .describe('which events to list: starts, stops, or both'),
      count: z.literal(true).optional().describe('true: how many of those events per tag (0 included) instead of each one'),
    })
    .describe('the time of every start and / or stop of the status tags in the window, oldest first'),
  'last-run': z
    .object({ kind: z.literal('last-run') })
    .describe('the newest stretch one status tag ran in the window (start, end, hours; whether it still runs at the end)'),
  correlation: z.object({ kind: z.literal('correlation') }).describe('Pearson correlation of exactly two tags over the window'),
  change: z
    .object({
      kind: z.literal('change'),
      fn,
      period: bucket,
      previous: z
        .object({ from: instant, to: instant })
        .optional()
        .describe('the earlier period when the question names it ("this week vs last week"); else one period earlier'),
    })
    .describe('the aggregation over the window against the same window one period earlier (day-over-day, week-over-week)'),
  'bucket-rank': z
    .object({ kind: z.literal('bucket-rank'), fn, bucket, order: z.enum(['asc', 'desc']), limit })
    .describe('the buckets of the window ordered by one aggregation ("which day had the lowest level")'),
  'night-flow': z
    .object({
      kind: z.literal('night-flow'),
      fromHour: z.number().int().min(0).max(23).describe('start of the night hours, plant time (usually 2)'),
      toHour: z.number().int().min(0).max(23).describe('end of the night hours, plant time (usually 4)'),
    })
    .describe('minimum night flow: the average flow over the night hours of each night in the window (leakage indicator)'),
  coverage: z
    .object({ kind: z.literal('coverage') })
    .describe('the data itself: share of the window with good-quality data, gaps, samples, where the data ends (per tag)'),
  'shift-log': z.object({ kind: z.literal('shift-log') }).describe('the shift log entries in the window (no tags)'),
  catalog: z
    .object({
      kind: z.literal('catalog'),
      list: z.enum(['tags', 'unit', 'assets', 'sites']).describe('list the tags, their units, or the assets or sites they belong to'),
      count: z.boolean().optional().describe('how many instead of the list'),
    })
    .describe('the catalog itself: which tags, units, assets or sites the given tags are (no window needed)'),
};

/** Operation kinds that read the alarm table; they may name no tags (then all tags count). */
export const ALARM_KINDS: ReadonlySet<OperationKind> = new Set([
  'alarm-count',
  'alarm-top',
  'alarm-clear-time',
  'alarm-ack-time',
  'alarm-list',
]);

/** The operation union the model fills in (a discriminated union: the grammar offers one branch per kind). */
export const operationSchema: z.ZodType<Operation> = z.discriminatedUnion(
  'kind',
  Object.values(operationSchemas) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<OperationKind> }>],
) as unknown as z.ZodType<Operation>;
