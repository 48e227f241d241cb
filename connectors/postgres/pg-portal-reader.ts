// One statement over the extended protocol: Parse/Bind/Describe first, Execute in batches only for row-returning statements.
import type { Connection, FieldDef } from 'pg';
import type { Cell } from '../connector.ts';
import { toCell } from './pg-values.ts';

/** What the reader brings back: the row description, the converted rows and why it stopped early, if it did. */
export interface PortalReadResult {
  fields: FieldDef[];
  rows: Cell[][];
  /** Size of `rows` as JSON, in bytes. */
  bytes: number;
  truncatedBy?: 'rows' | 'bytes';
}

/** Limits of one read: rows and JSON bytes returned, rows fetched per round trip. */
export interface PortalReadLimits {
  maxRows: number;
  maxBytes: number;
  batchRows: number;
}

/** Raised (as a value inside the rejection) when the statement returns no rows: SET, DO, PREPARE, NOTIFY, COPY, an empty string. */
export class NotAQueryError extends Error {
  constructor() {
    super('the statement does not return rows; only queries (SELECT, VALUES, TABLE, WITH ... SELECT) are run');
    this.name = 'NotAQueryError';
  }
}

type State = 'new' | 'describing' | 'fetching' | 'syncing' | 'failed';

interface RowDescriptionMessage {
  fields: FieldDef[];
}
interface DataRowMessage {
  fields: (string | null)[];
}

/**
 * A pg `Submittable`. It never sends the simple-protocol Query message, so a text with two statements
 * is refused by the server (42601), and it refuses statements without a row description before any Execute.
 */
export class PortalReader {
  /** Settles once the server is ready for the next command (or at the first error). */
  readonly result: Promise<PortalReadResult>;
  private readonly text: string;
  private readonly limits: PortalReadLimits;
  private state: State = 'new';
  private connection: Connection | undefined;
  private fields: FieldDef[] = [];
  private readonly rows: Cell[][] = [];
  private bytes = 2;
  private truncatedBy: 'rows' | 'bytes' | undefined;
  private rejection: Error | undefined;
  private resolveResult!: (value: PortalReadResult) => void;
  private rejectResult!: (error: unknown) => void;
  private readonly onNoData = (): void => this.handleNoData();

  constructor(text: string, limits: PortalReadLimits) {
    this.text = text;
    this.limits = limits;
    this.result = new Promise((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
  }

  /** Called by pg when the connection is ours: one unnamed statement, one unnamed portal, described before it runs. */
  submit(connection: Connection): void {
    this.connection = connection;
    this.state = 'describing';
    connection.parse({ name: '', text: this.text, types: [] }, true);
    connection.bind({ portal: '', statement: '', values: [] }, true);
    connection.describe({ type: 'P', name: '' }, true);
    connection.flush();
    connection.once('noData', this.onNoData);
  }

  handleRowDescription(message: RowDescriptionMessage): void {
    this.connection?.removeListener('noData', this.onNoData);
    this.fields = message.fields;
    this.state = 'fetching';
    this.executeNextBatch();
  }

  handleDataRow(message: DataRowMessage): void {
    if (this.truncatedBy !== undefined) return;
    if (this.rows.length >= this.limits.maxRows) {
      this.truncatedBy = 'rows';
      return;
    }
    const row = message.fields.map((text, i) => toCell(this.fields[i]?.dataTypeID ?? 25, text));
    const size = Buffer.byteLength(JSON.stringify(row)) + (this.rows.length > 0 ? 1 : 0);
    if (this.bytes + size > this.limits.maxBytes) {
      this.truncatedBy = 'bytes';
      return;
    }
    this.bytes += size;
    this.rows.push(row);
  }

  handlePortalSuspended(): void {
    if (this.state === 'syncing') return;
    if (this.truncatedBy === undefined) this.executeNextBatch();
    else this.sync();
  }

  handleCommandComplete(): void {
    this.sync();
  }

  handleEmptyQuery(): void {
    this.rejection = new NotAQueryError();
    this.sync();
  }

  handleCopyInResponse(connection: Connection & { sendCopyFail?: (message: string) => void }): void {
    connection.sendCopyFail?.('otq does not run COPY');
  }

  handleCopyData(): void {}

  /** pg has already dropped us as the active query; the server skips messages until our Sync. */
  handleError(error: Error): void {
    if (this.state === 'failed') return;
    const backendError = 'severity' in error;
    if (backendError && this.state !== 'syncing') this.connection?.sync();
    this.state = 'failed';
    this.connection?.removeListener('noData', this.onNoData);
    this.rejectResult(error);
  }

  handleReadyForQuery(): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    if (this.rejection) {
      this.rejectResult(this.rejection);
      return;
    }
    const result: PortalReadResult = { fields: this.fields, rows: this.rows, bytes: this.rows.length === 0 ? 2 : this.bytes };
    if (this.truncatedBy !== undefined) result.truncatedBy = this.truncatedBy;
    this.resolveResult(result);
  }

  private handleNoData(): void {
    if (this.state !== 'describing') return;
    this.rejection = new NotAQueryError();
    this.sync();
  }

  /**
   * When the rest of the cap fits in one batch, Execute and Sync go out together: the rows and ReadyForQuery come
   * back in one round trip (the common case). Otherwise Execute + Flush, and the next batch on PortalSuspended.
   */
  private executeNextBatch(): void {
    const remaining = this.limits.maxRows + 1 - this.rows.length;
    const wanted = Math.max(1, Math.min(this.limits.batchRows, remaining));
    // @types/pg declares `rows` as a string; pg-protocol writes it with writeUInt32BE, so it must be a number.
    this.connection?.execute({ portal: '', rows: wanted as unknown as string }, true);
    if (wanted >= remaining) this.sync();
    else this.connection?.flush();
  }

  private sync(): void {
    if (this.state === 'syncing' || this.state === 'failed') return;
    this.state = 'syncing';
    this.connection?.sync();
  }
}
