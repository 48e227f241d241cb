// One writer per chain: a lock file in the chain's directory naming the holder; stale locks of dead pids are taken over.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';

/** File name of the lock inside a chain directory. */
export const LOCK_FILE = 'audit.lock';

export interface AuditLock {
  /** Pid of a dead writer whose lock was taken over (its last records may lack a final checkpoint). */
  readonly staleHolderPid: number | null;
  release(): Promise<void>;
}

/** What a lock file says about its holder. */
export interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/**
 * Whether the holder of a lock is writing: `live` (a running process on this host, or a writer of this process),
 * `dead` (its pid is gone: the lock is stale), `remote` (another host: cannot be checked from here, so it is
 * treated as live and never taken over).
 */
export type HolderState = 'live' | 'dead' | 'remote';

/**
 * Lock paths held by writers of this process. The OS-level lock is the file; this table only tells a
 * second writer in this process apart from a stale lock left by an earlier process that had our pid
 * (pid 1 in a restarted container).
 */
const heldByThisProcess = new Set<string>();

/** The holder of the lock in chain directory `dir` and its state, or null when the chain is not locked. */
export async function lockHolder(dir: string): Promise<{ holder: LockContent; state: HolderState } | null> {
  const path = join(resolve(dir), LOCK_FILE);
  const holder = await readHolder(path);
  return holder === null ? null : { holder, state: holderState(path, holder) };
}

/**
 * Takes the writer lock of chain directory `dir`, or returns null when a live process (or another writer of this
 * process, or a process on another host) holds it. A lock whose pid is dead is taken over.
 */
export async function tryAcquireAuditLock(dir: string, now: Date): Promise<AuditLock | null> {
  const path = join(resolve(dir), LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: hostname(), since: now.toISOString() };
  // The lock is created complete or not at all: content written and synced in a private file, then hard-linked to
  // the lock name (link fails if the name exists, also on NFS), so no reader ever sees an empty lock.
  const draft = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(draft, 'wx', 0o600).catch((error: unknown) => {
    throw new OtqError('AUDIT_FAILED', `cannot create the audit lock ${path}: ${(error as Error).message}`, { cause: error });
  });
  try {
    await handle.writeFile(`${JSON.stringify(mine)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    let staleHolderPid: number | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await linked(draft, path)) {
        heldByThisProcess.add(path);
        return { staleHolderPid, release: () => releaseLock(path) };
      }
      const holder = await readHolder(path);
      if (holder !== null && holderState(path, holder) !== 'dead') return null;
      // Dead (or unreadable) holder: move its lock aside, then check that what was moved is really the stale one.
      const aside = `${path}.stale-${process.pid}-${attempt}`;
      if (
        !(await rename(path, aside).then(
          () => true,
          () => false,
        ))
      )
        continue;
      const moved = await readHolder(aside);
      if (moved !== null && (moved.pid !== holder?.pid || moved.since !== holder.since) && holderState(path, moved) !== 'dead') {
        await rename(aside, path).catch(() => undefined);
        return null;
      }
      staleHolderPid = holder?.pid ?? -1;
      await unlink(aside).catch(() => undefined);
    }
    throw new OtqError('AUDIT_LOCKED', `audit chain ${dir}: could not take the lock ${path} after 3 attempts (writers racing?)`, {
      details: { dir },
    });
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function linked(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OtqError('AUDIT_FAILED', `cannot create the audit lock ${to}: ${(error as Error).message}`, { cause: error });
  }
}

function holderState(path: string, holder: LockContent): HolderState {
  if (holder.host !== hostname()) return 'remote';
  const live = holder.pid === process.pid ? heldByThisProcess.has(path) : isAlive(holder.pid);
  return live ? 'live' : 'dead';
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
