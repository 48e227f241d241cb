// What a CLI command writes to: injected so commands are testable without touching process streams.

export interface CliIo {
  /** Standard output (answers, tables, JSON). */
  out(text: string): void;
  /** Standard error (errors, progress). */
  err(text: string): void;
}

/** A sub-command: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
