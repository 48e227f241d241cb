// Files of a log directory: segment names and order, directory fsync, and a fast streaming line reader.
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Checkpoint notes, one after another, each followed by a blank line. */
export const CHECKPOINTS_FILE = 'checkpoints.txt';
/** Copy of the public key, written at start so `verify` works without the private key. */
export const PUBLIC_KEY_FILE = 'audit-pubkey.pem';

const SEGMENT = /^segment-(\d{6,})\.jsonl$/;

/** Segment file name for a 1-based segment number. */
export function segmentName(index: number): string {
  return `segment-${String(index).padStart(6, '0')}.jsonl`;
}

/** Segments of `dir` in log order, with their numbers. */
export async function listSegments(dir: string): Promise<{ index: number; name: string; path: string }[]> {
  const names = await readdir(dir);
  const segments: { index: number; name: string; path: string }[] = [];
  for (const name of names) {
    const match = SEGMENT.exec(name);
    if (match) segments.push({ index: Number(match[1]), name, path: join(dir, name) });
  }
  return segments.sort((a, b) => a.index - b.index);
}

/** fsync of a directory, so a created/renamed file's entry survives a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Called per line (without its newline); `complete` is false for a final line with no newline. Return false to stop. */
export type LineVisitor = (text: string, complete: boolean) => boolean | void;

/**
 * Called per block of a file: with `complete`, one or more whole lines each ending in `\n`; without, the
 * final bytes after the last newline. The block is a view into a reused buffer, valid only during the call.
 * Blocks follow each other without gaps, so a visitor can count offsets. Return false to stop.
 */
export type BlockVisitor = (block: Buffer, complete: boolean) => boolean | void;

/**
 * Reads a file with large sequential reads into one reused buffer and hands over the whole lines of each
 * read at once (a line longer than the buffer grows it). No promise, copy or string per line, which keeps
 * verification near disk speed. Starts at byte `from`. Resolves false if the visitor stopped.
 */
export async function scanBlocks(path: string, visit: BlockVisitor, chunkBytes = 4 << 20, from = 0): Promise<boolean> {
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let filled = 0;
  let position = from;
  const handle = await open(path, 'r');
  try {
    for (;;) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const end = filled + bytesRead;
      const lastNl = buffer.lastIndexOf(0x0a, end - 1);
      if (lastNl < filled) {
        filled = end;
        continue;
      }
      if (visit(buffer.subarray(0, lastNl + 1), true) === false) return false;
      filled = end - (lastNl + 1);
      if (filled > 0) buffer.copyWithin(0, lastNl + 1, end);
    }
  } finally {
    await handle.close();
  }
  if (filled > 0 && visit(buffer.subarray(0, filled), false) === false) return false;
  return true;
}

/** Calls `visit` for each line of a file, decoded as UTF-8 (split on the byte 0x0A first, so no character is split). */
export async function scanLines(path: string, visit: LineVisitor, chunkBytes = 1 << 20): Promise<boolean> {
  return scanBlocks(
    path,
    (block, complete) => {
      if (!complete) return visit(block.toString('utf8'), false);
      let start = 0;
      for (let nl = block.indexOf(0x0a); nl >= 0; nl = block.indexOf(0x0a, start)) {
        if (visit(block.toString('utf8', start, nl), true) === false) return false;
        start = nl + 1;
      }
      return true;
    },
    chunkBytes,
  );
}

/**
 * Calls `visit` for the complete lines of a file from the last one backwards, with the byte offset where each
 * starts. Bytes after the last newline are not visited; `tailStart` says where they begin (= size when the file ends
 * in a newline). Reads blocks from the end, so looking at the last lines of a large segment costs little. Stops
 * when `visit` returns false.
 */
export async function scanLinesBackward(
  path: string,
  visit: (line: Buffer, offset: number) => boolean,
  blockBytes = 1 << 20,
): Promise<{ size: number; tailStart: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    let end = size;
    /** Bytes [end, end + pending.length): the not yet visited start of a line (or, before the tail was found, the tail). */
    let pending = Buffer.alloc(0);
    let tailStart = -1;
    while (end > 0) {
      const start = Math.max(0, end - blockBytes);
      const block = Buffer.allocUnsafe(end - start);
      for (let read = 0; read < block.length;) {
        const { bytesRead } = await handle.read(block, read, block.length - read, start + read);
        if (bytesRead === 0) throw new Error(`${path} shrank while it was read`);
        read += bytesRead;
      }
      const data = pending.length > 0 ? Buffer.concat([block, pending]) : block;
      let lineEnd = data.length;
      if (tailStart < 0) {
        const lastNl = data.lastIndexOf(0x0a);
        if (lastNl < 0) {
          pending = data;
          end = start;
          continue;
        }
        tailStart = start + lastNl + 1;
        lineEnd = lastNl;
      }
      for (;;) {
        const nl = lineEnd > 0 ? data.lastIndexOf(0x0a, lineEnd - 1) : -1;
        if (nl < 0 && start > 0) break;
        if (!visit(data.subarray(nl + 1, lineEnd), start + nl + 1)) return { size, tailStart };
        if (nl < 0) break;
        lineEnd = nl;
      }
      pending = data.subarray(0, lineEnd);
      end = start;
    }
    return { size, tailStart: tailStart < 0 ? 0 : tailStart };
  } finally {
    await handle.close();
  }
}
