// The otq command line: parses the sub-command, loads only the code that command needs, maps errors to exit codes.
import { OtqError, exitCodeFor, isOtqError } from '../core/errors.ts';
import type { CliIo } from '../core/cli-io.ts';
import { commandHelp, overview, wantsHelp } from './command-help.ts';
import { createProcessIo } from './process-io.ts';
import { markPhase } from '../core/phase-timing.ts';

/**
 * Runs one CLI invocation and returns its exit code. Every command's code is imported when it runs, so `otq --help`
 * loads nothing but this file and `otq ask` does not load the web server or the sample generator.
 */
export async function main(argv: string[], io: CliIo = createProcessIo()): Promise<number> {
  markPhase('cli loaded (node + otq entry)');
  try {
    const [command, ...rest] = withLeadingConfigMoved(argv);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const topic = command === 'help' ? rest[0] : undefined;
      io.out(topic && commandHelp[topic] ? commandHelp[topic] : overview);
      return command === undefined ? 2 : 0;
    }
    if (commandHelp[command] && wantsHelp(rest)) {
      io.out(commandHelp[command]);
      return 0;
    }
    return await run(command, rest, io);
  } catch (error) {
    if (isOtqError(error)) {
      io.err(`otq: ${error.message}`);
      return exitCodeFor(error.code);
    }
    io.err(`otq: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

async function run(command: string, rest: string[], io: CliIo): Promise<number> {
  switch (command) {
    case 'serve':
      return (await import('./commands/serve-command.ts')).serveCommand(rest, io);
    case 'ask':
      return (await import('./commands/query-commands.ts')).askCommand(rest, io);
    case 'sql':
      return (await import('./commands/query-commands.ts')).sqlCommand(rest, io);
    case 'catalog':
      return (await import('./commands/query-commands.ts')).catalogCommand(rest, io);
    case 'connect':
      return (await import('./commands/connect-command.ts')).connectCommand(rest, io);
    case 'policy':
      return (await import('./commands/policy-command.ts')).policyCommand(rest, io);
    case 'audit': {
      const { loaded, args } = await configFor(rest);
      const { auditCommand } = await import('./commands/audit-command.ts');
      return auditCommand(args, io, {
        dir: loaded.config.audit.dir,
        ...(loaded.config.audit.keyFile ? { keyFile: loaded.config.audit.keyFile } : {}),
      });
    }
    case 'eval':
      return (await import('./commands/eval-command.ts')).evalCliCommand(rest, io);
    case 'report':
      return (await import('./commands/report-command.ts')).reportCommand(rest, io);
    case 'samples':
      if (rest.includes('--to')) return (await import('./commands/pg-samples-command.ts')).pgSamplesCommand(rest, io);
      return (await import('./commands/samples-command.ts')).samplesCommand(rest, io);
    case 'pg':
      return (await import('./commands/pg-command.ts')).pgCommand(rest, io);
    case 'model': {
      const { loaded, args } = await configFor(rest);
      return (await import('./commands/model-command.ts')).modelCommand(args, io, loaded);
    }
    case 'token': {
      const { loaded, args } = await configFor(rest);
      return (await import('./commands/token-command.ts')).tokenCommand(args, io, loaded);
    }
    default:
      throw new OtqError('USAGE', `unknown command "${command}"; run \`otq help\` for the list`);
  }
}

/**
 * `otq --config F ask ...` as people type it (the global flag first): the flag moves behind the command, before a `--`
 * that ends the options, so every command reads it where it reads its own flags.
 */
function withLeadingConfigMoved(argv: string[]): string[] {
  const lead: string[] = [];
  let i = 0;
  while (argv[i] === '--config' || argv[i]?.startsWith('--config=')) {
    const takesNext = argv[i] === '--config' && argv[i + 1] !== undefined;
    lead.push(...argv.slice(i, i + (takesNext ? 2 : 1)));
    i += takesNext ? 2 : 1;
  }
  if (lead.length === 0) return argv;
  const [command, ...rest] = argv.slice(i);
  if (command === undefined) throw new OtqError('USAGE', '--config names a file for a command; e.g. `otq --config otq.yaml ask "..."`');
  const end = rest.indexOf('--');
  return end < 0 ? [command, ...rest, ...lead] : [command, ...rest.slice(0, end), ...lead, ...rest.slice(end)];
}

/** Loads the config named by `--config` (or OTQ_CONFIG / the default) and returns the other arguments. */
async function configFor(args: string[]) {
  const { flagValue, withoutFlag } = await import('../core/cli-args.ts');
  const { configPathFrom, loadConfig } = await import('./config/load-config.ts');
  return { loaded: await loadConfig(configPathFrom(flagValue(args, '--config'))), args: withoutFlag(args, '--config') };
}
