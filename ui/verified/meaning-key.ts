// When two answers mean the same: the same source and the same SQL apart from its time literals. The planner compiles
// a question's tags, operation and method into SQL, so "max BPS03 discharge pressure yesterday" asked next week (or
// worded differently) compiles to the same statement with other instants, and is answered the same verified way.

/** Single-quoted literals that hold a date or time (TIMESTAMPTZ '2026-10-28 23:00:00+00', CAST('2026-10-28' AS DATE)). */
const TIME_LITERAL = /'\d{4}-\d{2}-\d{2}(?:[ T][0-9:.]+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?'/g;

/** The matching key of an answer's SQL on a source; whitespace-insensitive, time literals masked. */
export function meaningKey(source: string, sql: string): string {
  return `${source}\n${sql.replace(TIME_LITERAL, "'<time>'").replace(/\s+/g, ' ').trim()}`;
}

/** A question's text for exact re-use: case, spacing and end punctuation do not matter. */
export function normalizeQuestion(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[?!.\s]+$/, '')
    .trim();
}
