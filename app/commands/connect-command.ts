// `otq connect`: inspects a DuckDB file, a folder or a PostgreSQL URL, proposes otq.yaml and a policy; `--check` says what the planner will understand.
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { isTimeZone } from '../../core/time-zone.ts';
import { parseCommandArgs } from '../../core/cli-args.ts';
import type { SourceConfig } from '../../connectors/source-config.ts';
import { configPathFrom, loadConfig } from '../config/load-config.ts';
import { stateCacheDir } from '../create-runtime.ts';
import { openSources } from '../open-sources.ts';
import { personalTables, proposeSource } from '../connect/propose-source.ts';
import { summarizeSource } from '../connect/source-summary.ts';

/** The roles `otq connect` proposes: each reads every table of the new source with the agent's tools. */
const PROPOSED_ROLES = ['engineer', 'supervisor'];

const usage =
  'otq connect TARGET [--name N] [--write FILE [--force]] [--timezone TZ] [--schema S] [--check] | otq connect --check [--config FILE]';

/** The environment variable the proposed config names for a PostgreSQL password found in the URL. */
const PASSWORD_ENV = 'OTQ_PG_PASSWORD';

/** The tools the default roles get on the new source (the shipped engineer's and supervisor's). */
const ROLE_TOOLS = ['run_sql', 'search_catalog', 'describe_table', 'tag_history', 'tag_stats'];

export async function connectCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      name: { type: 'string' },
      write: { type: 'string' },
      force: { type: 'boolean' },
      timezone: { type: 'string' },
      schema: { type: 'string' },
      check: { type: 'boolean' },
    },
    usage,
  );
  const target = positionals[0];
  if (positionals.length > 1) throw new OtqError('USAGE', `one target only\nusage: ${usage}`);
  if (target === undefined) {
    if (!values.check) throw new OtqError('USAGE', `name a DuckDB file, a folder or a postgres:// URL\nusage: ${usage}`);
    return checkConfigured(values.config, io);
  }
  if (values.timezone !== undefined && !isTimeZone(values.timezone))
    throw new OtqError('USAGE', `--timezone: unknown time zone "${values.timezone}"; use an IANA name such as America/Chicago`);
  const env = { ...process.env };
  const base = baseSource(target, values.schema, env);
  const name = values.name ?? defaultName(target);
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new OtqError('USAGE', `--name must be lower_snake_case, got "${name}"`);
  const opened = await openSources({ [name]: base }, env, { skipTagTypes: true });
  let proposal;
  try {
    const connector = opened.connectors.get(name)!;
    proposal = await proposeSource(connector, base, opened.descriptions[0]?.tables ?? [], values.timezone);
  } finally {
    await opened.close();
  }
  for (const note of proposal.notes) io.err(`otq connect: ${note}`);
  // Tables naming people (a shift log, work orders by technician) are personal data: supervisors only, and said so.
  const personal = personalTables(opened.descriptions[0]?.tables ?? []);
  for (const table of personal)
    io.err(
      `otq connect: personal data: ${table.name} (${table.columns.join(', ')}) is granted to supervisor only; grant it to engineer in the policy if that is intended`,
    );
  const policy = {
    version: 1,
    roles: Object.fromEntries(
      PROPOSED_ROLES.map((role) => {
        const except = role === 'engineer' ? personal.map((t) => t.name) : [];
        return [
          role,
          {
            description: `${role === 'engineer' ? 'Engineers' : 'Supervisors'}: every table of ${name}${except.length > 0 ? ` except the personal data in ${except.join(', ')}` : ''} (proposed by otq connect; narrow it as needed)`,
            tools: ROLE_TOOLS,
            maxRows: 10000,
            rateLimitPerMinute: 120,
            sources: { [name]: { tables: '*', ...(except.length > 0 ? { exceptTables: except } : {}) } },
          },
        ];
      }),
    ),
  };
  const written = values.write ? resolve(values.write) : undefined;
  const policyPath = written ? join(dirname(written), `${basename(written).replace(/\.ya?ml$/i, '')}.policy.yaml`) : 'otq.policy.yaml';
  // The users the proposed policy's roles serve: without users: otq would fall back to the sample plant's users
  // (auditor, operator-bps03), whose roles this policy does not define, and say so on every call.
  const config = {
    ...(values.timezone ? { timezone: values.timezone } : {}),
    defaultUser: 'engineer',
    users: Object.fromEntries(PROPOSED_ROLES.map((role) => [role, { roles: [role] }])),
    sources: { [name]: proposal.source },
    policies: { files: [written ? basename(policyPath) : policyPath] },
  };
  if (written) {
    const viewsPath = join(dirname(written), `${basename(written).replace(/\.ya?ml$/i, '')}.views.sql`);
    for (const path of [written, policyPath, ...(proposal.viewsSql ? [viewsPath] : [])])
      if (existsSync(path) && !values.force) throw new OtqError('USAGE', `${path} exists; pass --force to replace it`);
    await writeFile(written, `# proposed by otq connect ${target.replace(/\/\/[^@/]*@/, '//…@')}\n${stringify(config)}`);
    await writeFile(policyPath, `# proposed by otq connect: the default roles read every table of ${name}\n${stringify(policy)}`);
    if (proposal.viewsSql) {
      await writeFile(viewsPath, `${proposal.viewsSql}\n${grantLine(base, proposal.viewsSql)}`);
      io.err(`otq connect: wrote ${viewsPath}: a DBA runs it (psql -f) before otq starts`);
    }
    io.err(`otq connect: wrote ${written} and ${policyPath}`);
  } else {
    io.out(`# otq.yaml\n${stringify(config)}\n# ${policyPath}\n${stringify(policy)}`);
    if (proposal.viewsSql) io.out(`# views a DBA creates first\n${proposal.viewsSql}\n${grantLine(base, proposal.viewsSql)}`);
  }
  if ('url' in base && base.passwordEnv) io.err(`otq connect: the password is not written; export ${PASSWORD_ENV} before otq starts`);
  if (!values.check) return 0;
  if (proposal.viewsSql) {
    io.err('otq connect: --check needs the views above; create them, then run otq connect --check --config FILE');
    return 0;
  }
  return printSummary({ [name]: proposal.source }, env, undefined, io);
}

