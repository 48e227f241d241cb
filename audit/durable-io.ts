// Writes and fdatasyncs of the evidence log on a thread of their own, so acknowledgements never queue behind other work
// on libuv's thread pool (DuckDB statements run there too: four heavy ones held a record for 6.8 s on the default pool).
import { Worker } from 'node:worker_threads';

/**
 * The thread's code (plain CommonJS, no loader needed): for each job, write all bytes to the descriptor at its current
 * position (the log's files are opened for appending), then fdatasync it when asked. The same system calls, in the same
 * order, as the writer makes through node:fs/promises; only the thread differs.
 */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { writeSync, fdatasyncSync } = require('node:fs');
parentPort.on('message', ({ id, fd, data, sync }) => {
  try {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (sync) fdatasyncSync(fd);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, message: error && error.message ? error.message : String(error) });
  }
});
`;

export interface DurableIo {
  /** Appends `data` to the open descriptor `fd` and, with `sync`, fdatasyncs it; resolves when done, rejects on any error. */
  write(fd: number, data: Uint8Array, sync: boolean): Promise<void>;
  /** Ends the thread; jobs still pending are rejected. */
  close(): Promise<void>;
}

/** Starts the I/O thread. It keeps the process alive only while a job is pending. */
export function startDurableIo(): DurableIo {
  const worker = new Worker(THREAD_SOURCE, { eval: true });
  worker.unref();
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let broken: Error | null = null;
  const failAll = (error: Error): void => {
    broken ??= error;
    for (const job of pending.values()) job.reject(broken);
    pending.clear();
    worker.unref();
  };
  worker.on('message', ({ id, message }: { id: number; message?: string }) => {
    const job = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (message === undefined) job?.resolve();
    else job?.reject(new Error(message));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the audit log's I/O thread exited (code ${code})`)));
  return {
    write(fd, data, sync) {
      if (broken) return Promise.reject(broken);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        // Copied, not transferred: a small Buffer may be a slice of Node's shared pool.
        worker.postMessage({ id, fd, data, sync });
      });
    },
    async close() {
      failAll(new Error("the audit log's I/O thread was closed"));
      await worker.terminate();
    },
  };
}
