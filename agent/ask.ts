// ask(): routes a question to the quick planner, then the model; records the `answer` evidence record.
import { createHash } from 'node:crypto';
import type { AuditLog } from '../audit/audit-record.ts';
import { isOtqError } from '../core/errors.ts';
import { answerWithoutData, type Answer, type Answerer, type AskRequest } from './answer.ts';

/** Errors whose `answer` evidence record ask() has written already: channels must not record them a second time. */
const recordedFailures = new WeakSet<object>();

/** True when ask() recorded this error as the question's `answer` record (its failure), so a channel need not. */
export function isRecordedFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && recordedFailures.has(error);
}

export interface AskDeps {
  /** In order of preference: the quick planner first, then the model (when configured). */
  answerers: Answerer[];
  audit: AuditLog;
}

const howToConfigureModel =
  'No model is configured for open questions: set model: in otq.yaml (a local GGUF, or an OpenAI-compatible server); see agent/model/README.md.';
/** Said when a decline names a word the planner could not place: the site's own words are data, not code. */
const howToAddWords = "If that is your plant's word for something, add it under planner.vocabulary in otq.yaml.";
const namesUnknownWord = (reason: string): boolean => /I did not understand "|I could not place "/.test(reason);

/** Creates the ask function every channel calls. */
export function createAsk(deps: AskDeps): (request: AskRequest) => Promise<Answer> {
  return async (request) => {
    const declines: string[] = [];
    let answer: Answer | undefined;
    for (const answerer of deps.answerers) {
      let outcome;
      try {
        outcome = await answerer.answer(request);
      } catch (error) {
        await recordFailure(deps.audit, request, answerer.name, error);
        throw error;
      }
      if (outcome.kind === 'answered') {
        answer = outcome.answer;
        break;
      }
      declines.push(`${answerer.name}: ${outcome.reason}`);
    }
    if (!answer) {
      const hasModel = deps.answerers.some((a) => a.name === 'model');
      answer = answerWithoutData(
        hasModel ? `I could not answer this. ${declines.join(' ')}` : withoutModel(declines.map((d) => d.replace(/^quick-planner: /, ''))),
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

/** The decline without a model: the planner's reason first (it names the word or part it could not place), then what would help. */
function withoutModel(reasons: string[]): string {
  const hints = [...(reasons.some(namesUnknownWord) ? [howToAddWords] : []), howToConfigureModel];
  return `The quick planner could not answer this (${reasons.join('; ') || 'no planner'}). ${hints.join(' ')}`;
}

/**
 * A question that ended in an error still gets its `answer` evidence record: who asked, what, which answerer failed,
 * the error code and message (a model failure says what was tried). Audit failures themselves cannot be recorded.
 */
async function recordFailure(audit: AuditLog, request: AskRequest, answeredBy: Answerer['name'], error: unknown): Promise<void> {
  if (isOtqError(error) && (error.code === 'AUDIT_FAILED' || error.code === 'AUDIT_LOCKED')) return;
  const code = isOtqError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  await audit.record(
    'answer',
    { principal: request.principal.id, channel: request.channel, requestId: request.requestId },
    { question: request.question, answeredBy, error: { code, message } },
  );
  if (typeof error === 'object' && error !== null) recordedFailures.add(error);
}
