// `otq pg grant`: prints the reader-role SQL, or runs it against an admin URL with --apply (passwords only from environment variables).
import pg from 'pg';
import { parseCommandArgs } from '../../agent/cli/cli-args.ts';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { toConnectorError } from './pg-errors.ts';
import { pgGrantSql, sampleReaderTables, type PgGrantOptions } from './pg-grant.ts';

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
  await applyGrant(values.apply, options, io);
  return 0;
}

/** Runs the grant script in one transaction as the admin in `url`, then reads back what the role can do. */
export async function applyGrant(url: string, options: PgGrantOptions, io: CliIo): Promise<void> {
  const label = `pg grant (${safeTarget(url)})`;
  const client = new pg.Client({ connectionString: url, application_name: 'otq:pg-grant' });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`BEGIN;\n${pgGrantSql(options)}COMMIT;`);
    const check = await client.query<{ rolsuper: boolean; memberships: number; tables: string[] }>(
      `SELECT r.rolsuper, (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships,
              ARRAY(SELECT table_name::text FROM information_schema.role_table_grants g
                     WHERE g.grantee = r.rolname AND g.privilege_type = 'SELECT' ORDER BY 1) AS tables
         FROM pg_roles r WHERE r.rolname = $1`,
      [options.role],
    );
    const row = check.rows[0];
    io.out(
      `role ${options.role}: SELECT on ${row?.tables.join(', ') || '(none)'}; superuser ${row?.rolsuper ? 'YES' : 'no'}; role memberships ${row?.memberships ?? '?'}; read-only and timeouts set on the role`,
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw toConnectorError(error, label);
  } finally {
    await client.end().catch(() => {});
  }
}

/** host:port/db of a URL, without user or password, for messages. */
export function safeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'invalid URL';
  }
}
