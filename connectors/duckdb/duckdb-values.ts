// Converts DuckDB values into JSON-safe cells: ISO-8601 instants, exact big integers and decimals, nested values as JSON text.
import {
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBUnionValue,
  DuckDBVariantValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Cell } from '../connector.ts';
import type { JsonValue } from '../../core/json.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
/** Date supports +-8.64e15 ms; DuckDB timestamps reach further (year 294247), those keep DuckDB's own text. */
const MAX_DATE_MS = 8_640_000_000_000_000n;

/**
 * One DuckDB value as a JSON-safe cell.
 * Instants (TIMESTAMP, TIMESTAMPTZ) become ISO-8601 UTC strings with `Z` (TIMESTAMP without zone is read as UTC);
 * DATE becomes `YYYY-MM-DD` (a calendar day has no offset); integers beyond 2^53 and decimals that a double
 * cannot hold exactly become strings; NaN/Infinity become strings; lists, structs and maps become JSON text.
 */
export function toCell(value: DuckDBValue): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  const json = toJsonValue(value);
  if (json === null || typeof json !== 'object') return json;
  return JSON.stringify(json);
}

/** The JSON form of a DuckDB value; nested values keep their structure (used for lists, structs and maps). */
export function toJsonValue(value: DuckDBValue): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return bigintToCell(value);
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) {
    return value.isFinite ? microsToIso(value.micros, value) : value.toString();
  }
  if (value instanceof DuckDBDecimalValue) return decimalToCell(value);
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return value.isFinite ? microsToIso(value.millis * 1000n, value) : value.toString();
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return value.isFinite ? microsToIso(value.seconds * 1_000_000n, value) : value.toString();
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) return nanosToIso(value);
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toJsonValue);
  if (value instanceof DuckDBStructValue) {
    const out: Record<string, JsonValue> = {};
    for (const [key, entry] of Object.entries(value.entries)) out[key] = toJsonValue(entry);
    return out;
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map((entry) => ({ key: toJsonValue(entry.key), value: toJsonValue(entry.value) }));
  }
  if (value instanceof DuckDBUnionValue) return { tag: value.tag, value: toJsonValue(value.value) };
  if (value instanceof DuckDBVariantValue) return toJsonValue(value.value);
  return String(value);
}

/** A BIGINT/HUGEINT as a number when it is a safe integer, else its exact decimal text. */
function bigintToCell(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

/** A DECIMAL as a number when the double prints back to the same decimal, else its exact text. */
function decimalToCell(value: DuckDBDecimalValue): number | string {
  const text = value.toString();
  const asNumber = Number(text);
  return String(asNumber) === canonicalDecimal(text) ? asNumber : text;
}

/** `1.5000` -> `1.5`, `-2.000` -> `-2`, `-0.00` -> `0`: the form `String(number)` prints. */
function canonicalDecimal(text: string): string {
  let out = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  if (out === '-0') out = '0';
  return out;
}

function microsToIso(micros: bigint, original: { toString(): string }): string {
  const subMillis = ((micros % 1000n) + 1000n) % 1000n;
  const millis = (micros - subMillis) / 1000n;
  if (millis > MAX_DATE_MS || millis < -MAX_DATE_MS) return original.toString();
  const iso = new Date(Number(millis)).toISOString();
  if (subMillis === 0n) return iso;
  return `${iso.slice(0, -1)}${subMillis.toString().padStart(3, '0')}Z`;
}

function nanosToIso(value: DuckDBTimestampNanosecondsValue): string {
  if (!value.isFinite) return value.toString();
  const subMicros = ((value.nanos % 1000n) + 1000n) % 1000n;
  const iso = microsToIso((value.nanos - subMicros) / 1000n, value);
  if (subMicros === 0n || !iso.endsWith('Z')) return iso;
  const withMicros = iso.length === 24 ? `${iso.slice(0, -1)}000Z` : iso;
  return `${withMicros.slice(0, -1)}${subMicros.toString().padStart(3, '0')}Z`;
}
