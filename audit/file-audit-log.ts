// The evidence log writer of one chain: group-committed fsynced JSONL, every batch sealed by an Ed25519-signed tree head.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import type { AuditContext, AuditKind, AuditLog, AuditRecord } from './audit-record.ts';
import type { Checkpoint } from './checkpoint-note.ts';
import { startDurableIo, type DurableIo } from './durable-io.ts';
import { createHeadSigner } from './head-signer.ts';
import { quarantineUncovered, restoreLogState, trimCheckpointsFile } from './log-recovery.ts';
import { refuseOldLayout } from './log-layout.ts';
import { maskSecrets } from './mask-secrets.ts';
import { openChain } from './open-chain.ts';
import { encodeRecord } from './record-codec.ts';
import { CHECKPOINTS_FILE, fsyncDir, listSegments, segmentName } from './segment-files.ts';
import { createSyslogForwarder, type SyslogForwarder, type SyslogTarget } from './syslog-forwarder.ts';

export interface FileAuditLogOptions {
  /** Log directory (created 0700 when absent); this writer appends to one chain under `<dir>/chains/`. */
  dir: string;
  /** Records between full checkpoints (default 1000); every batch still ends under a signed head. */
  checkpointEvery?: number;
  /** Longest time without a full checkpoint, even when idle (default 1 h). */
  checkpointIntervalMs?: number;
  /** Ed25519 private key (PEM); default `<dir>/../audit-key.pem`, generated with mode 0600. */
  keyFile?: string;
  /** Forward every full checkpoint as an RFC 5424 line; the host must be in `egressAllowedHosts`. */
  syslog?: SyslogTarget;
  egressAllowedHosts?: string[];
  /** Rotate to a new segment when the current one would exceed this (default 64 MiB). */
  segmentBytes?: number;
  /** Write to this chain (AUDIT_LOCKED when another writer holds it); default: the first free one. */
  chain?: string;
  /** Injectable clock (tests); timestamps are its UTC ISO form. */
  clock?: () => Date;
  /**
   * A writer open this long (default 1000 ms) writes and fdatasyncs its batches on a thread of its own instead of libuv's
   * pool, which DuckDB statements share: a long-lived server's acknowledgements then never wait behind queries. A short
   * CLI call never starts the thread (about 30 ms). `false`: never.
   */
  ioThreadAfterMs?: number | false;
  /** Non-fatal trouble (a checkpoint that could not be forwarded, a key file that changed oddly). Default: ignored. */
  onWarning?: (message: string) => void;
}

/** Counters a caller (tests, /metrics) can observe. */
export interface AuditLogStats {
  records: number;
  /** write+fdatasync rounds of the log; one per group-committed batch. */
  fsyncs: number;
  /** Signed tree heads written (one per batch, full checkpoints included). */
  heads: number;
  /** Full checkpoints (with the Merkle compact range; also in checkpoints.txt and shipped to syslog). */
  checkpoints: number;
  syslogSent: number;
  syslogFailures: number;
}

export interface FileAuditLog extends AuditLog {
  readonly dir: string;
  readonly chain: string;
  /** SPKI PEM of the key that signs now (what `otq audit pubkey` prints). */
  readonly publicKeyPem: string;
  /** Writes a full checkpoint now; resolves when durable. */
  checkpoint(): Promise<Checkpoint>;
  /** Writes a full checkpoint if `checkpointIntervalMs` passed since the last one (the idle timer calls this). */
  checkpointIfDue(): Promise<Checkpoint | null>;
  stats(): AuditLogStats;
}

const SYSTEM_CONTEXT: AuditContext = { principal: null, channel: 'system', requestId: 'audit' };

