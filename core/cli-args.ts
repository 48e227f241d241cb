// Argument parsing shared by the CLI commands: strict, with errors that say what to type instead.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OtqError } from './errors.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with `--config` always accepted; unknown flags become a USAGE error naming the flag. */
export function parseCommandArgs<T extends OptionSpec>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options: { config: { type: 'string' }, ...options }, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new OtqError('USAGE', `${(cause as Error).message}\nusage: ${usage}`, { cause });
  }
}

/** The value of `--flag V` or `--flag=V` in raw args. */
export function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === flag) return args[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** The raw args without `--flag V` / `--flag=V`. */
export function withoutFlag(args: string[], flag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === flag) i++;
    else if (!arg.startsWith(`${flag}=`)) out.push(arg);
  }
  return out;
}
