// A model that failed or ran out of time, as one error: LangChain's wrappers unwrapped, what was tried said in one line.
import { OtqError, isOtqError } from '../../core/errors.ts';
import type { ToolStep } from '../answer.ts';

/** The codes a model failure carries: MODEL_FAILED (HTTP 502, exit 1) or TIMEOUT (HTTP 504, exit 1). */
export type ModelFailureCode = 'MODEL_FAILED' | 'TIMEOUT';

/**
 * Thrown by the model answerer when there is no answer to give: the model's call failed, its text was not an answer,
 * or its budget ran out before any data came back. `ask()` records it as the question's `answer` evidence record.
 */
export class ModelFailure extends OtqError {
  /** The tool steps that ran before the failure. */
  readonly tried: readonly ToolStep[];

  constructor(code: ModelFailureCode, message: string, tried: readonly ToolStep[], options: { cause?: unknown } = {}) {
    super(code, `${message}${tried.length > 0 ? `; tried: ${describeSteps(tried)}` : '; no tool ran'}`, {
      ...options,
      details: { tried: tried.map((s) => ({ ...s })) },
    });
    this.name = 'ModelFailure';
    this.tried = tried;
  }
}

/** "search_catalog, plan_query (1 row), run_sql (denied)" — one line, in order. */
export function describeSteps(steps: readonly ToolStep[]): string {
  return steps
    .map((s) => {
      if (s.outcome === 'ok') return s.rows === undefined ? s.tool : `${s.tool} (${s.rows} row${s.rows === 1 ? '' : 's'})`;
      return `${s.tool} (${s.outcome})`;
    })
    .join(', ');
}

/**
 * The otq error inside whatever LangChain wrapped around it: createAgent re-throws errors from middleware and model
 * calls as `MiddlewareError` (the original in `cause`), tool errors as `ToolInvocationError` (in `toolError`).
 */
export function unwrapOtqError(error: unknown): OtqError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (isOtqError(current)) return current;
    if (typeof current !== 'object') return undefined;
    const next = (current as { toolError?: unknown; cause?: unknown }).toolError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}

/** The message of the innermost error, for failures that are not otq's own (e.g. a model server's HTTP error). */
export function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    message = current.message || message;
    current = current.cause;
  }
  return message.split('\n')[0] ?? message;
}
