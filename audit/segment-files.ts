// Files of a log directory: segment names and order, directory fsync, and a fast streaming line reader.
import { createReadStream } from 'node:fs';
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
 * Reads a file in 1 MiB chunks and calls `visit` for each line, synchronously (no promise per line,
 * which keeps verification near disk speed). Splitting happens on the byte 0x0A before UTF-8
 * decoding, so a chunk boundary never splits a character. Resolves false if the visitor stopped.
 */
export async function scanLines(path: string, visit: LineVisitor, chunkBytes = 1 << 20): Promise<boolean> {
  let carry: Buffer | null = null;
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      let nl = data.indexOf(0x0a, start);
      while (nl >= 0) {
        if (visit(data.toString('utf8', start, nl), true) === false) return false;
        start = nl + 1;
        nl = data.indexOf(0x0a, start);
      }
      carry = start < data.length ? data.subarray(start) : null;
    }
  } finally {
    stream.destroy();
  }
  if (carry && visit(carry.toString('utf8'), false) === false) return false;
  return true;
}
