// Runs one report as its principal (guarded, audited), renders it, and delivers it with retries.
import { createHash } from 'node:crypto';
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { answerWithoutData, type Answer } from '../../agent/answer.ts';
import { answerFromSqlOutcome } from '../../agent/sql-answer.ts';
import { hashRows } from '../../agent/guarded-sql.ts';
import type { Runtime } from '../runtime.ts';
import type { AuditContext } from '../../audit/audit-record.ts';
import { OtqError } from '../../core/errors.ts';
import { askSafely } from '../bots/ask-safely.ts';
import type { Egress } from '../bots/egress.ts';
import type { ReportDefinition, ReportDestination } from './report-config.ts';
import { renderCsv, renderHtml, renderMarkdown, type ReportContent } from './render-report.ts';

export interface ReportRunnerDeps {
  runtime: Runtime;
  egress: Egress;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  newRequestId: () => string;
  /** First retry delay; doubles each attempt. */
  retryBaseMs?: number;
}

export type ReportTrigger = 'schedule' | 'manual' | 'missed';

export interface DeliveryOutcome {
  destination: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface ReportRun {
  name: string;
  trigger: ReportTrigger;
  runFor: string;
  answer: Answer;
  warnings: string[];
  deliveries: DeliveryOutcome[];
  auditSeq: number;
}

/** sha256 of the definition's canonical JSON (sorted keys), so an auditor can tell which version ran. */
export function definitionSha256(definition: ReportDefinition): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(sorted(definition)))
    .digest('hex');
}

export async function runReport(
  deps: ReportRunnerDeps,
  definition: ReportDefinition,
  trigger: ReportTrigger,
  runFor: Date = deps.clock(),
): Promise<ReportRun> {
  const { runtime } = deps;
  const principal = runtime.principalFor(definition.user);
  if (!principal) throw new OtqError('CONFIG_INVALID', `report ${definition.name} runs as unknown user "${definition.user}"`);
  const requestId = deps.newRequestId();
  const context: AuditContext = { principal: principal.id, channel: 'schedule', requestId };
  const answer = definition.question
    ? await askSafely(runtime, { principal, question: definition.question, channel: 'schedule', requestId, now: runFor })
    : await sqlAnswer(runtime, principal, context, definition);

  const warnings: string[] = [];
  if (answer.decision?.kind === 'deny')
    warnings.push(`The report was denied by policy (${answer.decision.rule}): ${answer.decision.reason}`);
  else if (answer.decision === null && answer.columns.length === 0) warnings.push(`The report could not be produced: ${answer.answer}`);
  else if (answer.rows.length === 0) warnings.push('The report returned no rows.');
  const stale = await staleness(runtime, principal, context, definition, runFor);
  if (stale) warnings.push(stale);

  const content: ReportContent = {
    name: definition.name,
    runFor: runFor.toISOString(),
    answer,
    warnings,
    timezone: definition.timezone ?? runtime.config.timezone,
  };
  const deliveries: DeliveryOutcome[] = [];
  for (const destination of definition.destinations) deliveries.push(await deliver(deps, definition, destination, content));

  const record = await runtime.audit.record('report', context, {
    event: 'run',
    report: definition.name,
    trigger,
    runFor: content.runFor,
    definitionSha256: definitionSha256(definition),
    sql: answer.sql,
    source: answer.source,
    rowCount: answer.rows.length,
    resultSha256: hashRows(answer),
    evidence: answer.auditSeq,
    warnings,
    deliveries: deliveries.map((d) => ({ ...d })),
  });
  return { name: definition.name, trigger, runFor: content.runFor, answer, warnings, deliveries, auditSeq: record.seq };
}

async function sqlAnswer(
  runtime: Runtime,
  principal: NonNullable<ReturnType<Runtime['principalFor']>>,
  context: AuditContext,
  definition: ReportDefinition,
): Promise<Answer> {
  const asked = { source: definition.source!, sql: definition.sql! };
  try {
    return answerFromSqlOutcome(await runtime.runSql(principal, context, { ...asked, tool: 'report' }), asked);
  } catch (error) {
    return answerWithoutData(`The query failed: ${(error as Error).message}`, asked);
  }
}

