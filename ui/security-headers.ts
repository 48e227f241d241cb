// Security headers on every response: a strict CSP (no inline code, same-origin connections only) and the usual hardening.
import type { MiddlewareHandler } from 'hono';

/** The page loads only its own scripts, styles, fonts and images; it connects only to the origin that served it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=(), serial=()'],
];

/**
 * Sets the headers on the finished response in place. (`c.header()` after the handler rebuilds the response from its
 * body on every call: the JSON string became a stream that the Node adapter then re-encoded chunk by chunk.) A
 * response whose headers are immutable (a fetched or redirect Response) goes through `c.header()`, which copies it.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  try {
    for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  } catch {
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  }
};
