// The model answerer: LangChain v1 createAgent with the guard, the evidence log, a tool-call limit and a time budget per question.
import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import type { AuditContext, AuditLog } from '../../audit/audit-record.ts';
import type { Connector, SourceDescription } from '../../connectors/connector.ts';
import { OtqError } from '../../core/errors.ts';
import type { Guard } from '../../policies/decision.ts';
import type { Answerer, AnswerOutcome, AskRequest } from '../answer.ts';
import type { ModelProvider } from '../model/model-provider.ts';
import { createAgentTools } from '../tools/create-agent-tools.ts';
import { buildAnswer } from './build-answer.ts';
import { createGuardMiddleware } from './guard-middleware.ts';
import { createModelAuditMiddleware } from './model-audit-middleware.ts';
import { collectingAudit, createQuestionState } from './question-state.ts';
import { buildSystemPrompt, conversationMessages } from './system-prompt.ts';

export interface ModelAgentDeps {
  provider: ModelProvider;
  /** Source descriptions (unfiltered; every tool filters them per principal). */
  sources: readonly SourceDescription[];
  connectors: ReadonlyMap<string, Connector>;
  guard: Guard;
  audit: AuditLog;
  /** Plant time zone (IANA). */
  timezone: string;
  /** One-line descriptions of the sources from the config, shown in the system prompt. */
  sourceNotes?: Readonly<Record<string, string>>;
  clock?: () => Date;
  /** Tool calls executed per question; further calls are refused and the model must answer. */
  maxToolCalls: number;
  /** Wall-clock budget per question, ms. */
  budgetMs: number;
  /** Rows of a result the model reads (default 50). */
  maxRowsToModel?: number;
}

export function createModelAgent(deps: ModelAgentDeps): Answerer {
  const clock = deps.clock ?? (() => new Date());
  const systemPrompt = buildSystemPrompt(
    deps.sources.map((s) => ({
      name: s.name,
      dialect: s.dialect,
      hasHistorian: Boolean(s.historian),
      ...(deps.sourceNotes?.[s.name] ? { description: deps.sourceNotes[s.name] } : {}),
    })),
    deps.timezone,
  );
  return {
    name: 'model',
    async answer(request: AskRequest): Promise<AnswerOutcome> {
      const state = createQuestionState();
      const audit = collectingAudit(deps.audit, state.auditSeq);
      const auditContext: AuditContext = { principal: request.principal.id, channel: request.channel, requestId: request.requestId };
      const budget = new AbortController();
      const timer = setTimeout(
        () => budget.abort(new OtqError('TIMEOUT', `the question exceeded its time budget of ${deps.budgetMs} ms`)),
        deps.budgetMs,
      );
      const signal = request.signal ? AbortSignal.any([request.signal, budget.signal]) : budget.signal;
      const tools = createAgentTools(
        {
          sources: deps.sources,
          connectors: deps.connectors,
          guard: deps.guard,
          audit,
          timezone: deps.timezone,
          ...(deps.maxRowsToModel ? { maxRowsToModel: deps.maxRowsToModel } : {}),
        },
        {
          principal: request.principal,
          auditContext,
          signal,
          onSql: (event) => {
            state.onSql(event);
            if (event.kind === 'outcome' && event.outcome.kind === 'ok') {
              const r = event.outcome.result;
              request.onProgress?.({ kind: 'rows', source: event.outcome.source, rowCount: r.rows.length, truncated: r.truncated });
            }
          },
        },
      );
      const agent = createAgent({
        model: deps.provider.chatModel(),
        tools,
        systemPrompt,
        middleware: [
          createModelAuditMiddleware({ audit, auditContext, model: deps.provider.describe(), state, maxToolCalls: deps.maxToolCalls }),
          createGuardMiddleware({
            guard: deps.guard,
            audit,
            principal: request.principal,
            auditContext,
            state,
            maxToolCalls: deps.maxToolCalls,
            ...(request.onProgress ? { onProgress: request.onProgress } : {}),
          }),
        ],
      });
      request.onProgress?.({ kind: 'planning', message: 'asking the model' });
      const messages = conversationMessages(request.question, request.now ?? clock(), deps.timezone, request.history);
      const notes: string[] = [];
      let text: string;
      try {
        const result = await agent.invoke({ messages }, { signal, recursionLimit: 2 * deps.maxToolCalls + 6 });
        text = finalText(result.messages as BaseMessage[]);
        if (state.limitHit) notes.push(`the model reached the limit of ${deps.maxToolCalls} tool calls for one question`);
      } catch (error) {
        if (request.signal?.aborted) throw new OtqError('CANCELLED', 'the question was cancelled', { cause: error });
        if (budget.signal.aborted) {
          text = `I could not finish within the time budget of ${Math.round(deps.budgetMs / 1000)} s.`;
          notes.push('time budget exceeded (model.budgetMs)');
        } else if (error instanceof OtqError && (error.code === 'MODEL_FAILED' || error.code === 'TIMEOUT')) {
          text = `The model could not complete the answer: ${error.message}`;
          notes.push(error.message);
        } else if ((error as Error).name === 'GraphRecursionError') {
          text = `I stopped after too many steps without a complete answer.`;
          notes.push('step limit reached');
        } else throw error;
      } finally {
        clearTimeout(timer);
      }
      if (state.sqlErrors > 0) notes.push(`${state.sqlErrors} SQL error(s) were repaired or abandoned on the way`);
      return { kind: 'answered', answer: buildAnswer(text, state, notes) };
    },
  };
}

function finalText(messages: readonly BaseMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as BaseMessage;
    if (m.getType() === 'ai' && ((m as AIMessage).tool_calls ?? []).length === 0) return m.text;
  }
  return '';
}
