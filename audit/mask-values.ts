// Masks the values an engine quotes in an error message (strings, numbers), keeping its words: for records that a
// role without that data (the auditor) may read.

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
