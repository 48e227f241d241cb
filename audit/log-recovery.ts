// Start-up of a writer: quarantine a torn tail, then rebuild seq, head hash and Merkle state from the last checkpoint.
import { hash } from 'node:crypto';
import { open, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { completeNotesLength } from './checkpoint-note.ts';
import { createCompactTree, type CompactTree } from './merkle.ts';
import { checkLine, ZERO_HASH } from './record-codec.ts';
import { fsyncDir, listSegments, scanLines } from './segment-files.ts';

/** What start-up removed from the end of the log, for the `recovery` record. */
export interface TailRemoval {
  segment: string;
  /** Byte offset in the segment where the removed bytes started. */
  offset: number;
  removedBytes: number;
  /** SHA-256 (hex) of the removed bytes, so the quarantine file can be matched to the record. */
  removedSha256: string;
  quarantineFile: string;
  reason: string;
}

/** Where the writer continues. */
export interface LogState {
  seq: number;
  head: string;
  tree: CompactTree;
  /** Records after the last checkpoint record. */
  sinceCheckpoint: number;
  /** Time of the last checkpoint record, or null if none. */
  lastCheckpointAt: Date | null;
  segmentIndex: number;
  segmentBytes: number;
}

/**
 * Cuts a torn tail off the last segment: bytes after the last newline, and the last complete line if it
 * is not a valid record (bad JSON or bad hash). The bytes go to a quarantine file first (fsynced), then
 * the segment is truncated. Only the tail is touched: a bad record earlier is left for `verify` to report.
 */
export async function quarantineTornTail(dir: string, segmentPath: string, segmentName: string, now: Date): Promise<TailRemoval | null> {
  const data = await readFile(segmentPath);
  if (data.length === 0) return null;
  const lastNl = data.lastIndexOf(0x0a);
  let cut = lastNl + 1;
  let reason = cut < data.length ? 'last line has no newline (torn write)' : '';
  if (lastNl >= 0) {
    const lineStart = data.lastIndexOf(0x0a, lastNl - 1) + 1;
    const check = checkLine(data.toString('utf8', lineStart, lastNl));
    if (!check.ok) {
      cut = lineStart;
      reason = reason ? `${reason}; the line before it is invalid: ${check.problem}` : `last line is invalid: ${check.problem}`;
    }
  }
  if (cut === data.length) return null;
  const removed = data.subarray(cut);
  const quarantineFile = `quarantine-${now.toISOString().replace(/[:.]/g, '-')}-${segmentName}.bin`;
  await writeFile(join(dir, quarantineFile), removed, { flag: 'wx', mode: 0o600 });
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
    removedBytes: removed.length,
    removedSha256: hash('sha256', removed, 'hex'),
    quarantineFile,
    reason,
  };
}

interface Resume {
  segmentPos: number;
  lineIndex: number;
  tree: CompactTree;
  seq: number;
  head: string;
}

/**
 * Rebuilds the writer state. Looks backwards for the last checkpoint record carrying the Merkle compact
 * range, resumes the tree there and replays only the records after it; without one, replays everything.
 */
export async function restoreLogState(dir: string): Promise<LogState> {
  const segments = await listSegments(dir);
  if (segments.length === 0) {
    return {
      seq: 0,
      head: ZERO_HASH,
      tree: createCompactTree(),
      sinceCheckpoint: 0,
      lastCheckpointAt: null,
      segmentIndex: 0,
      segmentBytes: 0,
    };
  }
  let resume: Resume = { segmentPos: 0, lineIndex: 0, tree: createCompactTree(), seq: 0, head: ZERO_HASH };
  for (let pos = segments.length - 1; pos >= 0; pos--) {
    const lines = (await readFile((segments[pos] as { path: string }).path, 'utf8')).split('\n');
    const found = findResumePoint(lines, pos);
    if (found) {
      resume = found;
      break;
    }
  }
  const tree = resume.tree;
  let seq = resume.seq;
  let head = resume.head;
  let sinceCheckpoint = 0;
  let lastCheckpointAt: Date | null = null;
  for (let pos = resume.segmentPos; pos < segments.length; pos++) {
    let index = 0;
    const segment = segments[pos] as { path: string; name: string };
    await scanLines(segment.path, (text) => {
      if (pos === resume.segmentPos && index++ < resume.lineIndex) return;
      const record = JSON.parse(text) as { seq: number; hash: string; kind: string; ts: string };
      if (record.seq !== seq + 1) {
        throw new OtqError(
          'AUDIT_FAILED',
          `audit log ${dir}: ${segment.name} has seq ${record.seq} after ${seq}; the log is damaged. Run \`otq audit verify\` and keep a copy before starting a new log.`,
        );
      }
      seq = record.seq;
      head = record.hash;
      tree.appendRecord(record.hash);
      if (record.kind === 'checkpoint') {
        sinceCheckpoint = 0;
        lastCheckpointAt = new Date(record.ts);
      } else {
        sinceCheckpoint++;
      }
    });
  }
  const last = segments[segments.length - 1] as { index: number; path: string };
  const handle = await open(last.path, 'r');
  const { size } = await handle.stat();
  await handle.close();
  return { seq, head, tree, sinceCheckpoint, lastCheckpointAt, segmentIndex: last.index, segmentBytes: size };
}

function findResumePoint(lines: string[], segmentPos: number): Resume | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (!line.includes('"kind":"checkpoint"')) continue;
    const record = JSON.parse(line) as { seq: number; prev: string; kind: string; payload: { size?: number; merkle?: string[] } };
    const { size, merkle } = record.payload;
    if (record.kind !== 'checkpoint' || size !== record.seq - 1 || !Array.isArray(merkle)) continue;
    return { segmentPos, lineIndex: i, tree: createCompactTree(size, merkle), seq: size, head: record.prev };
  }
  return null;
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
