// The evidence log writer: one process per directory, group-committed fsynced JSONL segments, signed checkpoints.
import { mkdir, open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import { acquireAuditLock } from './audit-lock.ts';
import type { AuditContext, AuditKind, AuditLog, AuditRecord } from './audit-record.ts';
import { signCheckpoint, type Checkpoint } from './checkpoint-note.ts';
import { quarantineTornTail, restoreLogState, trimCheckpointsFile, type LogState, type TailRemoval } from './log-recovery.ts';
import { maskSecrets } from './mask-secrets.ts';
import { encodeRecord } from './record-codec.ts';
import { CHECKPOINTS_FILE, PUBLIC_KEY_FILE, fsyncDir, listSegments, segmentName } from './segment-files.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';
import { createSyslogForwarder, type SyslogForwarder, type SyslogTarget } from './syslog-forwarder.ts';

export interface FileAuditLogOptions {
  /** Log directory (created 0700 when absent). */
  dir: string;
  /** Records between checkpoints (default 1000). */
  checkpointEvery?: number;
  /** Longest time without a checkpoint, even when idle (default 1 h). */
  checkpointIntervalMs?: number;
  /** Ed25519 private key (PEM); default `<dir>/../audit-key.pem`, generated with mode 0600. */
  keyFile?: string;
  /** Forward every checkpoint as an RFC 5424 line; the host must be in `egressAllowedHosts`. */
  syslog?: SyslogTarget;
  egressAllowedHosts?: string[];
  /** Rotate to a new segment when the current one would exceed this (default 64 MiB). */
  segmentBytes?: number;
  /** Injectable clock (tests); timestamps are its UTC ISO form. */
  clock?: () => Date;
  /** Non-fatal trouble (a checkpoint that could not be forwarded). Default: ignored. */
  onWarning?: (message: string) => void;
}

/** Counters a caller (tests, /metrics) can observe. */
export interface AuditLogStats {
  records: number;
  /** write+fdatasync rounds of the log; one per group-committed batch. */
  fsyncs: number;
  checkpoints: number;
  syslogSent: number;
  syslogFailures: number;
}

export interface FileAuditLog extends AuditLog {
  readonly dir: string;
  /** SPKI PEM of the checkpoint key (what `otq audit pubkey` prints). */
  readonly publicKeyPem: string;
  /** Signs and writes a checkpoint now; resolves when durable. */
  checkpoint(): Promise<Checkpoint>;
  /** Writes a checkpoint if `checkpointIntervalMs` passed since the last one (the idle timer calls this). */
  checkpointIfDue(): Promise<Checkpoint | null>;
  stats(): AuditLogStats;
}

const SYSTEM_CONTEXT: AuditContext = { principal: null, channel: 'system', requestId: 'audit' };

interface Batch {
  lines: string[];
  checkpoints: Checkpoint[];
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
  return { lines: [], checkpoints: [], done, resolve: resolveFn, reject: rejectFn };
}

/**
 * Opens (or creates) the evidence log in `options.dir`. Takes the writer lock, quarantines a torn tail,
 * rebuilds its state and writes a `recovery` record when it had to repair anything.
 */
export async function createFileAuditLog(options: FileAuditLogOptions): Promise<FileAuditLog> {
  const dir = resolve(options.dir);
  const clock = options.clock ?? (() => new Date());
  const checkpointEvery = options.checkpointEvery ?? 1000;
  const intervalMs = options.checkpointIntervalMs ?? 3_600_000;
  const segmentLimit = options.segmentBytes ?? 64 * 1024 * 1024;
  const warn = options.onWarning ?? (() => undefined);
  const forwarder: SyslogForwarder | null = options.syslog ? createSyslogForwarder(options.syslog, options.egressAllowedHosts ?? []) : null;

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = await acquireAuditLock(dir, clock());
  let key: SigningKey;
  let state: LogState;
  let removal: TailRemoval | null = null;
  let tornNote: { removedBytes: number; removedSha256: string } | null = null;
  let segment: FileHandle;
  let checkpointFile: FileHandle;
  try {
    key = await loadOrCreateSigningKey(options.keyFile ? resolve(options.keyFile) : join(dirname(dir), 'audit-key.pem'));
    await pinPublicKey(dir, key.publicKeyPem);
    const segments = await listSegments(dir);
    const last = segments[segments.length - 1];
    if (last) removal = await quarantineTornTail(dir, last.path, last.name, clock());
    tornNote = await trimCheckpointsFile(join(dir, CHECKPOINTS_FILE));
    state = await restoreLogState(dir);
    if (state.segmentIndex === 0) state.segmentIndex = 1;
    segment = await open(join(dir, segmentName(state.segmentIndex)), 'a', 0o640);
    checkpointFile = await open(join(dir, CHECKPOINTS_FILE), 'a', 0o640);
    await fsyncDir(dir);
  } catch (error) {
    await lock.release();
    throw error;
  }

  const stats: AuditLogStats = { records: state.seq, fsyncs: 0, checkpoints: 0, syslogSent: 0, syslogFailures: 0 };
  let pending = newBatch();
  let flushing: Promise<void> | null = null;
  let scheduled = false;
  let failure: OtqError | null = null;
  let closed = false;
  const shipping = new Set<Promise<void>>();
  let lastCheckpointAt = state.lastCheckpointAt ?? clock();

  const enqueue = (kind: AuditKind, context: AuditContext, payload: JsonObject): AuditRecord => {
    const { record, line } = encodeRecord({
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
    state.sinceCheckpoint = kind === 'checkpoint' ? 0 : state.sinceCheckpoint + 1;
    pending.lines.push(line);
    return record;
  };

  const enqueueCheckpoint = (): Checkpoint => {
    const now = clock();
    const checkpoint = signCheckpoint(key.privateKey, key.publicKey, {
      size: state.seq,
      root: state.tree.root().toString('hex'),
      head: state.head,
      time: now.toISOString(),
    });
    const merkle = state.tree.state();
    enqueue(
      'checkpoint',
      { ...SYSTEM_CONTEXT, requestId: `checkpoint-${checkpoint.size}` },
      {
        size: checkpoint.size,
        root: checkpoint.root,
        head: checkpoint.head,
        time: checkpoint.time,
        keyId: checkpoint.keyId,
        note: checkpoint.note,
        merkle,
      },
    );
    pending.checkpoints.push(checkpoint);
    lastCheckpointAt = now;
    return checkpoint;
  };

  const writeBatch = async (batch: Batch): Promise<void> => {
    const data = Buffer.from(`${batch.lines.join('\n')}\n`);
    if (state.segmentBytes > 0 && state.segmentBytes + data.length > segmentLimit) {
      await segment.close();
      state.segmentIndex++;
      state.segmentBytes = 0;
      segment = await open(join(dir, segmentName(state.segmentIndex)), 'ax', 0o640);
      await fsyncDir(dir);
    }
    let offset = 0;
    while (offset < data.length) offset += (await segment.write(data, offset, data.length - offset)).bytesWritten;
    await segment.datasync();
    state.segmentBytes += data.length;
    stats.fsyncs++;
    stats.records += batch.lines.length;
    if (batch.checkpoints.length > 0) {
      await checkpointFile.write(batch.checkpoints.map((c) => `${c.note}\n`).join(''));
      await checkpointFile.datasync();
      stats.checkpoints += batch.checkpoints.length;
      for (const c of batch.checkpoints) ship(c);
    }
  };

  const ship = (checkpoint: Checkpoint): void => {
    if (!forwarder) return;
    const sending = forwarder.send(checkpoint).then(
      () => void stats.syslogSent++,
      (error: unknown) => {
        stats.syslogFailures++;
        warn(
          `audit: checkpoint ${checkpoint.size} not forwarded to syslog ${options.syslog?.host}:${options.syslog?.port}: ${(error as Error).message}`,
        );
      },
    );
    shipping.add(sending);
    void sending.finally(() => shipping.delete(sending));
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    if (pending.lines.length === 0) return;
    const batch = pending;
    pending = newBatch();
    try {
      await writeBatch(batch);
      batch.resolve();
    } catch (error) {
      // Seq and hashes were handed out for records that may not be on disk: stop accepting records (fail closed).
      failure = new OtqError(
        'AUDIT_FAILED',
        `audit log ${dir}: write failed, the log refuses further records until restarted: ${(error as Error).message}`,
        { cause: error },
      );
      batch.reject(failure);
      pending.reject(failure);
    }
  };

  const scheduleFlush = (): void => {
    if (scheduled || flushing) return;
    scheduled = true;
    setImmediate(() => {
      flushing = flush().finally(() => {
        flushing = null;
        if (pending.lines.length > 0 && failure === null) scheduleFlush();
      });
    });
  };

  const drain = async (): Promise<void> => {
    while (scheduled || flushing || (pending.lines.length > 0 && failure === null)) {
      if (!scheduled && !flushing) scheduleFlush();
      await (flushing ?? new Promise((r) => setImmediate(r)));
    }
  };

  const usable = (): void => {
    if (failure) throw failure;
    if (closed) throw new OtqError('AUDIT_FAILED', `audit log ${dir} is closed`);
  };

  const log: FileAuditLog = {
    dir,
    publicKeyPem: key.publicKeyPem,
    async record(kind, context, payload) {
      usable();
      const record = enqueue(kind, context, maskSecrets(payload));
      if (state.sinceCheckpoint >= checkpointEvery) enqueueCheckpoint();
      const batch = pending;
      scheduleFlush();
      await batch.done;
      return record;
    },
    async checkpoint() {
      usable();
      const checkpoint = enqueueCheckpoint();
      const batch = pending;
      scheduleFlush();
      await batch.done;
      return checkpoint;
    },
    async checkpointIfDue() {
      if (closed || failure) return null;
      if (clock().getTime() - lastCheckpointAt.getTime() < intervalMs) return null;
      return log.checkpoint();
    },
    stats: () => ({ ...stats }),
    async close() {
      if (closed) return;
      clearInterval(timer);
      await drain();
      if (failure === null && state.sinceCheckpoint > 0) enqueueCheckpoint();
      closed = true;
      await drain();
      await Promise.allSettled([...shipping]);
      await forwarder?.close().catch(() => undefined);
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

  if (removal || tornNote || lock.staleHolderPid !== null) {
    const payload: JsonObject = { action: 'start-up repair' };
    if (lock.staleHolderPid !== null)
      payload.staleLock = { pid: lock.staleHolderPid, note: 'the previous writer died without closing the log; its lock was taken over' };
    if (removal) payload.tornTail = { ...removal };
    if (tornNote) payload.tornCheckpointNote = { file: CHECKPOINTS_FILE, ...tornNote };
    await log.record('recovery', SYSTEM_CONTEXT, payload);
  }
  return log;
}

/** Keeps `<dir>/audit-pubkey.pem` and refuses a signing key that differs from the one the log was started with. */
async function pinPublicKey(dir: string, publicKeyPem: string): Promise<void> {
  const path = join(dir, PUBLIC_KEY_FILE);
  let existing: string | null = null;
  try {
    existing = await readFile(path, 'utf8');
  } catch {
    await writeFile(path, publicKeyPem, { mode: 0o644 });
    return;
  }
  if (existing !== publicKeyPem) {
    throw new OtqError(
      'AUDIT_FAILED',
      `the audit signing key does not match ${path}: this log was started with another key, and one log cannot be verified with two. Restore the original key file, or use a new audit.dir.`,
    );
  }
}
