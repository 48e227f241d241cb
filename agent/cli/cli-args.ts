// Argument parsing shared by the CLI commands: strict, with errors that say what to type instead.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OtqError } from '../../core/errors.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with `--config` always accepted; unknown flags become a USAGE error naming the flag. */
export function parseCommandArgs<T extends OptionSpec>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options: { config: { type: 'string' }, ...options }, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new OtqError('USAGE', `${(cause as Error).message}\nusage: ${usage}`, { cause });
  }
}
