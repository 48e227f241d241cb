// Wires report runner and scheduler to a runtime: the same path for `otq report run` and the schedule.
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../runtime.ts';
import { createEgress, type Egress } from '../bots/egress.ts';
import { runReport } from './report-runner.ts';
import { createReportScheduler, type ReportScheduler, type Timers } from './report-scheduler.ts';
import { createRunClaims } from './run-claims.ts';

export interface ReportServiceOptions {
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  timers?: Timers;
  egress?: Egress;
  stateFile?: string;
  /** Where instances claim scheduled runs (default: `report-claims/` beside the audit directory, which they share). */
  claimsDir?: string;
  retryBaseMs?: number;
  onError?: (name: string, error: unknown) => void;
}

export function createReportService(runtime: Runtime, options: ReportServiceOptions = {}): ReportScheduler {
  const clock = options.clock ?? (() => new Date());
  const egress = options.egress ?? createEgress({ allowedHosts: runtime.config.egress.allowedHosts });
  const runnerDeps = {
    runtime,
    egress,
    clock,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    newRequestId: randomUUID,
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
  };
  return createReportScheduler(runtime.config.reports, {
    audit: runtime.audit,
    clock,
    timezone: runtime.config.timezone,
    stateFile: options.stateFile ?? join(dirname(runtime.config.audit.dir), 'reports-state.json'),
    claims: createRunClaims(options.claimsDir ?? join(dirname(runtime.config.audit.dir), 'report-claims'), clock),
    run: (definition, trigger, runFor) => runReport(runnerDeps, definition, trigger, runFor),
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
