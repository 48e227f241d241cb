// `otq samples --to postgres URL`: simulates the sample plant and loads it into a PostgreSQL schema.
import { parseCommandArgs } from '../../core/cli-args.ts';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { loadSamplesToPostgres, type LoadSamplesOptions } from '../../data-samples/pg-samples.ts';
import { safeTarget } from '../../connectors/postgres/pg-errors.ts';

const usage =
  'otq samples --to postgres URL [--schema historian] [--days N] [--seed N] [--end YYYY-MM-DD] [--replace]\n  (admin password from PGPASSWORD, never in the URL on a command line)';

/** Runs the command; returns the exit code. */
export async function pgSamplesCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      to: { type: 'string' },
      schema: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
      replace: { type: 'boolean' },
    },
    usage,
  );
  if (values.to !== 'postgres') throw new OtqError('USAGE', `--to must be "postgres"\nusage: ${usage}`);
  const url = positionals[0];
  if (!url || !/^postgres(ql)?:\/\//.test(url) || positionals.length > 1)
    throw new OtqError('USAGE', `give exactly one postgres:// URL after --to postgres\nusage: ${usage}`);
  if (new URL(url).password !== '')
    throw new OtqError(
      'USAGE',
      'the URL contains a password; remove it and set PGPASSWORD instead (command lines are visible to other users)',
    );
  const options: LoadSamplesOptions = { url, schema: values.schema ?? 'historian', replace: values.replace === true };
  if (values.days !== undefined) options.days = integer('--days', values.days);
  if (values.seed !== undefined) options.seed = integer('--seed', values.seed);
  if (values.end !== undefined) {
    const end = new Date(values.end);
    if (Number.isNaN(end.getTime())) throw new OtqError('USAGE', `--end must be an ISO date such as 2026-11-01, got "${values.end}"`);
    options.end = end;
  }
  io.err(`loading the sample plant into ${safeTarget(url)} schema ${options.schema} ...`);
  const report = await loadSamplesToPostgres(options);
  const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
  const perTable = Object.entries(report.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  io.out(
    `loaded ${total} rows into schema ${report.schema} in ${(report.durationMs / 1000).toFixed(1)} s (${perTable}; ${report.partitions} monthly partitions of samples)`,
  );
  return 0;
}

function integer(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new OtqError('USAGE', `${flag} must be an integer, got "${text}"`);
  return value;
}
