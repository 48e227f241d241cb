// The otq command line: parses the sub-command, builds the runtime once, maps errors to exit codes.
import { OtqError, exitCodeFor, isOtqError } from '../core/errors.ts';
import type { CliIo } from '../core/cli-io.ts';
import { configPathFrom, loadConfig } from './config/load-config.ts';
import { flagValue, withoutFlag } from '../core/cli-args.ts';
import { askCommand, catalogCommand, sqlCommand } from './commands/query-commands.ts';
import { serveCommand } from './commands/serve-command.ts';

const usage = `otq: natural-language queries over plant data, guarded and audited

usage: otq <command> [options]   (all commands accept --config FILE; default: $OTQ_CONFIG or the embedded sample)

  serve [--host H] [--port N]                 web chat and HTTP API (what npm start runs)
  ask "QUESTION" [--user U] [--json]          one question, answer on stdout
  sql --source S "SQL" [--user U] [--json]    guarded read-only SQL, no model
  catalog [--user U] [--json]                 sources, tables and tags you may see
  policy check [FILE...]                      validate policy files
  audit verify|export|prove|pubkey|rotate-key  check, export or prove the evidence log; rotate its key
  eval FILE.jsonl [--json]                    execution accuracy against gold SQL
  report list | run NAME                      scheduled reports
  samples [--dir D] [--seed N] [--days N]     (re)generate the sample plant data
  samples --to postgres URL [--schema S]      load the sample data into PostgreSQL
  pg grant --role R [--schema S] [--apply URL]  SQL for a least-privilege reader role
  model pull                                  download the configured model (model.uri)
  token create --user U                       create an API token for the HTTP API

exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 denied by policy`;

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return command === undefined ? 2 : 0;
      case 'serve':
        return await serveCommand(rest, io);
      case 'ask':
        return await askCommand(rest, io);
      case 'sql':
        return await sqlCommand(rest, io);
      case 'catalog':
        return await catalogCommand(rest, io);
      case 'policy': {
        const { policyCommand } = await import('./commands/policy-command.ts');
        return await policyCommand(rest, io);
      }
      case 'audit': {
        const loaded = await loadConfig(configPathFrom(flagValue(rest, '--config')));
        const { auditCommand } = await import('./commands/audit-command.ts');
        return await auditCommand(withoutFlag(rest, '--config'), io, {
          dir: loaded.config.audit.dir,
          ...(loaded.config.audit.keyFile ? { keyFile: loaded.config.audit.keyFile } : {}),
        });
      }
      case 'eval': {
        const { evalCliCommand } = await import('./commands/eval-command.ts');
        return await evalCliCommand(rest, io);
      }
      case 'report': {
        const { reportCommand } = await import('./commands/report-command.ts');
        return await reportCommand(rest, io);
      }
      case 'samples': {
        if (rest.includes('--to')) {
          const { pgSamplesCommand } = await import('./commands/pg-samples-command.ts');
          return await pgSamplesCommand(rest, io);
        }
        const { samplesCommand } = await import('./commands/samples-command.ts');
        return await samplesCommand(rest, io);
      }
      case 'pg': {
        const { pgCommand } = await import('./commands/pg-command.ts');
        return await pgCommand(rest, io);
      }
      case 'model': {
        const loaded = await loadConfig(configPathFrom(flagValue(rest, '--config')));
        const { modelCommand } = await import('./commands/model-command.ts');
        return await modelCommand(withoutFlag(rest, '--config'), io, loaded);
      }
      case 'token': {
        const loaded = await loadConfig(configPathFrom(flagValue(rest, '--config')));
        const { tokenCommand } = await import('./commands/token-command.ts');
        return await tokenCommand(withoutFlag(rest, '--config'), io, loaded);
      }
      default:
        throw new OtqError('USAGE', `unknown command "${command}"; run \`otq help\` for the list`);
    }
  } catch (error) {
    if (isOtqError(error)) {
      io.err(`otq: ${error.message}`);
      return exitCodeFor(error.code);
    }
    io.err(`otq: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
