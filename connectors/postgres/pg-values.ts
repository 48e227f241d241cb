// Turns PostgreSQL text-format values into JSON-safe cells: exact numbers, ISO-8601 timestamps, everything else as text.
import type { Cell } from '../connector.ts';

/** Built-in type OIDs the connector converts, with the names reported in result columns. */
const builtinTypeNames: ReadonlyMap<number, string> = new Map([
  [16, 'bool'],
  [17, 'bytea'],
  [18, 'char'],
  [19, 'name'],
  [20, 'int8'],
  [21, 'int2'],
  [23, 'int4'],
  [25, 'text'],
  [26, 'oid'],
  [114, 'json'],
  [700, 'float4'],
  [701, 'float8'],
  [790, 'money'],
  [1042, 'bpchar'],
  [1043, 'varchar'],
  [1082, 'date'],
  [1083, 'time'],
  [1114, 'timestamp'],
  [1184, 'timestamptz'],
  [1186, 'interval'],
  [1266, 'timetz'],
  [1700, 'numeric'],
  [2950, 'uuid'],
  [3802, 'jsonb'],
]);

/** The engine's short name of a built-in type, or undefined when the OID must be looked up in pg_type. */
export function builtinTypeName(oid: number): string | undefined {
  return builtinTypeNames.get(oid);
}

/** Converts one text-format value of type `oid` into a cell. `null` stays null. */
export function toCell(oid: number, text: string | null): Cell {
  if (text === null) return null;
  switch (oid) {
    case 16:
      return text === 't';
    case 21:
    case 23:
    case 26:
      return Number(text);
    case 700:
    case 701:
      return finiteOrText(text);
    case 20:
      return exactIntegerOrText(text);
    case 1700:
      return exactDecimalOrText(text);
    case 1184:
      return isoTimestamp(text, true);
    case 1114:
      return isoTimestamp(text, false);
    default:
      return text;
  }
}

function finiteOrText(text: string): Cell {
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

/** int8: a number when it is a safe integer, else the decimal string (no silent rounding). */
function exactIntegerOrText(text: string): Cell {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** numeric: a number when the double prints back to the same decimal (trailing zeros aside), else the string. */
function exactDecimalOrText(text: string): Cell {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  return String(value) === canonicalDecimal(text) ? value : text;
}

function canonicalDecimal(text: string): string {
  let s = text.startsWith('+') ? text.slice(1) : text;
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') return '0';
  return s.replace(/^(-?)0+(?=\d)/, '$1');
}

/**
 * PostgreSQL prints `2024-03-01 12:00:00.5+00` (ISO DateStyle, session TimeZone UTC). Returns the same form as
 * the DuckDB connector: `2024-03-01T12:00:00.500Z` (microseconds kept when present); TIMESTAMP without zone is
 * read as UTC like DuckDB does; a non-UTC offset is kept as `+02:00`; infinity and BC dates stay as text.
 */
function isoTimestamp(text: string, withOffset: boolean): string {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?([+-]\d\d)?(?::?(\d\d))?(?::\d\d)?( BC)?$/.exec(text);
  if (!match || match[6]) return text;
  const [, date, time, fraction = '', offsetHours, offsetMinutes = '00'] = match;
  const digits = fraction.length <= 3 ? fraction.padEnd(3, '0') : fraction.padEnd(6, '0');
  const zone =
    !withOffset || offsetHours === undefined || (offsetHours.slice(1) === '00' && offsetMinutes === '00')
      ? 'Z'
      : `${offsetHours}:${offsetMinutes}`;
  return `${date}T${time}.${digits}${zone}`;
}
