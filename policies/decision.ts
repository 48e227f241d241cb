// Guard outcomes are values: allow, deny with a rule and a reason a user understands, or rewrite.
import type { Principal } from '../core/principal.ts';
import type { SourceDescription } from '../connectors/connector.ts';

/** A call of an agent tool, as the guard sees it. `run_sql` is the one that reaches a connector with free SQL. */
export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
}

export interface RunSqlArgs {
  source: string;
  sql: string;
}

export type Decision =
  | { kind: 'allow'; tables?: string[] }
  | { kind: 'deny'; rule: string; reason: string }
  | {
      kind: 'rewrite';
      rule: string;
      /** Sentence recorded with the decision, e.g. "the query was limited to 10,000 rows". */
      reason: string;
      call: ToolCall;
      tables?: string[];
      /** The row cap the rewrite appended (LIMIT n), when it did: a result of n rows may have been cut there. */
      rowLimit?: number;
      /** ISO start of the role's look-back window (`maxWindowDays`) when the rewrite applied it: nothing before it was read. */
      lookBackFrom?: string;
      /** The parts of `reason` other than the row cap (row filters, hidden columns, look-back window): always worth showing. */
      scopeNotes?: string[];
      /**
       * The query reads a row-filtered or column-restricted table: an engine error could quote rows or columns the
       * principal may not see, so its text goes only to the audit log (masked) and the user gets the request id.
       */
      confidentialErrors?: boolean;
    };

/** The policy firewall in front of every tool call. Never throws for a denial; fails closed on anything it cannot classify. */
export interface Guard {
  check(principal: Principal, call: ToolCall): Promise<Decision>;
  /** sha256 of the loaded policy bundle (recorded in the audit log); changes on reload. */
  readonly bundleHash: string;
  /** The part of a source's description this principal may see (tables, columns, tags); used by the catalog and describe tools. */
  filterDescription(principal: Principal, description: SourceDescription): SourceDescription;
}
