/* eslint-disable @typescript-eslint/require-await -- fakes implement async interfaces with synchronous bodies */
// A Runtime for the UI tests: the real guarded-SQL path over an in-memory connector, guard and audit log that implement the real interfaces.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditKind, AuditLog, AuditRecord } from '../../audit/audit-record.ts';
import type { Answer, AskRequest } from '../../agent/answer.ts';
import { configSchema, type OtqConfig } from '../../app/config/config-schema.ts';
import { runGuardedSql } from '../../agent/guarded-sql.ts';
import type { AppRuntime } from '../../app/create-runtime.ts';
import type { Cell, Connector, QueryResult, SourceDescription } from '../../connectors/connector.ts';
import type { Principal } from '../../core/principal.ts';
import type { Decision, Guard } from '../../policies/decision.ts';
import type { AuditReader } from '../../ui/app-env.ts';

/** Start of the sample series: 2026-03-01T00:00:00Z, one row per minute. */
export const SERIES_START_MS = Date.UTC(2026, 2, 1);

export interface FakeRuntime extends AppRuntime {
  readonly records: AuditRecord[];
  readonly auditReader: AuditReader;
  /** Questions seen by ask(), with their history length. */
  readonly asked: { question: string; historyLength: number; channel: string }[];
}

export interface FakeRuntimeOptions {
  server?: Partial<OtqConfig['server']>;
  /** Rows of the flow series (default 120). */
  seriesRows?: number;
}

