// The chart of an answer: a line chart for series and bucketed comparisons, none for other shapes.
import type { QueryResult } from '../../connectors/connector.ts';
import type { ChartSpec } from '../answer.ts';
import type { Plan } from './plan.ts';
import { fnLabelOf, unitOf } from './answer-format.ts';

/** A chart for series-like results: x = bucket (or start), one series per value column. */
export function chartFor(plan: Plan, result: QueryResult): ChartSpec | undefined {
  const op = plan.operation;
  if (op.kind === 'series')
    return {
      kind: 'line',
      x: 'bucket',
      series: op.fns.map((fn) => {
        const fnUnit = unitOf(fn, plan.tags[0]);
        return {
          column: `${fn}_value`,
          label: `${fnLabelOf(fn, plan.tags[0])} ${plan.tags[0]?.name ?? ''}`.trim(),
          ...(fnUnit ? { unit: fnUnit } : {}),
        };
      }),
    };
  if (op.kind === 'compare' && op.bucket) {
    return {
      kind: 'line',
      x: 'bucket',
      series: result.columns.slice(1).map((c) => {
        const columnUnit = plan.tags.find((t) => t.name === c.name)?.unit;
        return { column: c.name, label: c.name, ...(columnUnit ? { unit: columnUnit } : {}) };
      }),
    };
  }
  return undefined;
}