/** A warning when the newest sample of the report's source is older than `staleAfterMinutes` (checked through the guard too). */
async function staleness(
  runtime: Runtime,
  principal: NonNullable<ReturnType<Runtime['principalFor']>>,
  context: AuditContext,
  definition: ReportDefinition,
  runFor: Date,
): Promise<string | null> {
  if (!definition.staleAfterMinutes) return null;
  const sourceName = definition.source ?? [...runtime.connectors.keys()].find((name) => runtime.config.sources[name]?.historian);
  const mapping = sourceName ? runtime.config.sources[sourceName]?.historian : undefined;
  if (!sourceName || !mapping) return null;
  const outcome = await runtime
    .runSql(principal, context, {
      source: sourceName,
      sql: `SELECT max(${mapping.samples.time}) AS latest FROM ${mapping.samples.table}`,
      tool: 'report_freshness',
    })
    .catch(() => null);
  if (!outcome || outcome.kind !== 'ok') return 'Data freshness could not be checked.';
  const latest = outcome.result.rows[0]?.[0];
  const latestMs = typeof latest === 'string' ? Date.parse(latest) : NaN;
  const ageMin = (runFor.getTime() - latestMs) / 60_000;
  if (Number.isNaN(latestMs) || ageMin > definition.staleAfterMinutes) {
    return `Stale data: the newest sample is from ${typeof latest === 'string' ? latest : 'never'}, ${Number.isNaN(ageMin) ? '' : `${Math.round(ageMin)} minutes `}before this run (expected within ${definition.staleAfterMinutes} minutes).`;
  }
  return null;
}

async function deliver(
  deps: ReportRunnerDeps,
  definition: ReportDefinition,
  destination: ReportDestination,
  content: ReportContent,
): Promise<DeliveryOutcome> {
  const label =
    'folder' in destination ? `folder:${destination.folder}` : Object.entries(destination).map(([k, v]) => `${k}:${new URL(v).host}`)[0]!;
  const attempts = definition.retries + 1;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await deliverOnce(deps, definition, destination, content);
      return { destination: label, ok: true, attempts: attempt };
    } catch (error) {
      lastError = (error as Error).message;
      if (error instanceof OtqError && error.code === 'EGRESS_REFUSED') break;
      if (attempt < attempts) await deps.sleep((deps.retryBaseMs ?? 1000) * 2 ** (attempt - 1));
    }
  }
  return { destination: label, ok: false, attempts, error: lastError };
}

async function deliverOnce(
  deps: ReportRunnerDeps,
  definition: ReportDefinition,
  destination: ReportDestination,
  content: ReportContent,
): Promise<void> {
  if ('folder' in destination) {
    await mkdir(destination.folder, { recursive: true });
    const stamp = content.runFor.replace(/[:.]/g, '-');
    const files: Record<string, string> = {
      csv: renderCsv(content),
      markdown: renderMarkdown(content),
      html: renderHtml(content),
    };
    const ext: Record<string, string> = { csv: 'csv', markdown: 'md', html: 'html' };
    for (const format of definition.formats) {
      const path = join(destination.folder, `${definition.name}-${stamp}.${ext[format]}`);
      await writeFile(`${path}.tmp`, files[format]!);
      await rename(`${path}.tmp`, path);
    }
    return;
  }
  if ('mattermost' in destination) return deps.egress.postJson(destination.mattermost, { text: renderMarkdown(content, 20) });
  if ('teams' in destination) return deps.egress.postJson(destination.teams, { type: 'message', text: renderMarkdown(content, 20) });
  return deps.egress.postJson(destination.webhook, {
    report: content.name,
    runFor: content.runFor,
    warnings: content.warnings,
    answer: content.answer.answer,
    sql: content.answer.sql,
    columns: content.answer.columns,
    rows: content.answer.rows,
    truncated: content.answer.truncated,
    auditSeq: content.answer.auditSeq,
    ...(definition.formats.includes('csv') ? { csv: renderCsv(content) } : {}),
  });
}
