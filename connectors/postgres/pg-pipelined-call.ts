// One connector call as one extended-protocol pipeline: read-only prologue, the statement, ROLLBACK and lock release, one Sync.
import type { Connection, FieldDef } from 'pg';
import type { Cell } from '../connector.ts';
import {
  endTransactionMessages,
  executeMessage,
  flushMessage,
  prologueMessages,
  statementMessages,
  syncMessage,
  type PreparedNames,
} from './pg-call-messages.ts';
import { toCell } from './pg-values.ts';

/** What the call brings back: the row description, the converted rows and why it stopped early, if it did. */
export interface PipelinedCallResult {
  fields: FieldDef[];
  rows: Cell[][];
  /** Size of `rows` as JSON, in bytes. */
  bytes: number;
  truncatedBy?: 'rows' | 'bytes';
}

/** Limits and settings of one call. Times in milliseconds (positive integers). */
export interface PipelinedCallOptions {
  maxRows: number;
  maxBytes: number;
  /** Rows fetched per Execute; when `maxRows + 1` fits, the whole call is one round trip. */
  batchRows: number;
  timeoutMs: number;
  lockTimeoutMs: number;
  /**
   * Send Execute in the first write, before the Describe reply. Only for text that PostgreSQL's parser says is a
   * plain SELECT (see isPlainSelect); otherwise the call waits for Describe and never executes a statement without rows.
   */
  executeBeforeDescribe: boolean;
  /** otq's statements already prepared on this connection; names prepared by a successful call are added to it. */
  prepared: PreparedNames;
}

/** Raised (as a value inside the rejection) when the statement returns no rows: SET, DO, PREPARE, NOTIFY, COPY, an empty string. */
export class NotAQueryError extends Error {
  constructor() {
    super('the statement does not return rows; only queries (SELECT, VALUES, TABLE, WITH ... SELECT) are run');
    this.name = 'NotAQueryError';
  }
}

type State = 'prologue' | 'reading' | 'epilogue' | 'done';

interface RowDescriptionMessage {
  fields: FieldDef[];
}
interface DataRowMessage {
  fields: (string | null)[];
}

/**
 * A pg `Submittable` that writes, in one socket write (messages from pg-call-messages.ts):
 *   BEGIN READ ONLY; SET LOCAL statement_timeout; SET LOCAL lock_timeout  (each Parse/Bind/Execute)
 *   Parse(text) Bind Describe(portal) [Execute(portal, maxRows+1)]
 *   [ROLLBACK; SELECT pg_advisory_unlock_all()  (two Parse/Bind/Execute)  Sync]
 * so the server answers with one ReadyForQuery. The caller's text is its own Parse: several statements are refused by
 * the server (42601), and a failing prologue makes the server skip the statement (everything up to Sync is skipped
 * after an error). Without `executeBeforeDescribe`, only Describe goes out first (Flush) and Execute follows a row
 * description; a NoData reply is refused before anything runs. The server disarms statement_timeout after every
 * completed Execute and re-arms it at the next message, so the caller's statement runs under the SET LOCAL value.
 * After an error the server has skipped the ROLLBACK: the caller must send one (see getTransactionStatus()).
 */
export class PipelinedCall {
  /** Settles at ReadyForQuery (or at the first server error). */
  readonly result: Promise<PipelinedCallResult>;
  /** True when the server ran a statement it then described as returning no rows (the connection should be discarded). */
  ranNonQuery = false;
  private readonly text: string;
  private readonly options: PipelinedCallOptions;
  private state: State = 'prologue';
  private synced = false;
  private connection: Connection | undefined;
  private fields: FieldDef[] = [];
  private readonly rows: Cell[][] = [];
  private bytes = 2;
  private truncatedBy: 'rows' | 'bytes' | undefined;
  private rejection: Error | undefined;
  private resolveResult!: (value: PipelinedCallResult) => void;
  private rejectResult!: (error: unknown) => void;
  private readonly onNoData = (): void => this.handleNoData();
  /** Names this call prepares; they count as prepared only once the whole pipeline ran without a server error. */
  private readonly preparing: string[] = [];

