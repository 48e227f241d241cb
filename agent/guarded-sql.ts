// The one path from any channel or tool to a connector: guard, audit, query, audit. There is no side door.
import { createHash } from 'node:crypto';
import type { AuditContext, AuditKind, AuditLog, AuditRecord } from '../audit/audit-record.ts';
import { maskQuotedValues } from '../audit/mask-values.ts';
import type { Connector, QueryResult } from '../connectors/connector.ts';
import { OtqError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import type { Principal } from '../core/principal.ts';
import type { Decision, Guard, RunSqlArgs } from '../policies/decision.ts';

export interface GuardedSqlDeps {
  connectors: ReadonlyMap<string, Connector>;
  guard: Guard;
  audit: AuditLog;
}

export interface GuardedSqlRequest extends RunSqlArgs {
  /** The agent tool that asked (run_sql, tag_history, quick_planner, ...); recorded in the tool_call record. */
  tool?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Where a call's time went, in milliseconds (the `/api/sql` route sends it as a Server-Timing header). */
export interface GuardedSqlTiming {
  /** The guard's decision (parse, policy, rewrite). */
  guard: number;
  /** The connector call: waiting for a connection, then prepare, execute and fetch. */
  query: number;
  /** sha256 of the returned rows. */
  hash: number;
  /** Making the call's records (masking, canonical JSON, SHA-256, Merkle leaf), before they are written. */
  record: number;
  /** The one durable wait: from the last record enqueued until every record of the call is written, fsynced and signed. */
  audit: number;
}

export type GuardedSqlOutcome =
  | { kind: 'denied'; decision: Extract<Decision, { kind: 'deny' }>; auditSeq: number[]; timing?: GuardedSqlTiming }
  | {
      kind: 'ok';
      decision: Exclude<Decision, { kind: 'deny' }>;
      /** The SQL that actually ran (after rewrites). */
      sql: string;
      source: string;
      result: QueryResult;
      /** sha256 of the canonical JSON of the returned rows, as recorded in `data_access`. */
      resultSha256: string;
      notes: string[];
      auditSeq: number[];
      timing?: GuardedSqlTiming;
    };

/**
 * Runs one SQL statement for a principal: records the tool call, asks the guard, records its decision,
 * and only on allow/rewrite runs the (possibly rewritten) statement and records the data access.
 * A failing query is recorded too (data_access with the error) before the error propagates.
 *
 * One durable wait per call: the tool_call and policy_decision records are enqueued (their order and seq are
 * fixed at once) without waiting for their commit, so the guard and the query run while they are written.
 * Before anything reaches the caller (rows, a denial, an error) every record of the call is awaited: the log
 * commits batches in order, so that wait is the last record's fsync and signed head, and nothing is returned
 * that is not durably recorded and under a signature.
 */
export async function runGuardedSql(
  deps: GuardedSqlDeps,
  principal: Principal,
  context: AuditContext,
  request: GuardedSqlRequest,
): Promise<GuardedSqlOutcome> {
  const tool = request.tool ?? 'run_sql';
  const written: Promise<AuditRecord>[] = [];
  const timing: GuardedSqlTiming = { guard: 0, query: 0, hash: 0, record: 0, audit: 0 };
  let mark = performance.now();
  /** Milliseconds since the previous lap, without the time spent making records. */
  const lap = (): number => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const record = (kind: AuditKind, payload: JsonObject): void => {
    const before = performance.now();
    const pending = deps.audit.record(kind, context, payload);
    pending.catch(() => undefined);
    written.push(pending);
    const spent = performance.now() - before;
    timing.record += spent;
    mark += spent;
  };
  /** Waits until every record of this call is durable; their seqs, in order. */
  const recorded = async (): Promise<number[]> => (await Promise.all(written)).map((r) => r.seq);
  /** Before an error reaches the caller, the records already made must be durable too (a failed log wins). */
  const failWith = async (error: unknown): Promise<never> => {
    await recorded();
    throw error;
  };

  const call = { tool: 'run_sql', args: { source: request.source, sql: request.sql } };
  record('tool_call', { tool, args: call.args });
  let decision: Decision;
  try {
    decision = await deps.guard.check(principal, call);
  } catch (error) {
    return failWith(error);
  }
  timing.guard = lap();
  record('policy_decision', {
    tool,
    decision: decision.kind,
    rule: decision.kind === 'allow' ? null : decision.rule,
    reason: decision.kind === 'allow' ? null : decision.reason,
    policyBundle: deps.guard.bundleHash,
  });
  if (decision.kind === 'deny') {
    const auditSeq = await recorded();
    timing.audit = lap();
    return { kind: 'denied', decision, auditSeq, timing };
  }

  const finalArgs =
    decision.kind === 'rewrite' ? (decision.call.args as unknown as RunSqlArgs) : { source: request.source, sql: request.sql };
  const connector = deps.connectors.get(finalArgs.source);
  if (!connector)
    return failWith(
      new OtqError('SOURCE_UNKNOWN', `unknown source "${finalArgs.source}"; known sources: ${[...deps.connectors.keys()].join(', ')}`),
    );
  const tables = decision.tables ?? [];
  const started = performance.now();
  let result: QueryResult;
  try {
    result = await connector.query(finalArgs.sql, {
      principal: principal.id,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    });
  } catch (error) {
    const code = error instanceof OtqError ? error.code : 'QUERY_FAILED';
    // For a row-filtered or column-restricted principal the engine's text may quote what the filter hides: it goes
    // to the audit log with its values masked, and the user gets the request id to ask an administrator about.
    const confidential = decision.kind === 'rewrite' && decision.confidentialErrors === true && code === 'QUERY_FAILED';
    const message = (error as Error).message;
    record('data_access', {
      source: finalArgs.source,
      sql: finalArgs.sql,
      tables,
      rowCount: 0,
      bytes: 0,
      resultSha256: null,
      durationMs: Math.round(performance.now() - started),
      truncated: false,
      error: { code, message: confidential ? maskQuotedValues(message) : message, ...(confidential ? { masked: true } : {}) },
    });
    if (confidential)
      return failWith(
        new OtqError(
          'QUERY_FAILED',
          `the query failed in source ${finalArgs.source}; the database's message is withheld because your role reads only part of this data (request id ${context.requestId}: an administrator finds the cause in the audit log). Check casts and divisions in the query`,
          { details: { requestId: context.requestId } },
        ),
      );
    return failWith(error);
  }
  timing.query = lap();
  // A result exactly as long as the LIMIT the guard appended may have been cut there: say so, as for the connector's own cap.
  if (decision.kind === 'rewrite' && decision.rowLimit !== undefined && !result.truncated && result.rows.length >= decision.rowLimit)
    result = { ...result, truncated: true, truncatedBy: 'rows' };
  const resultSha256 = hashRows(result);
  timing.hash = lap();
  record('data_access', {
    source: finalArgs.source,
    sql: finalArgs.sql,
    tables,
    rowCount: result.rows.length,
    bytes: result.bytes,
    resultSha256,
    durationMs: result.durationMs,
    truncated: result.truncated,
  });
  const auditSeq = await recorded();
  timing.audit = lap();
  const notes: string[] = [];
  // The row cap is worth a note only when it was hit; row filters, hidden columns and the look-back window always are.
  if (decision.kind === 'rewrite') notes.push(...(decision.scopeNotes ?? [decision.reason]));
  if (result.truncated) notes.push(`the result was truncated at ${result.rows.length} rows (${result.truncatedBy ?? 'rows'} cap)`);
  return { kind: 'ok', decision, sql: finalArgs.sql, source: finalArgs.source, result, resultSha256, notes, auditSeq, timing };
}

/** sha256 over the JSON of {columns, rows} exactly as returned to the user; anyone can recompute it from a JSON answer. */
export function hashRows(result: Pick<QueryResult, 'columns' | 'rows'>): string {
  return createHash('sha256')
    .update(JSON.stringify({ columns: result.columns.map((c) => c.name), rows: result.rows }))
    .digest('hex');
}
