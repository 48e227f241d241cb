// The evidence log acknowledges records while every thread of libuv's pool is busy (DuckDB statements run there too):
// a writer open long enough writes and fdatasyncs on a thread of its own.
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, open, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { CONTEXT, readEntries, tempLogDir } from './helpers.ts';

/** Occupies every thread of libuv's pool: each opens a FIFO for reading, which blocks until a writer opens it. */
async function blockThreadPool(): Promise<{ release: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'otq-uv-'));
  const threads = Math.min(128, Number(process.env['UV_THREADPOOL_SIZE'] ?? 4) || 4);
  const fifos = Array.from({ length: threads + 1 }, (_, i) => join(dir, `fifo-${i}`));
  for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
  const readers = fifos.map((fifo) => open(fifo, 'r').catch(() => null));
  return {
    async release() {
      // Opening for writing (on this thread) lets each blocked open return.
      for (const fifo of fifos) closeSync(openSync(fifo, 'w'));
      for (const reader of await Promise.all(readers)) await reader?.close();
    },
  };
}

const within = <T>(ms: number, work: Promise<T>): Promise<T | 'timed out'> =>
  Promise.race([work, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms).unref())]);

describe('audit log I/O thread', () => {
  it('acknowledges records, durable and signed, while libuv’s thread pool is fully blocked', async () => {
    const dir = await tempLogDir();
    const log = await createFileAuditLog({ dir, ioThreadAfterMs: 0 });
    await log.record('data_access', CONTEXT, { n: 0 });
    const pool = await blockThreadPool();
    try {
      // The set-up works: a file system call through the pool does not finish.
      expect(await within(300, stat(dir))).toBe('timed out');
      const records = await within(10_000, Promise.all([1, 2, 3].map((n) => log.record('data_access', CONTEXT, { n }))));
      expect(records).not.toBe('timed out');
    } finally {
      await pool.release();
    }
    await log.close();
    expect((await readEntries(dir)).map((r) => r.payload)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    const verified = await verifyAuditLog({ dir });
    expect(verified).toMatchObject({ ok: true, uncovered: 0 });
  }, 30_000);

  it('stays on the pool while the writer is young (a short CLI call starts no thread)', async () => {
    const dir = await tempLogDir();
    const log = await createFileAuditLog({ dir, ioThreadAfterMs: 60_000 });
    await log.record('data_access', CONTEXT, { n: 0 });
    const pool = await blockThreadPool();
    try {
      expect(await within(500, log.record('data_access', CONTEXT, { n: 1 }))).toBe('timed out');
    } finally {
      await pool.release();
    }
    await log.close();
    expect((await readEntries(dir)).map((r) => r.payload)).toEqual([{ n: 0 }, { n: 1 }]);
  }, 30_000);
});
