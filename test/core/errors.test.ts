// Error codes map to the CLI exit codes and HTTP statuses of DESIGN.md.
import { describe, expect, it } from 'vitest';
import { OtqError, exitCodeFor, httpStatusFor } from '../../core/errors.ts';

describe('error mapping', () => {
  it('maps policy denials to exit 3, usage/config to 2, the rest to 1', () => {
    expect(exitCodeFor('POLICY_DENIED')).toBe(3);
    expect(exitCodeFor('USAGE')).toBe(2);
    expect(exitCodeFor('CONFIG_INVALID')).toBe(2);
    expect(exitCodeFor('POLICY_INVALID')).toBe(2);
    expect(exitCodeFor('QUERY_FAILED')).toBe(1);
    expect(exitCodeFor('TIMEOUT')).toBe(1);
  });

  it('maps codes to HTTP statuses', () => {
    expect(httpStatusFor('USAGE')).toBe(400);
    expect(httpStatusFor('AUTH_FAILED')).toBe(401);
    expect(httpStatusFor('POLICY_DENIED')).toBe(403);
    expect(httpStatusFor('NOT_FOUND')).toBe(404);
    expect(httpStatusFor('TOO_LARGE')).toBe(413);
    expect(httpStatusFor('RATE_LIMITED')).toBe(429);
    expect(httpStatusFor('INTERNAL')).toBe(500);
    expect(httpStatusFor('MODEL_FAILED')).toBe(502);
    expect(httpStatusFor('TIMEOUT')).toBe(504);
  });

  it('keeps the cause', () => {
    const cause = new Error('socket hang up');
    const error = new OtqError('SOURCE_UNREACHABLE', 'source plant unreachable', { cause });
    expect(error.cause).toBe(cause);
    expect(error.code).toBe('SOURCE_UNREACHABLE');
  });
});
