// What a CLI command writes to and reads from: injected so commands are testable without touching process streams.

export interface CliIo {
  /** Standard output (answers, tables, JSON). */
  out(text: string): void;
  /** Standard error (errors, progress). */
  err(text: string): void;
  /**
   * All of standard input as text, or null when it is a terminal (nothing was piped in). Optional: commands that
   * read input (`otq sql -`) say so when an injected io has none.
   */
  readStdin?(): Promise<string | null>;
}

/** A sub-command: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
