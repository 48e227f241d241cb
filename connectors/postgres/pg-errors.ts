// Maps pg and PostgreSQL failures to ConnectorError codes, with messages that name the source and never a password.
import { ConnectorError } from '../../core/errors.ts';
import { NotAQueryError } from './pg-pipelined-call.ts';

/** Why otq itself cancelled the running statement, if it did. */
export type CancelReason = 'timeout' | 'signal';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EPIPE',
]);
const unavailableStates = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '3D000']);

interface PgLikeError {
  code?: string;
  message?: string;
  severity?: string;
}

/**
 * Classifies `error` raised while talking to source `sourceLabel` (e.g. `source "plant" (db:5432/plant)`).
 * `cancelled` says whether otq sent a cancel for this statement and why; `timeoutMs` goes into the TIMEOUT message.
 */
export function toConnectorError(error: unknown, sourceLabel: string, cancelled?: CancelReason, timeoutMs?: number): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof NotAQueryError) return new ConnectorError('QUERY_REJECTED', `${sourceLabel}: ${error.message}`);
  const pgError = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  const code = pgError.code ?? '';
  const serverMessage = pgError.message ?? String(error);
  const details = code ? { sqlstate: code } : undefined;
  const options = { cause: error, ...(details ? { details } : {}) };

  if (cancelled === 'signal') return new ConnectorError('CANCELLED', `${sourceLabel}: the query was cancelled`, options);
  if (cancelled === 'timeout' || code === '55P03' || (code === '57014' && /statement timeout/i.test(serverMessage))) {
    const limit = timeoutMs === undefined ? '' : ` (limit ${timeoutMs} ms)`;
    const what = code === '55P03' ? 'waited too long for a lock' : 'ran longer than the statement timeout';
    return new ConnectorError('TIMEOUT', `${sourceLabel}: the query ${what}${limit}; narrow the time window or aggregate more`, options);
  }
  if (code === '57014') return new ConnectorError('CANCELLED', `${sourceLabel}: the query was cancelled on the server`, options);
  if (code === '28P01' || code === '28000') {
    return new ConnectorError(
      'AUTH_FAILED',
      `${sourceLabel}: authentication failed (${serverMessage}); check the user in the URL and the password variable`,
      options,
    );
  }
  if (/password must be a string|no password|SASL/i.test(serverMessage) && !pgError.severity) {
    return new ConnectorError(
      'AUTH_FAILED',
      `${sourceLabel}: the server asks for a password; set passwordEnv and that environment variable`,
      options,
    );
  }
  if (
    unreachableCodes.has(code) ||
    unavailableStates.has(code) ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(serverMessage)
  ) {
    return new ConnectorError(
      'SOURCE_UNREACHABLE',
      `${sourceLabel}: cannot reach the database (${code || serverMessage}${code && pgError.severity ? `: ${serverMessage}` : ''})`,
      options,
    );
  }
  return new ConnectorError('QUERY_FAILED', `${sourceLabel}: ${serverMessage}${code ? ` [${code}]` : ''}`, options);
}

/** host:port/db of a URL, without user or password, for messages. */
export function safeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'invalid URL';
  }
}
