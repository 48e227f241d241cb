// ask() for channels that must always reply: a failure becomes an answer the user can read.
import { answerWithoutData, type Answer, type AskRequest } from '../../agent/answer.ts';
import type { Runtime } from '../runtime.ts';

export async function askSafely(runtime: Runtime, request: AskRequest): Promise<Answer> {
  try {
    return await runtime.ask(request);
  } catch (error) {
    return answerWithoutData(`Sorry, that failed: ${(error as Error).message}`);
  }
}