/** `otq connect --check` on the configured sources. */
async function checkConfigured(configFlag: string | undefined, io: CliIo): Promise<number> {
  const loaded = await loadConfig(configPathFrom(configFlag));
  return printSummary(loaded.config.sources, process.env, stateCacheDir(loaded.config), io);
}

async function printSummary(
  sources: Record<string, SourceConfig>,
  env: NodeJS.ProcessEnv,
  cacheDir: string | undefined,
  io: CliIo,
): Promise<number> {
  const opened = await openSources(sources, env, { ...(cacheDir ? { cacheDir } : {}), log: (line) => io.err(`otq: ${line}`) });
  try {
    for (const description of opened.descriptions) {
      const connector = opened.connectors.get(description.name);
      if (connector) for (const line of await summarizeSource(connector, description)) io.out(line);
    }
  } finally {
    await opened.close();
  }
  return 0;
}

function baseSource(target: string, schema: string | undefined, env: NodeJS.ProcessEnv): SourceConfig {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const url = new URL(target);
    let passwordEnv: string | undefined;
    if (url.password !== '') {
      env[PASSWORD_ENV] = decodeURIComponent(url.password);
      passwordEnv = PASSWORD_ENV;
      url.password = '';
    }
    return { engine: 'postgres', url: url.toString(), schemas: [schema ?? 'public'], ...(passwordEnv ? { passwordEnv } : {}) };
  }
  const path = resolve(target);
  if (!existsSync(path))
    throw new OtqError('USAGE', `"${target}" does not exist; name a DuckDB file, a folder of exports or a postgres:// URL`);
  return statSync(path).isDirectory() ? { engine: 'duckdb', folder: path } : { engine: 'duckdb', file: path };
}

function defaultName(target: string): string {
  const raw = /^postgres/.test(target) ? new URL(target).pathname.slice(1) : basename(resolve(target)).replace(/\.[^.]*$/, '');
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '');
  return name === '' ? 'plant' : name;
}

/** The GRANT that lets the URL's reader role read the new views. */
function grantLine(base: SourceConfig, viewsSql: string): string {
  if (!('url' in base)) return '';
  const user = decodeURIComponent(new URL(base.url).username);
  const views = [...viewsSql.matchAll(/^CREATE VIEW (\S+) AS/gm)].map((m) => m[1]);
  return user ? `GRANT SELECT ON ${views.join(', ')} TO "${user.replaceAll('"', '""')}";` : '';
}
