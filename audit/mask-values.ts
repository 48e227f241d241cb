// Masks the values an engine quotes in an error message (strings, numbers), keeping its words: for records that a
// role without that data (the auditor) may read.
import type { JsonObject, JsonValue } from '../core/json.ts';

/** What a masked value becomes. */
export const VALUE_MASK = '…';

const QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"/g;
const NUMBER = /(?<![\w.])[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w.])/gi;
/** DuckDB's `LINE n:` context and the caret line under it repeat the SQL, which the record holds already. */
const LINE_CONTEXT = /\n*LINE \d+:[\s\S]*$/;

/**
 * `Could not convert string 'Booster station' to INT32` becomes `Could not convert string '…' to INT32`; numbers
 * become `…` too, except the SQLSTATE in brackets. The message keeps its class (what failed), not the data.
 */
export function maskQuotedValues(text: string): string {
  const sqlstate = /\s*\[[0-9A-Z]{5}\]$/.exec(text)?.[0] ?? '';
  const body = sqlstate ? text.slice(0, -sqlstate.length) : text;
  return (
    body
      .replace(LINE_CONTEXT, '')
      .replace(QUOTED, (quoted) => `${quoted[0]}${VALUE_MASK}${quoted[0]}`)
      .replace(NUMBER, VALUE_MASK) + sqlstate
  );
}

/**
 * A record as a reader without plant data (the auditor, through /api/audit) sees it: every `error` text in the payload
 * (an engine error of data_access, a failed answer, a model or delivery failure) has its values masked and says so
 * (`masked: true`). The log on disk keeps the full text; the masked copy no longer matches the record's hash.
 */
export function maskRecordErrors<R extends { payload: JsonObject }>(record: R): R {
  return { ...record, payload: maskErrors(record.payload) as JsonObject };
}

function maskErrors(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(maskErrors);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    if (key === 'error' && typeof field === 'string') out[key] = maskQuotedValues(field);
    else if (
      key === 'error' &&
      field !== null &&
      typeof field === 'object' &&
      !Array.isArray(field) &&
      typeof field['message'] === 'string'
    )
      out[key] = { ...field, message: maskQuotedValues(field['message']), masked: true };
    else out[key] = maskErrors(field);
  }
  return out;
}
