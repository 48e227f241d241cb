// ask() for channels that must always reply: a failure becomes an answer the user can read.
import type { Answer, AskRequest } from '../../agent/answer.ts';
import type { Runtime } from '../../agent/runtime-types.ts';

export async function askSafely(runtime: Runtime, request: AskRequest): Promise<Answer> {
  try {
    return await runtime.ask(request);
  } catch (error) {
    return {
      answer: `Sorry, that failed: ${(error as Error).message}`,
      sql: null,
      source: null,
      columns: [],
      rows: [],
      truncated: false,
      decision: null,
      auditSeq: [],
      notes: [],
      answeredBy: 'none',
    };
  }
}
