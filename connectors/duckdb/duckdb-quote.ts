// Quoting of SQL literals and identifiers for DuckDB statements otq writes itself, and the message of anything thrown.

/** Quotes a string as a SQL literal. Only used for paths from the configuration file, never for user input. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Quotes an identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