interface Batch {
  lines: string[];
  /** A full checkpoint was asked for (checkpoint(), close, the idle timer). */
  full: boolean;
  /** The head that sealed this batch, once written. */
  sealedBy: Checkpoint | null;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(): Batch {
  let resolveFn: () => void = () => undefined;
  let rejectFn: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((res, rej) => {
    resolveFn = res;
    rejectFn = rej;
  });
  done.catch(() => undefined);
  return { lines: [], full: false, sealedBy: null, done, resolve: resolveFn, reject: rejectFn };
}

/**
 * Opens the evidence log in `options.dir` for one writer: takes a free chain, quarantines what no signed head
 * covers, rebuilds its state and writes a `recovery` record when it had to repair anything.
 */
export async function createFileAuditLog(options: FileAuditLogOptions): Promise<FileAuditLog> {
  const dir = resolve(options.dir);
  const clock = options.clock ?? (() => new Date());
  const checkpointEvery = options.checkpointEvery ?? 1000;
  const intervalMs = options.checkpointIntervalMs ?? 3_600_000;
  const segmentLimit = options.segmentBytes ?? 64 * 1024 * 1024;
  const warn = options.onWarning ?? (() => undefined);
  const ioThreadAfterMs = options.ioThreadAfterMs ?? 1000;
  const openedAt = performance.now();
  let io: DurableIo | null = null;
  const forwarder: SyslogForwarder | null = options.syslog ? createSyslogForwarder(options.syslog, options.egressAllowedHosts ?? []) : null;

  await mkdir(dir, { recursive: true, mode: 0o700 });
  await refuseOldLayout(dir);
  const signer = await createHeadSigner(dir, options.keyFile ? resolve(options.keyFile) : join(dirname(dir), 'audit-key.pem'), warn);
  const { chain, path, lock } = await openChain(dir, clock(), options.chain);
  let opened;
  try {
    const segments = await listSegments(path);
    const last = segments[segments.length - 1];
    const removal = last ? await quarantineUncovered(path, last.path, last.name, clock()) : null;
    const tornNote = await trimCheckpointsFile(join(path, CHECKPOINTS_FILE));
    const state = await restoreLogState(path);
    if (state.segmentIndex === 0) state.segmentIndex = 1;
    const segment = await open(join(path, segmentName(state.segmentIndex)), 'a', 0o640);
    const checkpointFile = await open(join(path, CHECKPOINTS_FILE), 'a', 0o640);
    await fsyncDir(path);
    opened = { removal, tornNote, state, segment, checkpointFile };
  } catch (error) {
    await lock.release();
    throw error;
  }
  const { state, checkpointFile } = opened;
  let segment: FileHandle = opened.segment;

  const stats: AuditLogStats = { records: state.seq, fsyncs: 0, heads: 0, checkpoints: 0, syslogSent: 0, syslogFailures: 0 };
  let pending = newBatch();
  let flushing: Promise<void> | null = null;
  let scheduled = false;
  let failure: OtqError | null = null;
  let closed = false;
  const shipping = new Set<Promise<void>>();
  let lastCheckpointAt = state.lastCheckpointAt ?? clock();

  const enqueue = (batch: Batch, kind: AuditKind, context: AuditContext, payload: JsonObject): AuditRecord => {
    const { record, line } = encodeRecord({
      chain,
      seq: state.seq + 1,
      ts: clock().toISOString(),
      prev: state.head,
      kind,
      principal: context.principal,
      channel: context.channel,
      requestId: context.requestId,
      payload,
    });
    state.seq = record.seq;
    state.head = record.hash;
    state.tree.appendRecord(record.hash);
    state.sinceCheckpoint = kind === 'checkpoint' && payload.merkle !== undefined ? 0 : state.sinceCheckpoint + 1;
    batch.lines.push(line);
    return record;
  };

  /** Ends `batch` with a signed head over everything before it: a full checkpoint when one is due, else a light one. */
  const seal = (batch: Batch): void => {
    const now = clock();
    const full = batch.full || state.sinceCheckpoint >= checkpointEvery || now.getTime() - lastCheckpointAt.getTime() >= intervalMs;
    const head = signer.sign({
      chain,
      size: state.seq,
      root: state.tree.root().toString('hex'),
      head: state.head,
      time: now.toISOString(),
    });
    const context = { ...SYSTEM_CONTEXT, requestId: `checkpoint-${head.size}` };
    if (full) {
      const { size, root, head: headHash, time, keyId, note } = head;
      enqueue(batch, 'checkpoint', context, { size, root, head: headHash, time, keyId, note, merkle: state.tree.state() });
      lastCheckpointAt = now;
    } else {
      enqueue(batch, 'checkpoint', context, { note: head.note });
    }
    batch.full = full;
    batch.sealedBy = head;
  };

  const writeBatch = async (batch: Batch): Promise<void> => {
    const data = Buffer.from(`${batch.lines.join('\n')}\n`);
    if (state.segmentBytes > 0 && state.segmentBytes + data.length > segmentLimit) {
      await segment.close();
      state.segmentIndex++;
      state.segmentBytes = 0;
      segment = await open(join(path, segmentName(state.segmentIndex)), 'ax', 0o640);
      await fsyncDir(path);
    }
    if (io === null && ioThreadAfterMs !== false && performance.now() - openedAt >= ioThreadAfterMs) io = startDurableIo();
    if (io) await io.write(segment.fd, data, true);
    else {
      let offset = 0;
      while (offset < data.length) offset += (await segment.write(data, offset, data.length - offset)).bytesWritten;
      await segment.datasync();
    }
    state.segmentBytes += data.length;
    stats.fsyncs++;
    stats.heads++;
    stats.records += batch.lines.length;
    if (batch.full && batch.sealedBy) {
      if (io) await io.write(checkpointFile.fd, Buffer.from(`${batch.sealedBy.note}\n`), true);
      else {
        await checkpointFile.write(`${batch.sealedBy.note}\n`);
        await checkpointFile.datasync();
      }
      stats.checkpoints++;
      ship(batch.sealedBy);
    }
  };

  const ship = (checkpoint: Checkpoint): void => {
    if (!forwarder) return;
    const sending = forwarder.send(checkpoint).then(
      () => void stats.syslogSent++,
      (error: unknown) => {
        stats.syslogFailures++;
        warn(
          `audit: checkpoint ${checkpoint.chain}/${checkpoint.size} not forwarded to syslog ${options.syslog?.host}:${options.syslog?.port}: ${(error as Error).message}`,
        );
      },
    );
    shipping.add(sending);
    void sending.finally(() => shipping.delete(sending));
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    if (pending.lines.length === 0 && !pending.full) return;
    await signer.refresh(clock().getTime());
    const batch = pending;
    pending = newBatch();
    try {
      seal(batch);
      await writeBatch(batch);
      batch.resolve();
    } catch (error) {
      // Seq and hashes were handed out for records that may not be on disk: stop accepting records (fail closed).
      failure = new OtqError(
        'AUDIT_FAILED',
        `audit log ${dir} (chain ${chain}): write failed, the log refuses further records until restarted: ${(error as Error).message}`,
        { cause: error },
      );
      batch.reject(failure);
      pending.reject(failure);
    }
  };

  const needsFlush = (): boolean => (pending.lines.length > 0 || pending.full) && failure === null;
  const scheduleFlush = (): void => {
    if (scheduled || flushing) return;
    scheduled = true;
    setImmediate(() => {
      flushing = flush().finally(() => {
        flushing = null;
        if (needsFlush()) scheduleFlush();
      });
    });
  };

  const drain = async (): Promise<void> => {
    while (scheduled || flushing || needsFlush()) {
      if (!scheduled && !flushing) scheduleFlush();
      await (flushing ?? new Promise((r) => setImmediate(r)));
    }
  };

  const usable = (): void => {
    if (failure) throw failure;
    if (closed) throw new OtqError('AUDIT_FAILED', `audit log ${dir} (chain ${chain}) is closed`);
  };

  /** Asks for a full checkpoint in the next batch and waits for it. */
  const fullCheckpoint = async (): Promise<Checkpoint> => {
    const batch = pending;
    batch.full = true;
    scheduleFlush();
    await batch.done;
    return batch.sealedBy as Checkpoint;
  };

  const log: FileAuditLog = {
    dir,
    chain,
    get publicKeyPem() {
      return signer.publicKeyPem;
    },
    async record(kind, context, payload) {
      usable();
      const batch = pending;
      const record = enqueue(batch, kind, context, maskSecrets(payload));
      scheduleFlush();
      await batch.done;
      return record;
    },
    checkpoint() {
      usable();
      return fullCheckpoint();
    },
    async checkpointIfDue() {
      if (closed || failure) return null;
      if (clock().getTime() - lastCheckpointAt.getTime() < intervalMs) return null;
      return fullCheckpoint();
    },
    stats: () => ({ ...stats }),
    async close() {
      if (closed) return;
      clearInterval(timer);
      await drain();
      if (failure === null && state.sinceCheckpoint > 0) await fullCheckpoint().catch(() => undefined);
      closed = true;
      await drain();
      await Promise.allSettled([...shipping]);
      await forwarder?.close().catch(() => undefined);
      await io?.close();
      await segment.close();
      await checkpointFile.close();
      await lock.release();
      if (failure) throw failure;
    },
  };

  const timer = setInterval(
    () => {
      log.checkpointIfDue().catch((error: unknown) => warn(`audit: idle checkpoint failed: ${(error as Error).message}`));
    },
    Math.min(intervalMs, 60_000),
  );
  timer.unref();

  const { removal, tornNote } = opened;
  if (removal || tornNote || lock.staleHolderPid !== null) {
    const payload: JsonObject = { action: 'start-up repair', chain };
    if (lock.staleHolderPid !== null)
      payload.staleLock = {
        pid: lock.staleHolderPid,
        note: 'the previous writer of this chain died without closing it; its lock was taken over',
      };
    if (removal) payload.uncovered = { ...removal, note: 'written but never acknowledged: no signed head covered them' };
    if (tornNote) payload.tornCheckpointNote = { file: CHECKPOINTS_FILE, ...tornNote };
    await log.record('recovery', SYSTEM_CONTEXT, payload);
  }
  return log;
}
