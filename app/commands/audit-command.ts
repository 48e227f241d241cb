// `otq audit verify | export | pubkey`: the evidence log's command line.
import { createPublicKey, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError, exitCodeFor, isOtqError } from '../../core/errors.ts';
import type { AuditKind } from '../../audit/audit-record.ts';
import { exportAudit } from '../../audit/export-audit.ts';
import { AUDIT_KINDS } from '../../audit/record-codec.ts';
import { PUBLIC_KEY_FILE } from '../../audit/segment-files.ts';
import { parseTimeSpec } from '../../audit/time-window.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';

export interface AuditCommandOptions {
  /** The configured log directory (`audit.dir`). */
  dir: string;
  /** The configured signing key (`audit.keyFile`); default `<dir>/../audit-key.pem`. */
  keyFile?: string;
  /** For relative times like `24h` (tests). */
  clock?: () => Date;
}

const USAGE = `usage:
  otq audit verify [--log DIR] [--pubkey FILE] [--checkpoint FILE]
  otq audit export --since 24h [--until T] [--user U] [--kind K] [--format jsonl|csv] [--bundle DIR] [--log DIR]
  otq audit pubkey [--log DIR]`;

const FLAGS: Record<string, readonly string[]> = {
  verify: ['--log', '--pubkey', '--checkpoint'],
  export: ['--log', '--since', '--until', '--user', '--kind', '--format', '--bundle', '--pubkey'],
  pubkey: ['--log'],
};

function parseFlags(sub: string, args: string[]): Map<string, string> {
  const allowed = FLAGS[sub] ?? [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!allowed.includes(name)) throw new OtqError('USAGE', `otq audit ${sub}: unknown argument ${arg}\n${USAGE}`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new OtqError('USAGE', `otq audit ${sub}: ${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/** Runs an `otq audit` sub-command; returns the exit code (0 ok, 1 tampered/failed, 2 usage). */
export async function auditCommand(args: string[], io: CliIo, options: AuditCommandOptions): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || !(sub in FLAGS)) throw new OtqError('USAGE', `otq audit: expected verify, export or pubkey\n${USAGE}`);
    const flags = parseFlags(sub, rest);
    const dir = resolve(flags.get('--log') ?? options.dir);
    const pubkeyFile = flags.get('--pubkey');
    const publicKeyPem = pubkeyFile ? await readText(pubkeyFile, '--pubkey') : undefined;
    if (sub === 'verify') {
      const checkpointFile = flags.get('--checkpoint');
      const report = await verifyAuditLog({
        dir,
        ...(publicKeyPem ? { publicKeyPem } : {}),
        ...(checkpointFile ? { checkpointFile } : {}),
      });
      if (report.ok) {
        io.out(`intact: ${report.records} records, ${report.checkpoints} checkpoints (key ${report.keyId})\n`);
        return 0;
      }
      const where = report.firstBadSeq === undefined ? '' : `first bad sequence number: ${report.firstBadSeq}\n`;
      io.out(`TAMPERED or damaged: ${dir}\n${where}${report.problem ?? ''}\n(${report.records} records read before the problem)\n`);
      return 1;
    }
    if (sub === 'pubkey') {
      io.out(await publicKeyOf(dir, options.keyFile));
      return 0;
    }
    return await runExport(flags, dir, publicKeyPem, io, options.clock ?? (() => new Date()));
  } catch (error) {
    if (!isOtqError(error)) throw error;
    io.err(`otq audit: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}

async function runExport(
  flags: Map<string, string>,
  dir: string,
  publicKeyPem: string | undefined,
  io: CliIo,
  clock: () => Date,
): Promise<number> {
  const now = clock();
  const sinceText = flags.get('--since');
  if (sinceText === undefined)
    throw new OtqError('USAGE', 'otq audit export: --since is required (e.g. --since 24h or --since 2025-03-01T00:00:00Z)');
  const since = parseTimeSpec(sinceText, now, '--since');
  const untilText = flags.get('--until');
  const until = untilText === undefined ? undefined : parseTimeSpec(untilText, now, '--until');
  const kind = flags.get('--kind');
  if (kind !== undefined && !AUDIT_KINDS.has(kind))
    throw new OtqError('USAGE', `--kind ${kind} is not a record kind; one of: ${[...AUDIT_KINDS].join(', ')}`);
  const format = flags.get('--format') ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new OtqError('USAGE', `--format ${format}: use jsonl or csv`);
  const user = flags.get('--user');
  const bundleDir = flags.get('--bundle');
  const result = await exportAudit({
    dir,
    since,
    format,
    ...(until ? { until } : {}),
    ...(user ? { user } : {}),
    ...(kind ? { kind: kind as AuditKind } : {}),
    ...(bundleDir ? { bundleDir } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
    write: (chunk) => io.out(chunk),
  });
  if (result.bundleDir) {
    const verdict = result.report?.ok ? 'log intact' : `log NOT intact: ${result.report?.problem ?? ''}`;
    const proof = result.checkpointSize
      ? `proven against the checkpoint of size ${result.checkpointSize}`
      : 'no checkpoint covers them yet';
    io.err(`wrote ${result.records} records to ${result.bundleDir} (${proof}; ${verdict}); see its README.md\n`);
    return result.report?.ok ? 0 : 1;
  }
  io.err(`exported ${result.records} records\n`);
  return 0;
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new OtqError('USAGE', `${flag} ${path}: ${(error as Error).message}`);
  }
}

/** The public key: from the pinned copy in the log, else derived from the private key file. */
async function publicKeyOf(dir: string, keyFile: string | undefined): Promise<string> {
  const pinned = await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8').catch(() => null);
  if (pinned !== null) return pinned;
  const path = keyFile ? resolve(keyFile) : join(dirname(dir), 'audit-key.pem');
  const pem = await readFile(path, 'utf8').catch(() => null);
  if (pem === null)
    throw new OtqError(
      'NOT_FOUND',
      `no audit key yet (${path} and ${join(dir, PUBLIC_KEY_FILE)} are missing): start otq once to create it`,
    );
  return createPublicKey(createPrivateKey(pem)).export({ format: 'pem', type: 'spki' }) as string;
}