  constructor(text: string, options: PipelinedCallOptions) {
    this.text = text;
    this.options = options;
    this.result = new Promise((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
  }

  /** Called by pg when the connection is ours. */
  submit(connection: Connection): void {
    this.connection = connection;
    connection.on('noData', this.onNoData);
    const { timeoutMs, lockTimeoutMs, prepared } = this.options;
    const messages = [...prologueMessages(timeoutMs, lockTimeoutMs, prepared, this.preparing), ...statementMessages(this.text)];
    if (this.options.executeBeforeDescribe) this.executeNextBatch(messages);
    else messages.push(flushMessage);
    this.write(messages);
  }

  handleRowDescription(message: RowDescriptionMessage): void {
    if (this.state !== 'prologue') return;
    this.fields = message.fields;
    this.state = 'reading';
    if (!this.options.executeBeforeDescribe) this.write(this.executeNextBatch([]));
  }

  handleDataRow(message: DataRowMessage): void {
    if (this.state !== 'reading' || this.truncatedBy !== undefined) return;
    if (this.rows.length >= this.options.maxRows) {
      this.truncatedBy = 'rows';
      return;
    }
    const row = message.fields.map((text, i) => toCell(this.fields[i]?.dataTypeID ?? 25, text));
    const size = Buffer.byteLength(JSON.stringify(row)) + (this.rows.length > 0 ? 1 : 0);
    if (this.bytes + size > this.options.maxBytes) {
      this.truncatedBy = 'bytes';
      return;
    }
    this.bytes += size;
    this.rows.push(row);
  }

  handlePortalSuspended(): void {
    if (this.state !== 'reading') return;
    if (this.synced) {
      this.state = 'epilogue';
      return;
    }
    if (this.truncatedBy === undefined) this.write(this.executeNextBatch([]));
    else this.finish();
  }

  handleCommandComplete(): void {
    if (this.state !== 'reading') return;
    this.finish();
  }

  handleEmptyQuery(): void {}

  handleCopyInResponse(connection: Connection & { sendCopyFail?: (message: string) => void }): void {
    connection.sendCopyFail?.('otq does not run COPY');
  }

  handleCopyData(): void {}

  /** pg has already dropped us as the active query; the server skips everything up to our Sync. */
  handleError(error: Error): void {
    if (this.state === 'done') return;
    if ('severity' in error && !this.synced) {
      this.synced = true;
      this.write([syncMessage]);
    }
    this.settle();
    this.rejectResult(error);
  }

  handleReadyForQuery(): void {
    if (this.state === 'done') return;
    this.settle();
    if (this.rejection) {
      this.rejectResult(this.rejection);
      return;
    }
    for (const name of this.preparing) this.options.prepared.add(name);
    const result: PipelinedCallResult = { fields: this.fields, rows: this.rows, bytes: this.rows.length === 0 ? 2 : this.bytes };
    if (this.truncatedBy !== undefined) result.truncatedBy = this.truncatedBy;
    this.resolveResult(result);
  }

  /** Describe said "no rows". Without early Execute nothing ran: end the transaction and refuse. */
  private handleNoData(): void {
    if (this.state !== 'prologue') return;
    this.rejection = new NotAQueryError();
    if (this.options.executeBeforeDescribe) this.ranNonQuery = true;
    this.finish();
  }

  /** The statement is over (complete, capped or refused): roll back unless the final batch already carried the epilogue. */
  private finish(): void {
    this.state = 'epilogue';
    if (!this.synced) this.write(this.endTransaction([]));
  }

  /**
   * Appends the next Execute. When the rest of the cap fits in one batch, the epilogue and Sync go with it: rows and
   * ReadyForQuery come back in the same round trip. Otherwise Flush, and the next batch on PortalSuspended.
   */
  private executeNextBatch(messages: Buffer[]): Buffer[] {
    const remaining = this.options.maxRows + 1 - this.rows.length;
    const wanted = Math.max(1, Math.min(this.options.batchRows, remaining));
    messages.push(executeMessage(wanted));
    if (wanted >= remaining) return this.endTransaction(messages);
    messages.push(flushMessage);
    return messages;
  }

  private endTransaction(messages: Buffer[]): Buffer[] {
    this.synced = true;
    messages.push(...endTransactionMessages(this.options.prepared, this.preparing));
    return messages;
  }

  /** One socket write; a closed socket is reported by pg as a connection error, which rejects the call. */
  private write(messages: Buffer[]): void {
    const stream = this.connection?.stream;
    if (stream?.writable) stream.write(messages.length === 1 ? messages[0]! : Buffer.concat(messages));
  }

  private settle(): void {
    this.state = 'done';
    this.connection?.removeListener('noData', this.onNoData);
  }
}
