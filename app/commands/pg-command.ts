// `otq pg grant`: prints the reader-role SQL, or runs it against an admin URL with --apply (passwords only from environment variables).
import { parseCommandArgs } from '../../core/cli-args.ts';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { applyPgGrant } from '../../connectors/postgres/pg-grant-apply.ts';
import { pgGrantSql, sampleReaderTables, type PgGrantOptions } from '../../connectors/postgres/pg-grant.ts';

const usage =
  'otq pg grant --role R [--schema S] [--tables a,b,c] [--password-env VAR] [--statement-timeout-ms N] [--restrict-public] [--apply URL]\n' +
  '  --apply URL: run it as the admin in URL (admin password from PGPASSWORD, never on the command line)';

/** Runs `otq pg <sub-command>`; returns the exit code. */
export async function pgCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'grant') throw new OtqError('USAGE', `unknown pg sub-command "${sub ?? ''}"\nusage: ${usage}`);
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      role: { type: 'string' },
      schema: { type: 'string' },
      tables: { type: 'string' },
      'password-env': { type: 'string' },
      'statement-timeout-ms': { type: 'string' },
      'restrict-public': { type: 'boolean' },
      apply: { type: 'string' },
    },
    usage,
  );
  if (positionals.length > 0)
    throw new OtqError(
      'USAGE',
      `unexpected argument "${positionals[0]}"; a password never goes on the command line, use --password-env VAR\nusage: ${usage}`,
    );
  if (!values.role) throw new OtqError('USAGE', `--role is required, e.g. --role otq_reader\nusage: ${usage}`);
  const options: PgGrantOptions = {
    role: values.role,
    schema: values.schema ?? 'historian',
    tables: values.tables
      ? values.tables
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '')
      : sampleReaderTables,
    restrictPublic: values['restrict-public'] === true,
  };
  if (values['statement-timeout-ms'] !== undefined) {
    const ms = Number(values['statement-timeout-ms']);
    if (!Number.isInteger(ms) || ms <= 0)
      throw new OtqError('USAGE', `--statement-timeout-ms must be a positive integer, got "${values['statement-timeout-ms']}"`);
    options.statementTimeoutMs = ms;
  }
  const passwordEnv = values['password-env'];
  if (passwordEnv !== undefined) {
    const password = env[passwordEnv];
    if (!password) throw new OtqError('USAGE', `environment variable ${passwordEnv} (--password-env) is empty or not set`);
    if (values.apply === undefined)
      throw new OtqError(
        'USAGE',
        '--password-env only works with --apply: the printed SQL never contains a password (set it with \\password in psql)',
      );
    options.password = password;
  }
  if (values.apply === undefined) {
    io.out(pgGrantSql(options));
    return 0;
  }
  io.out(await applyPgGrant(values.apply, options));
  return 0;
}
