// Shared helpers of the audit tests: temp log dirs, reading segment lines, spawning the child fixture.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditContext, AuditRecord } from '../../audit/audit-record.ts';

export const CONTEXT: AuditContext = { principal: 'alice', channel: 'cli', requestId: 'req-1' };

/** A fresh `<tmp>/log` directory (its parent receives the generated key). */
export async function tempLogDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'otq-audit-')), 'log');
}

/** The directory of one chain of a log (the first writer takes chain 01). */
export function chainDir(dir: string, chain = '01'): string {
  return join(dir, 'chains', chain);
}

/** Records of all segments of one chain, in order (signed heads included). */
export async function readRecords(dir: string, chain = '01'): Promise<AuditRecord[]> {
  const path = chainDir(dir, chain);
  const names = (await readdir(path)).filter((n) => n.startsWith('segment-')).sort();
  const records: AuditRecord[] = [];
  for (const name of names) {
    for (const line of (await readFile(join(path, name), 'utf8')).split('\n')) if (line) records.push(JSON.parse(line) as AuditRecord);
  }
  return records;
}

/** The records of one chain without its signed heads (what callers recorded). */
export async function readEntries(dir: string, chain = '01'): Promise<AuditRecord[]> {
  return (await readRecords(dir, chain)).filter((r) => r.kind !== 'checkpoint');
}

const CHILD = new URL('./fixtures/audit-child.ts', import.meta.url).pathname;
let bundled: Promise<string> | null = null;

/**
 * The child fixture bundled once into plain JavaScript (esbuild, which tsx runs on), so each of the many
 * child starts costs a bare `node` start instead of a TypeScript loader start.
 */
function childScript(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const outfile = join(await mkdtemp(join(tmpdir(), 'otq-audit-child-')), 'audit-child.mjs');
    await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
    return outfile;
  })();
  return bundled;
}

/** A running child fixture and what it printed so far. */
export type AuditChild = ChildProcess & {
  lines: string[];
  firstLine: Promise<string>;
  /** Resolves once the child printed at least `count` lines (rejects if it exits first). */
  untilLines(count: number): Promise<void>;
};

/**
 * Starts the child fixture; `firstLine` resolves once it printed its first line. `segmentBytes` makes the `loop`
 * child rotate segments often, so kills also land in a rotation.
 */
export async function spawnChild(
  dir: string,
  mode: 'hold' | 'loop',
  options: { chain?: string; segmentBytes?: number; ioThread?: boolean } = {},
): Promise<AuditChild> {
  const args = [
    await childScript(),
    dir,
    mode,
    options.chain ?? '',
    String(options.segmentBytes ?? ''),
    options.ioThread ? 'io-thread' : '',
  ];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] }) as AuditChild;
  child.lines = [];
  let buffer = '';
  let stderr = '';
  const waiters: { count: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    child.lines.push(...parts);
    for (const waiter of waiters.filter((w) => child.lines.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.once('exit', (code) => {
    const error = new Error(`child exited (${String(code)}) after ${child.lines.length} lines: ${stderr}`);
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  });
  child.untilLines = (count) =>
    child.lines.length >= count
      ? Promise.resolve()
      : child.exitCode !== null || child.signalCode !== null
        ? Promise.reject(new Error(`child exited after ${child.lines.length} lines: ${stderr}`))
        : new Promise((resolve, reject) => waiters.push({ count, resolve, reject }));
  child.firstLine = child.untilLines(1).then(() => child.lines[0] as string);
  child.firstLine.catch(() => undefined);
  return child;
}

/** Resolves when the child has exited (after a kill). */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}
