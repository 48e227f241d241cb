// Turns an Answer into the HTTP response body: keeps the full rows for CSV download, adds plot-ready chart data, counts metrics.
import type { Answer } from '../agent/answer.ts';
import type { Principal } from '../core/principal.ts';
import type { z } from 'zod';
import type { AppDeps } from './app-env.ts';
import type { askResponseSchema } from './api-schemas.ts';
import { buildCategoryChart, buildChartData } from './chart-data.ts';
import { chartUnits, columnDisplays } from './display-format.ts';
import { tagNames } from './tag-names.ts';
import { singleValueOf } from './single-value.ts';

export type AskResponse = z.infer<typeof askResponseSchema>;

/** `question` is what was asked; the answer is remembered for feedback and verification by the same principal. */
export async function toAskResponse(
  deps: AppDeps,
  principal: Principal,
  answer: Answer,
  requestId: string,
  question: string,
): Promise<AskResponse> {
  deps.answers.remember({ requestId, principalId: principal.id, question, answer });
  const verified =
    answer.sql && answer.source && answer.decision?.kind !== 'deny' && answer.columns.length > 0
      ? await deps.verified.findByMeaning(answer.source, answer.sql)
      : undefined;
  if (answer.decision) countDecision(deps, answer.decision);
  if (answer.sql && answer.source && answer.decision?.kind !== 'deny') deps.metrics.inc('otq_queries_total', { source: answer.source });
  const resultId =
    answer.columns.length > 0
      ? deps.results.put({ principalId: principal.id, columns: answer.columns, rows: answer.rows, source: answer.source })
      : null;
  // Plant time for the table, the chart and the CSV alike (the window label already says its zone).
  const timezone = deps.runtime.config.timezone;
  const chartData = answer.chart ? buildChartData(answer.chart, answer.columns, answer.rows, timezone) : null;
  const catalog = await deps.runtime.catalog(principal);
  const single = singleValueOf(answer, catalog);
  return {
    requestId,
    answer: answer.answer,
    sql: answer.sql,
    source: answer.source,
    columns: answer.columns,
    rows: answer.rows,
    truncated: answer.truncated,
    decision: answer.decision,
    auditSeq: answer.auditSeq,
    ...(answer.window ? { window: answer.window } : {}),
    notes: answer.notes,
    ...(answer.method ? { method: answer.method } : {}),
    answeredBy: answer.answeredBy,
    ...(answer.candidates ? { candidates: answer.candidates } : {}),
    ...(answer.choices ? { choices: answer.choices } : {}),
    ...(answer.grounding ? { grounding: answer.grounding } : {}),
    ...(answer.modelRun ? { modelRun: answer.modelRun } : {}),
    ...(answer.partial ? { partial: true } : {}),
    resultId,
    chartData,
    categoryChart: chartData ? null : buildCategoryChart(answer.columns, answer.rows),
    display: columnDisplays(answer.columns, answer.rows, chartUnits(answer.chart)),
    timezone,
    ...(single ? { singleValue: single } : {}),
    names: tagNames(
      catalog,
      [answer.answer, ...(answer.choices ?? []).map((c) => c.label), ...(answer.chart?.series ?? []).map((s) => s.label)],
      answer.rows,
    ),
    ...(verified
      ? {
          verified: {
            id: verified.id,
            question: verified.question,
            by: verified.verifiedByName,
            at: verified.verifiedAt,
            evidence: verified.evidence,
          },
        }
      : {}),
  };
}

/** Counts one guard decision for /metrics (allow has no rule). */
export function countDecision(deps: AppDeps, decision: { kind: string; rule?: string | undefined }): void {
  deps.metrics.inc('otq_decisions_total', { kind: decision.kind, rule: decision.rule ?? '' });
}
