// ask(): routes a question to the quick planner, then the model; records the `answer` evidence record.
import { createHash } from 'node:crypto';
import type { AuditLog } from '../audit/audit-record.ts';
import { answerWithoutData, type Answer, type Answerer, type AskRequest } from './answer.ts';

export interface AskDeps {
  /** In order of preference: the quick planner first, then the model (when configured). */
  answerers: Answerer[];
  audit: AuditLog;
}

const howToConfigureModel =
  'To answer open questions, configure a local model in otq.yaml, e.g.\n' +
  '  model:\n    provider: llama-cpp\n    path: models/qwen2.5-coder-7b-instruct-q4_k_m.gguf\n' +
  'or an OpenAI-compatible server inside your network (model.provider: openai-compatible, model.baseUrl). See agent/model/README.md.';

/** Creates the ask function every channel calls. */
export function createAsk(deps: AskDeps): (request: AskRequest) => Promise<Answer> {
  return async (request) => {
    const declines: string[] = [];
    let answer: Answer | undefined;
    for (const answerer of deps.answerers) {
      const outcome = await answerer.answer(request);
      if (outcome.kind === 'answered') {
        answer = outcome.answer;
        break;
      }
      declines.push(`${answerer.name}: ${outcome.reason}`);
    }
    if (!answer) {
      const hasModel = deps.answerers.some((a) => a.name === 'model');
      answer = answerWithoutData(
        hasModel
          ? `I could not answer this. ${declines.join(' ')}`
          : `The quick planner could not answer this (${declines.map((d) => d.replace(/^quick-planner: /, '')).join('; ') || 'no planner'}), and no model is configured. ${howToConfigureModel}`,
        { notes: declines },
      );
    }
    const record = await deps.audit.record(
      'answer',
      { principal: request.principal.id, channel: request.channel, requestId: request.requestId },
      {
        question: request.question,
        answerSha256: createHash('sha256').update(answer.answer).digest('hex'),
        answeredBy: answer.answeredBy,
        evidence: answer.auditSeq,
        sql: answer.sql,
        source: answer.source,
        decision: answer.decision ? { ...answer.decision } : null,
      },
    );
    return { ...answer, auditSeq: [...answer.auditSeq, record.seq] };
  };
}
