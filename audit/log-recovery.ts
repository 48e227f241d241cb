// Start-up of a chain writer: quarantine what no signed head covers, then rebuild seq, head hash and Merkle state.
import { hash } from 'node:crypto';
import { open, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { completeNotesLength } from './checkpoint-note.ts';
import { createCompactTree, type CompactTree } from './merkle.ts';
import { checkLine, ZERO_HASH } from './record-codec.ts';
import { fsyncDir, listSegments, scanLinesBackward, scanLines } from './segment-files.ts';

/** What start-up removed from the end of a chain, for the `recovery` record. */
export interface TailRemoval {
  segment: string;
  /** Byte offset in the segment where the removed bytes started. */
  offset: number;
  removedBytes: number;
  /** SHA-256 (hex) of the removed bytes, so the quarantine file can be matched to the record. */
  removedSha256: string;
  quarantineFile: string;
  /** Complete records among the removed bytes (written, never acknowledged), and their seq range. */
  records: number;
  firstSeq: number | null;
  lastSeq: number | null;
  reason: string;
}

/** Where the writer continues. */
export interface LogState {
  seq: number;
  head: string;
  tree: CompactTree;
  /** Records (heads included) after the last full checkpoint. */
  sinceCheckpoint: number;
  /** Time of the last full checkpoint, or null if none. */
  lastCheckpointAt: Date | null;
  segmentIndex: number;
  segmentBytes: number;
}

const isHeadLine = (line: Buffer): boolean => line.includes('"kind":"checkpoint"');

/**
 * Cuts off the end of the last segment that no signed head covers: records of a batch whose head never reached the
 * disk, and a torn last line. None of them was acknowledged (a caller resolves only once its batch's head is
 * durable), so nothing acknowledged is ever removed. The bytes go to a quarantine file first (fsynced), then the
 * segment is truncated. Only the tail is touched: damage earlier is left for `verify` to report.
 */
export async function quarantineUncovered(dir: string, segmentPath: string, segmentName: string, now: Date): Promise<TailRemoval | null> {
  let cut = 0;
  let lastValid: { seq: number } | null = null;
  let firstSeq: number | null = null;
  let records = 0;
  const { size, tailStart } = await scanLinesBackward(segmentPath, (line, offset) => {
    const check = checkLine(line.toString('utf8'));
    if (check.ok && check.record.kind === 'checkpoint') {
      cut = offset + line.length + 1;
      return false;
    }
    if (check.ok) {
      records++;
      firstSeq = check.record.seq;
      lastValid ??= { seq: check.record.seq };
    }
    return true;
  });
  if (cut === size) return null;
  const data = await readRange(segmentPath, cut, size);
  const torn = tailStart < size ? 'the last line has no newline (torn write)' : '';
  const uncovered = records > 0 ? `${records} record(s) after the last signed head (their batch's head never reached the disk)` : '';
  const reason = [uncovered, torn].filter(Boolean).join('; ') || 'invalid lines after the last signed head';
  const quarantineFile = `quarantine-${now.toISOString().replace(/[:.]/g, '-')}-${segmentName}.bin`;
  await writeFile(join(dir, quarantineFile), data, { flag: 'wx', mode: 0o600 });
  const q = await open(join(dir, quarantineFile), 'r');
  await q.sync();
  await q.close();
  await fsyncDir(dir);
  await truncate(segmentPath, cut);
  const s = await open(segmentPath, 'r+');
  await s.sync();
  await s.close();
  return {
    segment: segmentName,
    offset: cut,
    removedBytes: data.length,
    removedSha256: hash('sha256', data, 'hex'),
    quarantineFile,
    records,
    firstSeq,
    lastSeq: (lastValid as { seq: number } | null)?.seq ?? null,
    reason,
  };
}

async function readRange(path: string, from: number, to: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const data = Buffer.alloc(to - from);
    for (let read = 0; read < data.length;) {
      const { bytesRead } = await handle.read(data, read, data.length - read, from + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return data;
  } finally {
    await handle.close();
  }
}

interface Resume {
  segmentPos: number;
  /** Byte offset of the full checkpoint record in that segment. */
  offset: number;
  tree: CompactTree;
  seq: number;
  head: string;
}

/**
 * Rebuilds the writer state. Looks backwards (reading from the end of the segments) for the last full checkpoint
 * record, which carries the Merkle compact range, resumes the tree there and replays only the records after it.
 */
export async function restoreLogState(dir: string): Promise<LogState> {
  const segments = await listSegments(dir);
  let resume: Resume = { segmentPos: 0, offset: 0, tree: createCompactTree(), seq: 0, head: ZERO_HASH };
  for (let pos = segments.length - 1; pos >= 0; pos--) {
    let found: Resume | null = null;
    await scanLinesBackward((segments[pos] as { path: string }).path, (line, offset) => {
      if (!isHeadLine(line)) return true;
      const record = JSON.parse(line.toString('utf8')) as {
        seq: number;
        prev: string;
        kind: string;
        payload: { size?: number; merkle?: string[] };
      };
      const { size, merkle } = record.payload;
      if (record.kind !== 'checkpoint' || size !== record.seq - 1 || !Array.isArray(merkle)) return true;
      found = { segmentPos: pos, offset, tree: createCompactTree(size, merkle), seq: size, head: record.prev };
      return false;
    });
    if (found) {
      resume = found;
      break;
    }
  }
  const state: LogState = {
    seq: resume.seq,
    head: resume.head,
    tree: resume.tree,
    sinceCheckpoint: 0,
    lastCheckpointAt: null,
    segmentIndex: 0,
    segmentBytes: 0,
  };
  for (let pos = resume.segmentPos; pos < segments.length; pos++) {
    const segment = segments[pos] as { path: string; name: string };
    let offset = 0;
    await scanLines(segment.path, (text) => {
      const at = offset;
      offset += Buffer.byteLength(text) + 1;
      if (pos === resume.segmentPos && at < resume.offset) return;
      const record = JSON.parse(text) as { seq: number; hash: string; kind: string; ts: string; payload: { merkle?: unknown } };
      if (record.seq !== state.seq + 1) {
        throw new OtqError(
          'AUDIT_FAILED',
          `audit chain ${dir}: ${segment.name} has seq ${record.seq} after ${state.seq}; the chain is damaged. Run \`otq audit verify\` and keep a copy before moving the chain aside.`,
        );
      }
      state.seq = record.seq;
      state.head = record.hash;
      state.tree.appendRecord(record.hash);
      if (record.kind === 'checkpoint' && record.payload.merkle !== undefined) {
        state.sinceCheckpoint = 0;
        state.lastCheckpointAt = new Date(record.ts);
      } else {
        state.sinceCheckpoint++;
      }
    });
  }
  const last = segments[segments.length - 1];
  if (last) {
    const handle = await open(last.path, 'r');
    state.segmentBytes = (await handle.stat()).size;
    await handle.close();
    state.segmentIndex = last.index;
  }
  return state;
}

/**
 * Cuts a torn note off the end of the checkpoints file (a crash between the log's fsync and the note's),
 * so the next note starts on a clean boundary. Returns what was removed, or null.
 */
export async function trimCheckpointsFile(path: string): Promise<{ removedBytes: number; removedSha256: string } | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const keep = completeNotesLength(text);
  if (keep === text.length) return null;
  const removed = Buffer.from(text.slice(keep));
  await truncate(path, Buffer.byteLength(text.slice(0, keep)));
  return { removedBytes: removed.length, removedSha256: hash('sha256', removed, 'hex') };
}
