// Constant-time comparison of secrets of any length (tokens, signatures).
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares digests so that neither content nor length leaks through timing. */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && Buffer.byteLength(a) === Buffer.byteLength(b);
}

/** True when `candidate` equals any of `secrets`; every secret is compared (no early exit). */
export function matchesAny(candidate: string, secrets: string[]): boolean {
  let found = false;
  for (const secret of secrets) found = safeEqual(candidate, secret) || found;
  return found;
}
