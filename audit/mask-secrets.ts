// Masks secrets in audit payloads before they are hashed: values of secret-named keys, URL passwords, bearer tokens.
import type { JsonObject, JsonValue } from '../core/json.ts';

/** What a masked value becomes. */
export const MASK = '***';

/**
 * Key names (lower-cased, `-`/`_` removed) whose values are secrets when the name ends with one of these.
 * Suffix matching catches `dbPassword`, `bot_token`, `x-api-key`; `promptTokens` does not end in `token`.
 */
const SECRET_SUFFIXES = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'sessionid',
];

/** `scheme://user:password@host` → keeps the user, masks the password. */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):([^\s/?#]*)@/gi;
/** libpq keyword form `password=...` and query strings `?password=...&`. */
const KEYWORD_SECRET = /([a-z0-9_]*(?:password|passwd|pwd|token|secret|api[_-]?key))=('[^']*'|[^\s&;]*)/gi;
/** `Authorization: <scheme> <credentials>` header text. */
const AUTH_HEADER = /(authorization:\s*[A-Za-z]+)\s+\S+/gi;
/** A bare bearer token (at least 8 token characters, so prose like "bearer of" is left alone). */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** One scan tells whether a text can hold any secret pattern at all (most payload strings cannot). */
const SECRET_HINT = /:\/\/|password|passwd|pwd|token|secret|api[_-]?key|bearer|authorization/i;

/** True for key names whose values must never be logged. */
export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_\s]/g, '');
  return SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix));
}

/** Masks passwords and tokens embedded in free text (DSNs, URLs, headers, error messages). */
export function maskSecretText(text: string): string {
  if (!SECRET_HINT.test(text)) return text;
  return text
    .replace(URL_USERINFO, `$1:${MASK}@`)
    .replace(KEYWORD_SECRET, `$1=${MASK}`)
    .replace(AUTH_HEADER, `$1 ${MASK}`)
    .replace(BEARER, `$1 ${MASK}`);
}

/** A deep copy of `value` with every secret masked. Non-null values of secret-named keys become `***`. */
export function maskSecrets(value: JsonObject): JsonObject {
  return maskObject(value);
}

function maskValue(value: JsonValue): JsonValue {
  if (typeof value === 'string') return maskSecretText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value !== null && typeof value === 'object') return maskObject(value);
  return value;
}

function maskObject(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out[key] = member !== null && isSecretKey(key) ? MASK : maskValue(member);
  }
  return out;
}
