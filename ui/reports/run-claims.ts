// One run per scheduled time across instances: the first instance to create the run's claim file runs it, the others skip.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who claimed a scheduled run. */
export interface ClaimHolder {
  pid: number;
  host: string;
  at: string;
}

/** Claims scheduled runs in a directory every instance shares (beside the shared audit directory). */
export interface RunClaims {
  /** True when this instance got the run of `report` for `runFor`; else who has it. */
  claim(report: string, runFor: Date): Promise<{ won: true } | { won: false; holder: ClaimHolder | null }>;
  /** Removes claims of runs older than `keepMs` before `now` (called at start). */
  prune(now: Date, keepMs: number): Promise<number>;
}

/**
 * File claims: `<dir>/<report>/<runFor>.claim`, created complete or not at all (content written to a private file,
 * then hard-linked to the claim name, which fails when it exists, also on NFS). A run is claimed at most once: an
 * instance that dies during its run leaves the claim, and the run is not repeated by another (the report's
 * audit records show the claim and no delivery).
 */
export function createRunClaims(dir: string, now: () => Date = () => new Date()): RunClaims {
  return {
    async claim(report, runFor) {
      const reportDir = join(dir, encodeURIComponent(report));
      await mkdir(reportDir, { recursive: true, mode: 0o700 });
      const path = join(reportDir, `${runFor.toISOString().replace(/:/g, '-')}.claim`);
      const draft = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
      const mine: ClaimHolder = { pid: process.pid, host: hostname(), at: now().toISOString() };
      const handle = await open(draft, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await link(draft, path);
        return { won: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = await readFile(path, 'utf8')
          .then((text) => JSON.parse(text) as ClaimHolder)
          .catch(() => null);
        return { won: false, holder };
      } finally {
        await unlink(draft).catch(() => undefined);
      }
    },
    async prune(at, keepMs) {
      let removed = 0;
      for (const report of await readdir(dir).catch(() => [] as string[])) {
        for (const name of await readdir(join(dir, report)).catch(() => [] as string[])) {
          const path = join(dir, report, name);
          const info = await stat(path).catch(() => null);
          if (
            info &&
            at.getTime() - info.mtimeMs > keepMs &&
            (await unlink(path).then(
              () => true,
              () => false,
            ))
          )
            removed++;
        }
      }
      return removed;
    },
  };
}
