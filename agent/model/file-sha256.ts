// sha256 of a model file, computed once and cached by path, size and mtime (multi-GB GGUFs take a minute to hash).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

interface CacheEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * Returns the hex sha256 of `filePath`. The cache file (JSON, keyed by absolute path) is reused only while
 * the file's size and mtime are unchanged, so a replaced model file is always re-hashed.
 */
export async function fileSha256(filePath: string, cacheFile: string): Promise<string> {
  const info = await stat(filePath);
  const cache = await readCache(cacheFile);
  const hit = cache[filePath];
  if (hit && hit.size === info.size && hit.mtimeMs === info.mtimeMs) return hit.sha256;
  const sha256 = await hashFile(filePath);
  cache[filePath] = { size: info.size, mtimeMs: info.mtimeMs, sha256 };
  await mkdir(dirname(cacheFile), { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(cache, null, 2));
  await rename(tmp, cacheFile);
  return sha256;
}

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readCache(cacheFile: string): Promise<Record<string, CacheEntry>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(cacheFile, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, CacheEntry>) : {};
  } catch {
    return {};
  }
}