const description: SourceDescription = {
  name: 'historian',
  dialect: 'duckdb',
  tables: [
    {
      name: 'samples',
      kind: 'table',
      columns: [
        { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
        { name: 'flow_m3h', type: 'DOUBLE' },
        { name: 'pressure_bar', type: 'DOUBLE' },
      ],
    },
    { name: 'shift_log', kind: 'table', columns: [{ name: 'note', type: 'VARCHAR' }] },
  ],
  tags: [
    { id: 1, name: 'BPS03.P1.FLOW', description: 'Pump 1 discharge flow', unit: 'm³/h' },
    { id: 2, name: 'BPS03.P1.PRESSURE', description: 'Pump 1 discharge pressure', unit: 'bar' },
  ],
};

export function seriesRows(count: number): Cell[][] {
  return Array.from({ length: count }, (_, i) => [
    new Date(SERIES_START_MS + i * 60_000).toISOString(),
    100 + 20 * Math.sin(i / 10),
    4 + (i % 7) / 10,
  ]);
}

function createMemoryConnector(rows: number): Connector {
  return {
    name: 'historian',
    dialect: 'duckdb',
    describe: async () => description,
    async query(sql): Promise<QueryResult> {
      if (/boom/i.test(sql)) throw new Error('engine exploded at /secret/path');
      const data = seriesRows(rows);
      return {
        columns: [
          { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
          { name: 'flow_m3h', type: 'DOUBLE' },
          { name: 'pressure_bar', type: 'DOUBLE' },
        ],
        rows: data,
        truncated: false,
        bytes: JSON.stringify(data).length,
        durationMs: 1,
      };
    },
    close: async () => {},
  };
}

/** Denies shift_log and verify_answer (for everyone but supervisors) and audit_read and metrics_read (for everyone but auditors); allows the rest. */
function createTableGuard(): Guard {
  return {
    bundleHash: 'f'.repeat(64),
    async check(principal, call): Promise<Decision> {
      if (call.tool === 'audit_read') {
        return principal.roles.includes('auditor')
          ? { kind: 'allow' }
          : { kind: 'deny', rule: 'audit.read', reason: 'only the auditor role may read the audit log' };
      }
      if (call.tool === 'metrics_read') {
        return principal.roles.includes('auditor')
          ? { kind: 'allow' }
          : { kind: 'deny', rule: 'tool.not-granted', reason: `your role ${principal.roles.join(', ')} may not use the tool metrics_read` };
      }
      if (call.tool === 'verify_answer') {
        return principal.roles.includes('supervisor')
          ? { kind: 'allow' }
          : { kind: 'deny', rule: 'tools.verify_answer', reason: `role ${principal.roles.join(', ')} may not verify answers` };
      }
      const sql = typeof call.args['sql'] === 'string' ? call.args['sql'] : '';
      if (/shift_log/i.test(sql) && !principal.roles.includes('supervisor')) {
        return {
          kind: 'deny',
          rule: 'tables.shift_log',
          reason: `the table shift_log is not available to role ${principal.roles.join(', ')}`,
        };
      }
      return { kind: 'allow', tables: ['samples'] };
    },
    filterDescription: (_principal, d) => d,
  };
}

function createMemoryAudit(records: AuditRecord[]): AuditLog {
  return {
    async record(kind: AuditKind, context, payload) {
      const record: AuditRecord = {
        seq: records.length + 1,
        ts: new Date().toISOString(),
        prev: '0'.repeat(64),
        kind,
        ...context,
        payload,
        hash: String(records.length + 1).padStart(64, '0'),
      };
      records.push(record);
      return record;
    },
    close: async () => {},
  };
}

export function createFakeRuntime(options: FakeRuntimeOptions = {}): FakeRuntime {
  const config = configSchema.parse({
    server: { host: '127.0.0.1', port: 0, ...options.server },
    users: {
      engineer: { roles: ['engineer'], displayName: 'Eve Engineer' },
      auditor: { roles: ['auditor'] },
      supervisor: { roles: ['supervisor'] },
    },
    sources: { historian: { engine: 'duckdb', file: '/nonexistent/historian.duckdb' } },
    // Only the verified answers file lands beside this directory (the audit log itself is in memory).
    audit: { dir: join(tmpdir(), `otq-fake-${randomUUID()}`, 'audit') },
  });
  const records: AuditRecord[] = [];
  const audit = createMemoryAudit(records);
  const connector = createMemoryConnector(options.seriesRows ?? 120);
  const connectors = new Map([['historian', connector]]);
  const guard = createTableGuard();
  const asked: FakeRuntime['asked'] = [];
  const principalFor = (id: string): Principal | undefined => {
    const user = config.users[id];
    return user ? { id, roles: user.roles, ...(user.displayName ? { displayName: user.displayName } : {}) } : undefined;
  };
  const runtime: FakeRuntime = {
    loaded: { config, path: null, baseDir: '/tmp', sha256: '0'.repeat(64) },
    config,
    descriptions: [],
    connectors,
    guard,
    audit,
    records,
    asked,
    principalFor,
    runSql: (principal, context, request) => runGuardedSql({ connectors, guard, audit }, principal, context, request),
    async ask(request: AskRequest): Promise<Answer> {
      asked.push({ question: request.question, historyLength: request.history?.length ?? 0, channel: request.channel });
      const context = { principal: request.principal.id, channel: request.channel, requestId: request.requestId };
      const sql = /shift/i.test(request.question)
        ? 'SELECT * FROM shift_log'
        : 'SELECT ts, flow_m3h, pressure_bar FROM samples ORDER BY ts';
      request.onProgress?.({ kind: 'planning', message: 'matched a tag history question' });
      request.onProgress?.({ kind: 'tool_call', tool: 'run_sql', args: { source: 'historian', sql } });
      const outcome = await runtime.runSql(request.principal, context, { source: 'historian', sql, tool: 'quick_planner' });
      const base = { sql, source: 'historian', notes: [], answeredBy: 'quick-planner' as const };
      if (outcome.kind === 'denied') {
        request.onProgress?.({ kind: 'decision', decision: outcome.decision });
        return {
          ...base,
          answer: `I cannot answer that: ${outcome.decision.reason}.`,
          columns: [],
          rows: [],
          truncated: false,
          decision: outcome.decision,
          auditSeq: outcome.auditSeq,
        };
      }
      request.onProgress?.({ kind: 'rows', source: 'historian', rowCount: outcome.result.rows.length, truncated: false });
      return {
        ...base,
        answer: 'Pump 1 flow averaged 100.2 m³/h at 4.3 bar.',
        columns: outcome.result.columns,
        rows: outcome.result.rows,
        truncated: false,
        decision: { kind: 'allow' },
        auditSeq: outcome.auditSeq,
        window: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T02:00:00Z', timezone: 'UTC', label: 'the first two hours of 1 March 2026' },
        chart: {
          kind: 'line',
          x: 'ts',
          series: [
            { column: 'flow_m3h', label: 'Flow', unit: 'm³/h' },
            { column: 'pressure_bar', label: 'Pressure', unit: 'bar' },
          ],
        },
        notes: ['3 samples had bad quality and were left out'],
      };
    },
    catalog: async (principal) => [guard.filterDescription(principal, description)],
    close: async () => {},
    auditReader: {
      read: async (query) =>
        records
          .filter((r) => (!query.kind || r.kind === query.kind) && (!query.user || r.principal === query.user))
          .slice(-(query.limit ?? 200)),
      verify: async () => ({ ok: true, records: records.length }),
    },
  };
  return runtime;
}
