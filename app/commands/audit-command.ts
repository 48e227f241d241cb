// `otq audit verify | export | prove | pubkey | rotate-key`: the evidence log's command line.
import { createPublicKey, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError, exitCodeFor, isOtqError } from '../../core/errors.ts';
import type { AuditKind } from '../../audit/audit-record.ts';
import { exportAudit } from '../../audit/export-audit.ts';
import { proveRecord } from '../../audit/prove-record.ts';
import { AUDIT_KINDS, CHAIN_ID } from '../../audit/record-codec.ts';
import { rotateSigningKey } from '../../audit/rotate-key.ts';
import { PUBLIC_KEY_FILE } from '../../audit/segment-files.ts';
import { parseTimeSpec } from '../../audit/time-window.ts';
import { verifyAuditLog, type VerifyReport } from '../../audit/verify-audit-log.ts';

export interface AuditCommandOptions {
  /** The configured log directory (`audit.dir`). */
  dir: string;
  /** The configured signing key (`audit.keyFile`); default `<dir>/../audit-key.pem`. */
  keyFile?: string;
  /** For relative times like `24h` (tests). */
  clock?: () => Date;
}

const USAGE = `usage:
  otq audit verify [--log DIR] [--pubkey FILE] [--checkpoint FILE] [--json]
  otq audit export --since 24h [--until T] [--user U] [--kind K] [--chain C] [--format jsonl|csv] [--bundle DIR] [--log DIR]
  otq audit prove [CHAIN:]SEQ [--chain C] [--bundle DIR] [--log DIR]
  otq audit pubkey [--log DIR]
  otq audit rotate-key [--log DIR]`;

const FLAGS: Record<string, readonly string[]> = {
  verify: ['--log', '--pubkey', '--checkpoint', '--json'],
  export: ['--log', '--since', '--until', '--user', '--kind', '--chain', '--format', '--bundle', '--pubkey'],
  prove: ['--log', '--chain', '--bundle', '--pubkey'],
  pubkey: ['--log'],
  'rotate-key': ['--log'],
};
const SWITCHES = new Set(['--json']);

function parseFlags(sub: string, args: string[]): { flags: Map<string, string>; positional: string[] } {
  const allowed = FLAGS[sub] ?? [];
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!allowed.includes(name)) throw new OtqError('USAGE', `otq audit ${sub}: unknown argument ${arg}\n${USAGE}`);
    if (SWITCHES.has(name)) {
      flags.set(name, 'true');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new OtqError('USAGE', `otq audit ${sub}: ${name} needs a value`);
    flags.set(name, value);
  }
  const expected = sub === 'prove' ? 1 : 0;
  if (positional.length !== expected)
    throw new OtqError(
      'USAGE',
      `otq audit ${sub}: ${expected ? 'expected one sequence number' : `unexpected argument ${positional[0]}`}\n${USAGE}`,
    );
  return { flags, positional };
}

