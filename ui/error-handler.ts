// The one place where errors become HTTP responses: `{error: {code, message}}` with the status from httpStatusFor.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { httpStatusFor, isOtqError, type OtqErrorCode } from '../core/errors.ts';
import { isRecordedFailure } from '../agent/ask.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { isRecordedRefusal, recordRefusal } from './refusals.ts';

/** Where unexpected errors are logged (with the request id; never sent to the client). */
export type ErrorLog = (message: string, error: unknown) => void;

/** The JSON error body and status for any thrown value; also used for the `error` event of a stream. */
export function describeError(error: unknown, requestId: string): { status: ContentfulStatusCode; code: OtqErrorCode; message: string } {
  let code: OtqErrorCode;
  let message: string;
  if (isOtqError(error)) {
    code = error.code;
    message = error.message;
  } else if (error instanceof HTTPException) {
    code = codeForStatus(error.status);
    message = error.message || 'request refused';
  } else {
    code = 'INTERNAL';
    message = '';
  }
  const status = httpStatusFor(code) as ContentfulStatusCode;
  if (status === 500) message = `internal error; the server log has the details (request id ${requestId})`;
  return { status, code, message };
}

/** Builds the `app.onError` handler. 5xx bodies carry no internals, only the request id to find the log line. */
export function createErrorHandler(deps: AppDeps, log: ErrorLog) {
  return async (error: Error, c: Context<AppEnv>): Promise<Response> => {
    const requestId = c.get('requestId') ?? 'unknown';
    const { status, code, message } = describeError(error, requestId);
    if (status >= 500 && !isOtqError(error)) log(`otq: request ${requestId} failed`, error);
    // ask() records its own failures (a failed model answer) as the question's `answer` record; others are recorded here.
    if (status >= 500 && !isRecordedFailure(error)) {
      const audit = c.get('audit');
      if (audit)
        await deps.runtime.audit
          .record('answer', audit, { error: { code, message }, path: c.req.path })
          .catch((e: unknown) => log('otq: audit failed', e));
    }
    // Every refusal is evidence: one not yet recorded (400 malformed body, 413 too large, 404, a 403 from a route) is
    // recorded here with the reason the client gets; the request body itself is never copied into the log.
    if (status >= 400 && status < 500 && !isRecordedRefusal(error) && !isRecordedFailure(error)) {
      await recordRefusal(deps, c, deps.clientAddress(c), { outcome: 'refused', status, code, reason: message }).catch((e: unknown) =>
        log('otq: audit failed', e),
      );
    }
    if (code === 'AUTH_FAILED') c.header('WWW-Authenticate', 'Bearer realm="otq"');
    if (code === 'RATE_LIMITED' && isOtqError(error) && typeof error.details?.['retryAfterSeconds'] === 'number') {
      c.header('Retry-After', String(error.details['retryAfterSeconds']));
    }
    return c.json({ error: { code, message } }, status);
  };
}

function codeForStatus(status: number): OtqErrorCode {
  if (status === 400) return 'USAGE';
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}
