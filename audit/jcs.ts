// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes every audit record hash is computed over.
import { OtqError } from '../core/errors.ts';
import type { JsonValue } from '../core/json.ts';

/** A lone UTF-16 surrogate (with the `u` flag a valid pair is one code point, so only lone halves match). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Serialises a JSON value in RFC 8785 canonical form: no whitespace, object members sorted by the
 * UTF-16 code units of their names, numbers in ECMAScript shortest round-trip form, strings with the
 * minimal ECMAScript JSON escapes. Refuses what RFC 8785 refuses: NaN/Infinity and lone surrogates.
 * `undefined` members are skipped like JSON.stringify does, so optional fields never change a hash.
 */
export function canonicalize(value: JsonValue): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new OtqError('AUDIT_FAILED', `JCS: ${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
      return canonicalObject(value);
    default:
      throw new OtqError('AUDIT_FAILED', `JCS: a ${typeof value} is not a JSON value`);
  }
}

function canonicalString(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new OtqError('AUDIT_FAILED', 'JCS: string holds a lone UTF-16 surrogate (not valid Unicode)');
  return JSON.stringify(text);
}

function canonicalObject(value: { [key: string]: JsonValue }): string {
  // Default sort compares UTF-16 code units, which is exactly the RFC 8785 member order.
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${canonicalString(key)}:${canonicalize(member)}`;
    first = false;
  }
  return `${out}}`;
}
