// `otq serve` (what `npm start` runs): builds the runtime, serves the web UI and API until SIGINT/SIGTERM.
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { parseCommandArgs } from '../../core/cli-args.ts';
import { openCliRuntime } from '../cli-runtime.ts';

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { host: { type: 'string' }, port: { type: 'string' } }, 'otq serve [--host H] [--port N]');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new OtqError('USAGE', `--port must be 0-65535, got "${values.port}"`);
  const runtime = await openCliRuntime(values.config);
  // What the planner will understand of each source, on one screen (as `otq connect --check` prints it).
  const { summarizeSource } = await import('../connect/source-summary.ts');
  for (const description of runtime.descriptions) {
    const connector = runtime.connectors.get(description.name);
    if (connector) for (const line of await summarizeSource(connector, description)) io.err(`otq: ${line}`);
  }
  const { startServer } = await import('../../ui/start-server.ts');
  let server: { url: string; close(): Promise<void> };
  try {
    server = await startServer(runtime, {
      host: values.host ?? runtime.config.server.host,
      port: port ?? runtime.config.server.port,
      ...(runtime.config.server.rateLimit ? { rateLimit: runtime.config.server.rateLimit } : {}),
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const { createReportService } = await import('../../ui/reports/create-report-service.ts');
  const reports =
    runtime.config.reports.length > 0
      ? createReportService(runtime, { onError: (name, error) => io.err(`otq: report ${name}: ${String(error)}`) })
      : null;
  await reports?.start();
  io.out(`otq is ready on ${server.url} (user ${runtime.config.defaultUser}; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.err('otq: shutting down');
  reports?.stop();
  await reports?.idle();
  await server.close();
  await runtime.close();
  return 0;
}
