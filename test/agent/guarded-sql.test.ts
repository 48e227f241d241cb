// Guarded SQL waits once per call: the guard and the query run while tool_call and policy_decision are written, and nothing returns before all are durable.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runGuardedSql, type GuardedSqlDeps } from '../../agent/guarded-sql.ts';
import type { AuditContext, AuditKind, AuditLog, AuditRecord } from '../../audit/audit-record.ts';
import { createFileAuditLog, type FileAuditLog } from '../../audit/file-audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import type { Connector, QueryResult } from '../../connectors/connector.ts';
import { OtqError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { Principal } from '../../core/principal.ts';
import type { Decision, Guard } from '../../policies/decision.ts';
import { tempLogDir } from '../audit/helpers.ts';

const ALICE: Principal = { id: 'alice', roles: ['engineer'] };
const CONTEXT: AuditContext = { principal: 'alice', channel: 'web', requestId: 'q1' };
const RESULT: QueryResult = { columns: [{ name: 'n', type: 'INTEGER' }], rows: [[1]], truncated: false, bytes: 5, durationMs: 1 };

/** An audit log whose records become durable only when the test commits them; `events` shows the order of things. */
function manualAudit(events: string[]) {
  const pending: { kind: AuditKind; commit: () => void; fail: (e: Error) => void }[] = [];
  let seq = 0;
  const log: AuditLog = {
    record(kind: AuditKind, context: AuditContext, payload: JsonObject) {
      const record = { seq: ++seq, kind, ...context, payload } as unknown as AuditRecord;
      events.push(`enqueue ${kind}`);
      return new Promise<AuditRecord>((resolve, reject) => {
        pending.push({
          kind,
          commit: () => {
            events.push(`durable ${kind}`);
            resolve(record);
          },
          fail: reject,
        });
      });
    },
    close: () => Promise.resolve(),
  };
  const commitAll = () => pending.splice(0).forEach((p) => p.commit());
  return { log, pending, commitAll };
}

function deps(audit: AuditLog, events: string[], decision: Decision = { kind: 'allow', tables: ['t'] }, fail?: Error): GuardedSqlDeps {
  const guard: Guard = {
    bundleHash: 'b'.repeat(64),
    check: () => {
      events.push('guard');
      return Promise.resolve(decision);
    },
    filterDescription: (_p, d) => d,
  };
  const connector: Connector = {
    name: 'plant',
    dialect: 'duckdb',
    describe: () => Promise.reject(new Error('not used')),
    query: () => {
      events.push('query');
      return fail ? Promise.reject(fail) : Promise.resolve(RESULT);
    },
    close: () => Promise.resolve(),
  };
  return { audit, guard, connectors: new Map([['plant', connector]]) };
}

/** Lets queued promise callbacks run (no timers involved). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('runGuardedSql', () => {
  it('runs the guard and the query while tool_call and policy_decision are being written, and returns rows only after all three are durable', async () => {
    const events: string[] = [];
    const audit = manualAudit(events);
    let done = false;
    const outcome = runGuardedSql(deps(audit.log, events), ALICE, CONTEXT, { source: 'plant', sql: 'SELECT 1' }).then((o) => {
      done = true;
      return o;
    });
    await settle();
    expect(events).toEqual(['enqueue tool_call', 'guard', 'enqueue policy_decision', 'query', 'enqueue data_access']);
    expect(done).toBe(false);
    audit.pending.slice(0, 2).forEach((p) => p.commit());
    await settle();
    expect(done).toBe(false);
    audit.commitAll();
    expect(await outcome).toMatchObject({ kind: 'ok', auditSeq: [1, 2, 3], result: { rows: [[1]] } });
  });

  it('returns a denial only once its records are durable, without running the query', async () => {
    const events: string[] = [];
    const audit = manualAudit(events);
    const outcome = runGuardedSql(deps(audit.log, events, { kind: 'deny', rule: 'tables.x', reason: 'no' }), ALICE, CONTEXT, {
      source: 'plant',
      sql: 'SELECT * FROM x',
    });
    await settle();
    audit.commitAll();
    expect(await outcome).toMatchObject({ kind: 'denied', auditSeq: [1, 2] });
    expect(events).toEqual(['enqueue tool_call', 'guard', 'enqueue policy_decision', 'durable tool_call', 'durable policy_decision']);
  });

  it('records a failing query and lets its error through only after the records are durable', async () => {
    const events: string[] = [];
    const audit = manualAudit(events);
    const failure = new OtqError('TIMEOUT', 'too slow');
    const outcome = runGuardedSql(deps(audit.log, events, { kind: 'allow' }, failure), ALICE, CONTEXT, {
      source: 'plant',
      sql: 'SELECT 1',
    });
    outcome.catch(() => undefined);
    await settle();
    expect(events.at(-1)).toBe('enqueue data_access');
    audit.commitAll();
    await expect(outcome).rejects.toBe(failure);
    expect(events.at(-1)).toBe('durable data_access');
  });

  it('returns no rows when the audit log cannot make the records durable', async () => {
    const events: string[] = [];
    const audit = manualAudit(events);
    const outcome = runGuardedSql(deps(audit.log, events), ALICE, CONTEXT, { source: 'plant', sql: 'SELECT 1' });
    outcome.catch(() => undefined);
    await settle();
    const broken = new OtqError('AUDIT_FAILED', 'disk full');
    audit.pending.forEach((p) => p.fail(broken));
    await expect(outcome).rejects.toBe(broken);
  });

  describe('with the file log', () => {
    let log: FileAuditLog | null = null;
    afterEach(async () => {
      await log?.close();
      if (log) await rm(dirname(log.dir), { recursive: true, force: true });
      log = null;
    });

    it('writes the three records in at most two batches, all under signed heads, and returns their seqs', async () => {
      log = await createFileAuditLog({ dir: await tempLogDir() });
      const events: string[] = [];
      const outcome = await runGuardedSql(deps(log, events), ALICE, CONTEXT, { source: 'plant', sql: 'SELECT 1' });
      expect(outcome.auditSeq).toHaveLength(3);
      expect(log.stats().fsyncs).toBeLessThanOrEqual(2);
      expect(await verifyAuditLog({ dir: log.dir })).toMatchObject({ ok: true, uncovered: 0 });
    });
  });
});
