// The model answerer: LangChain v1 createAgent with the guard, the evidence log, a tool-call limit and a time budget per
// question; the final text is checked (language, grounding) and failures come back as ModelFailure, never a stack trace.
import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import type { AuditContext, AuditLog } from '../../audit/audit-record.ts';
import type { Connector, SourceDescription } from '../../connectors/connector.ts';
import { OtqError } from '../../core/errors.ts';
import type { Guard } from '../../policies/decision.ts';
import type { Answer, Answerer, AnswerOutcome, AskRequest, ModelRun } from '../answer.ts';
import type { ModelProvider } from '../model/model-provider.ts';
import { createAgentTools } from '../tools/create-agent-tools.ts';
import { endWithWhatItHas, finishAnswer, type FinishContext } from './finish-answer.ts';
import { createGuardMiddleware } from './guard-middleware.ts';
import { createModelAuditMiddleware } from './model-audit-middleware.ts';
import { ModelFailure, unwrapOtqError } from './model-failure.ts';
import { collectingAudit, createQuestionState, type QuestionState } from './question-state.ts';
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
  /** `flag` (default): untraced numbers are named in the answer; `strict`: the model's text is withheld. */
  grounding?: 'flag' | 'strict';
  /** Timers for the time budget (default setTimeout); tests pass manual ones. */
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

const realTimers = {
  set: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clear: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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
  const catalogUnits = [...new Set(deps.sources.flatMap((s) => (s.tags ?? []).flatMap((t) => (t.unit ? [t.unit] : []))))];
  const modelId = deps.provider.describe().modelId;
  return {
    name: 'model',
    async answer(request: AskRequest): Promise<AnswerOutcome> {
      const started = performance.now();
      const now = request.now ?? clock();
      const state = createQuestionState();
      const audit = collectingAudit(deps.audit, state.auditSeq);
      const auditContext: AuditContext = { principal: request.principal.id, channel: request.channel, requestId: request.requestId };
      const budget = new AbortController();
      const timers = deps.timers ?? realTimers;
      const timer = timers.set(
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
          now,
          onSql: (event) => {
            state.onSql(event);
            if (event.kind === 'outcome' && event.outcome.kind === 'ok') {
              const r = event.outcome.result;
              request.onProgress?.({ kind: 'rows', source: event.outcome.source, rowCount: r.rows.length, truncated: r.truncated });
            }
          },
        },
      );
      const progress = request.onProgress ? { onProgress: request.onProgress } : {};
      const agent = createAgent({
        model: deps.provider.chatModel(),
        tools,
        systemPrompt,
        middleware: [
          createModelAuditMiddleware({
            audit,
            auditContext,
            model: deps.provider.describe(),
            state,
            maxToolCalls: deps.maxToolCalls,
            signal,
            ...progress,
          }),
          createGuardMiddleware({
            guard: deps.guard,
            audit,
            principal: request.principal,
            auditContext,
            state,
            maxToolCalls: deps.maxToolCalls,
            signal,
            ...progress,
          }),
        ],
      });
      request.onProgress?.({ kind: 'planning', message: 'asking the model' });
      const messages = conversationMessages(request.question, now, deps.timezone, request.history);
      const context = (): FinishContext => ({
        question: request.question,
        conversation: messages.map((m) => m.text),
        timezone: deps.timezone,
        catalogUnits,
        grounding: deps.grounding ?? 'flag',
        run: modelRun(modelId, state, started),
        notes: state.sqlErrors > 0 ? [`${state.sqlErrors} SQL error(s) were repaired or abandoned on the way`] : [],
      });
      let result: { messages: BaseMessage[] };
      try {
        result = (await agent.invoke({ messages }, { signal, recursionLimit: 2 * deps.maxToolCalls + 6 })) as { messages: BaseMessage[] };
      } catch (error) {
        if (request.signal?.aborted) throw new OtqError('CANCELLED', 'the question was cancelled', { cause: error });
        if (budget.signal.aborted)
          return answered(
            endWithWhatItHas(state, context(), 'TIMEOUT', `ran out of its time budget of ${Math.round(deps.budgetMs / 1000)} s`),
          );
        if ((error as Error).name === 'GraphRecursionError')
          return answered(endWithWhatItHas(state, context(), 'MODEL_FAILED', `did not finish within ${2 * deps.maxToolCalls + 6} steps`));
        throw failureOf(error, state);
      } finally {
        timers.clear(timer);
      }
      if (state.stoppedAtLimit)
        return answered(endWithWhatItHas(state, context(), 'MODEL_FAILED', `used all ${deps.maxToolCalls} of its tool calls`));
      const ctx = context();
      if (state.limitHit) ctx.notes.push(`the model reached the limit of ${deps.maxToolCalls} tool calls for one question`);
      return answered(finishAnswer(finalText(result.messages), state, ctx, state.limitHit));
    },
  };
}

const answered = (answer: Answer): AnswerOutcome => ({ kind: 'answered', answer });

function modelRun(model: string, state: QuestionState, started: number): ModelRun {
  return {
    model,
    modelCalls: state.modelCalls,
    modelMs: state.modelMs,
    totalMs: Math.round(performance.now() - started),
    tools: [...state.steps],
  };
}

/** A failure of the model (unwrapped from LangChain's MiddlewareError) becomes a ModelFailure; anything else propagates. */
function failureOf(error: unknown, state: QuestionState): Error {
  const otq = unwrapOtqError(error);
  if (otq && (otq.code === 'MODEL_FAILED' || otq.code === 'TIMEOUT'))
    return new ModelFailure(otq.code, otq.message, state.steps, { cause: error });
  return otq ?? (error instanceof Error ? error : new Error(String(error)));
}

function finalText(messages: readonly BaseMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as BaseMessage;
    if (m.getType() === 'ai' && ((m as AIMessage).tool_calls ?? []).length === 0) return m.text;
  }
  return '';
}
