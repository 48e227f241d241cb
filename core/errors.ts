// The one error base of otq: every failure carries a code from one union, and the CLI and HTTP map codes in one place each.

/** Every error code otq raises. Policy denials are values (see policies/decision.ts), not errors. */
export type OtqErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'POLICY_INVALID'
  | 'POLICY_DENIED'
  | 'SOURCE_UNKNOWN'
  | 'SOURCE_UNREACHABLE'
  | 'AUTH_FAILED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'QUERY_REJECTED'
  | 'QUERY_FAILED'
  | 'AUDIT_LOCKED'
  | 'AUDIT_FAILED'
  | 'MODEL_UNAVAILABLE'
  | 'MODEL_FAILED'
  | 'EGRESS_REFUSED'
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'INTERNAL';

export interface OtqErrorOptions {
  cause?: unknown;
  /** Machine-readable context (never secrets). */
  details?: Record<string, unknown>;
}

/** Base of all otq errors. Subclasses per area only narrow the name; the code decides behaviour. */
export class OtqError extends Error {
  readonly code: OtqErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: OtqErrorCode, message: string, options: OtqErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OtqError';
    this.code = code;
    this.details = options.details;
  }
}

/** Errors in configuration files (otq.yaml): message names the key path and line. */
export class ConfigError extends OtqError {
  constructor(message: string, options: OtqErrorOptions = {}) {
    super('CONFIG_INVALID', message, options);
    this.name = 'ConfigError';
  }
}

/** Errors raised by a connector while talking to its engine. */
export class ConnectorError extends OtqError {
  constructor(code: OtqErrorCode, message: string, options: OtqErrorOptions = {}) {
    super(code, message, options);
    this.name = 'ConnectorError';
  }
}

/** True for errors of otq itself (as opposed to programming errors and foreign exceptions). */
export function isOtqError(error: unknown): error is OtqError {
  return error instanceof OtqError;
}

/** Exit codes of the CLI (DESIGN.md): 0 ok, 3 denied by policy, 2 usage/config error, 1 other failure. */
export function exitCodeFor(code: OtqErrorCode): 1 | 2 | 3 {
  switch (code) {
    case 'POLICY_DENIED':
      return 3;
    case 'USAGE':
    case 'CONFIG_INVALID':
    case 'POLICY_INVALID':
      return 2;
    default:
      return 1;
  }
}

/** HTTP status for an error code, used by the server's single error mapping. */
export function httpStatusFor(code: OtqErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'CONFIG_INVALID':
    case 'POLICY_INVALID':
    case 'QUERY_REJECTED':
    case 'QUERY_FAILED':
      return 400;
    case 'AUTH_FAILED':
      return 401;
    case 'FORBIDDEN':
    case 'POLICY_DENIED':
      return 403;
    case 'NOT_FOUND':
    case 'SOURCE_UNKNOWN':
      return 404;
    case 'TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'MODEL_FAILED':
      return 502;
    case 'TIMEOUT':
      return 504;
    case 'SOURCE_UNREACHABLE':
    case 'MODEL_UNAVAILABLE':
      return 503;
    default:
      return 500;
  }
}
