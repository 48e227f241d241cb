// Bearer API tokens: random, shown once, stored only as sha256 hex in otq.yaml, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix that makes otq tokens recognisable to secret scanners. */
export const TOKEN_PREFIX = 'otq_';

/** A new token (256 random bits) and the hash to put in `server.auth.tokens`. */
export function createApiToken(): { token: string; sha256: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, sha256: hashApiToken(token) };
}

/** sha256 hex of the token text. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The user of the configured token matching `presented`, or undefined. Checks every entry (no early exit). */
export function findTokenUser(tokens: readonly { sha256: string; user: string }[], presented: string): string | undefined {
  const hash = Buffer.from(hashApiToken(presented), 'hex');
  let user: string | undefined;
  for (const entry of tokens) {
    if (timingSafeEqual(hash, Buffer.from(entry.sha256, 'hex')) && user === undefined) user = entry.user;
  }
  return user;
}
