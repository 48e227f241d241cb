// A lock file per output folder, so two processes (two test runs, a server and `otq samples`) never generate at once.
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** A lock older than this is taken to be left over by a crashed process (ms). */
const STALE_MS = 10 * 60_000;
const POLL_MS = 250;

/** Runs fn while holding `<dir>/.generate.lock`; waits for another holder to finish first. */
export async function withDirLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const file = join(dir, '.generate.lock');
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(file).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await rm(file, { force: true });
      else await delay(POLL_MS);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}
