// `otq report list` and `otq report run NAME`: the configured reports, and one run now through the scheduler's path.
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { parseCommandArgs } from '../../core/cli-args.ts';
import { openCliRuntime } from '../cli-runtime.ts';
import type { ReportRun } from '../../ui/reports/report-runner.ts';

export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'otq report list | otq report run NAME [--json]';
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
  const [action, name] = positionals;
  if (action !== 'list' && action !== 'run') throw new OtqError('USAGE', `usage: ${usage}`);
  if (action === 'run' && !name) throw new OtqError('USAGE', `missing report name\nusage: ${usage}`);
  const runtime = await openCliRuntime(values.config, { loadModel: action === 'run' });
  try {
    const { createReportService } = await import('../../ui/reports/create-report-service.ts');
    const { plantTime } = await import('../../ui/display-format.ts');
    const service = createReportService(runtime);
    if (action === 'list') {
      if (runtime.config.reports.length === 0) io.out('no reports configured (add them under reports: in otq.yaml)');
      for (const report of runtime.config.reports) {
        const next = service.nextRuns(report.name, 1)[0];
        const zone = report.timezone ?? runtime.config.timezone;
        io.out(
          `${report.name}  cron "${report.cron}" ${zone}  as ${report.user}  next ${next ? plantTime(next.getTime(), zone) : 'never'}  -> ${report.destinations.length} destination(s)`,
        );
      }
      return 0;
    }
    const run = await service.runNow(name!);
    if (values.json) io.out(JSON.stringify(run));
    else {
      io.out(`report ${run.name}: ${run.answer.answer}`);
      for (const warning of run.warnings) io.out(`warning: ${warning}`);
      for (const d of run.deliveries)
        io.out(`delivery ${d.destination}: ${d.ok ? 'ok' : `FAILED after ${d.attempts} attempts: ${d.error}`}`);
      io.out(`evidence: audit seq ${run.auditSeq}`);
    }
    return reportExitCode(run);
  } finally {
    await runtime.close();
  }
}

/** 3 when the report was denied by policy, 1 when it could not be produced or a delivery failed, else 0. */
export function reportExitCode(run: ReportRun): number {
  if (run.answer.decision?.kind === 'deny') return 3;
  const produced = run.answer.decision !== null || run.answer.columns.length > 0;
  return produced && run.deliveries.every((d) => d.ok) ? 0 : 1;
}