/** Runs an `otq audit` sub-command; returns the exit code (0 ok, 1 tampered/failed, 2 usage). */
export async function auditCommand(args: string[], io: CliIo, options: AuditCommandOptions): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || !(sub in FLAGS))
      throw new OtqError('USAGE', `otq audit: expected verify, export, prove, pubkey or rotate-key\n${USAGE}`);
    const { flags, positional } = parseFlags(sub, rest);
    const dir = resolve(flags.get('--log') ?? options.dir);
    const pubkeyFile = flags.get('--pubkey');
    const publicKeyPem = pubkeyFile ? await readText(pubkeyFile, '--pubkey') : undefined;
    const chain = flags.get('--chain');
    if (chain !== undefined && !CHAIN_ID.test(chain))
      throw new OtqError('USAGE', `--chain ${chain}: a chain id is two to six digits (01, 02, ...)`);
    switch (sub) {
      case 'verify': {
        const checkpointFile = flags.get('--checkpoint');
        const report = await verifyAuditLog({
          dir,
          ...(publicKeyPem ? { publicKeyPem } : {}),
          ...(checkpointFile ? { checkpointFile } : {}),
        });
        io.out(flags.has('--json') ? `${JSON.stringify(report)}\n` : describeReport(dir, report));
        return report.ok ? 0 : 1;
      }
      case 'pubkey':
        io.out(await publicKeyOf(dir, options.keyFile));
        return 0;
      case 'prove':
        return await runProve(positional[0] as string, chain, flags.get('--bundle'), dir, publicKeyPem, io);
      case 'rotate-key': {
        const result = await rotateSigningKey({
          dir,
          ...(options.keyFile ? { keyFile: options.keyFile } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
        });
        io.out(
          `rotated: key ${result.oldKeyId} -> ${result.newKeyId}, announced in record ${result.chain}:${result.seq} signed by the old key.\n` +
            `Running writers switch within a second. The old private key is kept as ${result.retiredKeyFile}: destroy it once you no longer need it.\n`,
        );
        return 0;
      }
      default:
        return await runExport(flags, dir, publicKeyPem, io, options.clock ?? (() => new Date()));
    }
  } catch (error) {
    if (!isOtqError(error)) throw error;
    io.err(`otq audit: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}

/** The verify report as people read it: one verdict line, one line per chain, warnings. */
function describeReport(dir: string, report: VerifyReport): string {
  const keys = report.keyIds.length > 1 ? `keys ${report.keyIds.join(' -> ')}` : `key ${report.keyId}`;
  const chains = report.chains
    .map((c) => `  chain ${c.chain}: ${c.records} records, ${c.heads} signed heads, ${c.uncovered} uncovered, writer ${c.writer}\n`)
    .join('');
  const warnings = report.warnings.map((w) => `warning: ${w}\n`).join('');
  if (report.ok) {
    return (
      `intact: ${resolve(dir)}: ${report.records} records in ${report.chains.length} chain(s), ${report.heads} signed heads, ${report.checkpoints} checkpoints, ` +
      `${report.uncovered} records not yet covered by a signature (${keys})\n${chains}${warnings}`
    );
  }
  const where = report.firstBadSeq === undefined ? '' : `first bad sequence number: ${report.firstBadChain ?? '?'}:${report.firstBadSeq}\n`;
  return `TAMPERED or damaged: ${resolve(dir)}\n${where}${report.problem ?? ''}\n(${report.records} records read before the problem)\n${chains}${warnings}`;
}

async function runProve(
  target: string,
  chainFlag: string | undefined,
  bundleDir: string | undefined,
  dir: string,
  publicKeyPem: string | undefined,
  io: CliIo,
): Promise<number> {
  const match = /^(?:([0-9]{2,6}):)?([1-9][0-9]*)$/.exec(target);
  if (!match) throw new OtqError('USAGE', `otq audit prove: "${target}" is not a sequence number (42) or an evidence id (01:42)`);
  const chain = match[1] ?? chainFlag;
  const proof = await proveRecord({
    dir,
    seq: Number(match[2]),
    ...(chain ? { chain } : {}),
    ...(bundleDir ? { bundleDir } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
  });
  if (proof.bundle) {
    io.out(`${proof.bundle.verdict}\n`);
    io.err(
      `wrote the proof of record ${proof.chain}:${proof.seq} to ${resolve(bundleDir as string)}; check it there with: node verify-bundle.mjs .\n`,
    );
    return 0;
  }
  const { bundle: _bundle, ...json } = proof;
  io.out(`${JSON.stringify(json, null, 2)}\n`);
  io.err(
    `record ${proof.chain}:${proof.seq} is leaf ${proof.leafIndex} of the signed head of size ${proof.treeSize}; --bundle DIR writes it with a stand-alone verifier\n`,
  );
  return 0;
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
  const chain = flags.get('--chain');
  const bundleDir = flags.get('--bundle');
  const result = await exportAudit({
    dir,
    since,
    format,
    clock,
    ...(until ? { until } : {}),
    ...(user ? { user } : {}),
    ...(kind ? { kind: kind as AuditKind } : {}),
    ...(chain ? { chain } : {}),
    ...(bundleDir ? { bundleDir } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
    write: (chunk) => io.out(chunk),
  });
  if (result.bundle && result.bundleDir) {
    const heads = result.bundle.heads.map((h) => `chain ${h.chain} at size ${h.size}`).join(', ') || 'none';
    const left = result.bundle.leftOut > 0 ? `; ${result.bundle.leftOut} newer record(s) not yet signed were left out` : '';
    const verdict = result.report?.ok ? 'log intact' : `log NOT intact: ${result.report?.problem ?? ''}`;
    io.err(
      `wrote ${result.records} records to ${result.bundleDir} (proven against signed heads: ${heads}${left}; ${verdict}); see its README.md\n`,
    );
    io.out(`${result.bundle.verdict}\n`);
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

/**
 * The anchor public key (what `verify --pubkey` trusts; rotated keys are announced from it): the pinned copy in
 * the log, else derived from the private key file.
 */
async function publicKeyOf(dir: string, keyFile: string | undefined): Promise<string> {
  const pinned = await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8').catch(() => null);
  if (pinned !== null) return pinned;
  const path = keyFile ? resolve(keyFile) : join(dirname(dir), 'audit-key.pem');
  const pem = await readFile(path, 'utf8').catch(() => null);
  if (pem !== null) return createPublicKey(createPrivateKey(pem)).export({ format: 'pem', type: 'spki' }) as string;
  throw new OtqError('NOT_FOUND', `no audit key yet (${path} and ${join(dir, PUBLIC_KEY_FILE)} are missing): start otq once to create it`);
}
