// The one-writer rule: a lock file per log directory naming the holder pid; stale locks of dead pids are taken over.
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';

/** File name of the lock inside the log directory. */
export const LOCK_FILE = 'audit.lock';

export interface AuditLock {
  /** Pid of a dead writer whose lock was taken over (its last records may lack a final checkpoint). */
  readonly staleHolderPid: number | null;
  release(): Promise<void>;
}

/**
 * Lock paths held by writers of this process. The OS-level lock is the file; this table only tells a
 * second writer in this process apart from a stale lock left by an earlier process that had our pid
 * (pid 1 in a restarted container).
 */
const heldByThisProcess = new Set<string>();

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes the writer lock of `dir`. Refuses (AUDIT_LOCKED) when another live process, or another writer
 * in this process, holds it. A lock whose pid is dead is renamed aside and taken over.
 */
export async function acquireAuditLock(dir: string, now: Date): Promise<AuditLock> {
  const path = join(resolve(dir), LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: hostname(), since: now.toISOString() };
  let staleHolderPid: number | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldByThisProcess.add(path);
      return { staleHolderPid, release: () => releaseLock(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new OtqError('AUDIT_FAILED', `cannot create the audit lock ${path}: ${(error as Error).message}`, { cause: error });
    }
    const holder = await readHolder(path);
    const live = holder !== null && (holder.pid === process.pid ? heldByThisProcess.has(path) : isAlive(holder.pid));
    if (holder !== null && live) {
      const who =
        holder.pid === process.pid
          ? `pid ${holder.pid} (this process: another writer is open)`
          : `pid ${holder.pid} on ${holder.host} since ${holder.since}`;
      throw new OtqError(
        'AUDIT_LOCKED',
        `audit log ${dir} is already being written by ${who}; only one writer per directory is allowed. Stop that process, or use another audit.dir.`,
        {
          details: { dir, holderPid: holder.pid },
        },
      );
    }
    // Dead (or unreadable) holder: move its lock aside, then check that what we moved is really the stale one.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readHolder(aside);
    if (moved !== null && moved.pid !== holder?.pid && (moved.pid === process.pid || isAlive(moved.pid))) {
      await rename(aside, path).catch(() => undefined);
      continue;
    }
    staleHolderPid = holder?.pid ?? -1;
    await unlink(aside).catch(() => undefined);
  }
  throw new OtqError('AUDIT_LOCKED', `audit log ${dir}: could not take the lock ${path} after 3 attempts (writers racing?)`, {
    details: { dir },
  });
}

async function readHolder(path: string): Promise<LockContent | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return null;
    return { pid: parsed.pid, host: String(parsed.host ?? '?'), since: String(parsed.since ?? '?') };
  } catch {
    return null;
  }
}

/** Signal 0 probes a pid: ESRCH = gone, EPERM = alive but not ours. */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseLock(path: string): Promise<void> {
  if (!heldByThisProcess.delete(path)) return;
  const holder = await readHolder(path);
  if (holder?.pid === process.pid) await unlink(path);
}
