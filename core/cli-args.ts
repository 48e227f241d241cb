// Argument parsing shared by the CLI commands: strict, with errors that say what to type instead.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OtqError } from './errors.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** `--name`, `--name=value`, `-x`, `-` and `--`: everything else that starts with a dash is text (an SQL comment, a negative number). */
const OPTION_TOKEN = /^(?:--[A-Za-z][\w-]*(?:=[\s\S]*)?|-[A-Za-z]+|--?)$/;

/**
 * parseArgs with `--config` always accepted; unknown flags become a USAGE error naming the flag. An argument that
 * starts with a dash but cannot be an option (`"-- last hour\nSELECT ..."`) is taken as text, not as an unknown flag.
 */
export function parseCommandArgs<T extends OptionSpec>(args: string[], options: T, usage: string) {
  const texts: string[] = [];
  const shielded = args.map((arg) => (arg.startsWith('-') && !OPTION_TOKEN.test(arg) ? `\u0000${texts.push(arg) - 1}` : arg));
  const restore = (value: string) => (value.startsWith('\u0000') ? (texts[Number(value.slice(1))] ?? value) : value);
  const parsed = (() => {
    try {
      return parseArgs({ args: shielded, options: { config: { type: 'string' }, ...options }, allowPositionals: true, strict: true });
    } catch (cause) {
      throw new OtqError('USAGE', `${(cause as Error).message}\nusage: ${usage}`, { cause });
    }
  })();
  if (texts.length === 0) return parsed;
  const values = parsed.values as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string') values[key] = restore(value);
  return { ...parsed, positionals: parsed.positionals.map(restore) };
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
