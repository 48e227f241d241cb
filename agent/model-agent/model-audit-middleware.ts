// wrapModelCall: a `model_invocation` evidence record around every model call, and the end of tool use once the limit is hit.
import { createHash } from 'node:crypto';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { createMiddleware } from 'langchain';
import type { AuditContext, AuditLog } from '../../audit/audit-record.ts';
import { OtqError, isOtqError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { ProgressEvent } from '../answer.ts';
import type { ModelDescription } from '../model/model-provider.ts';
import { innermostMessage } from './model-failure.ts';
import type { QuestionState } from './question-state.ts';

export interface ModelAuditDeps {
  audit: AuditLog;
  auditContext: AuditContext;
  model: ModelDescription;
  state: QuestionState;
  maxToolCalls: number;
  /** The question's signal: an error after an abort is the abort, not a model failure. */
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

/** sha256 over the exact conversation the model was given (system prompt, messages, tool names). */
export function promptSha256(systemPrompt: string, messages: readonly BaseMessage[], tools: readonly string[]): string {
  const body = JSON.stringify({
    system: systemPrompt,
    tools,
    messages: messages.map((m) => ({ type: m.getType(), text: m.text, calls: (m as AIMessage).tool_calls ?? [] })),
  });
  return createHash('sha256').update(body).digest('hex');
}

export function createModelAuditMiddleware(deps: ModelAuditDeps) {
  return createMiddleware({
    name: 'otq-model-audit',
    wrapModelCall: async (request, handler) => {
      const atLimit = deps.state.toolCalls >= deps.maxToolCalls;
      const effective = atLimit ? { ...request, toolChoice: 'none' as const } : request;
      const tools = request.tools.map((t) => {
        const name = (t as { name?: unknown }).name;
        return typeof name === 'string' ? name : '';
      });
      const base: JsonObject = {
        provider: deps.model.provider,
        modelId: deps.model.modelId,
        fileSha256: deps.model.fileSha256,
        promptSha256: promptSha256(request.systemPrompt, request.messages, tools),
        messages: request.messages.length,
        toolChoice: atLimit ? 'none' : 'auto',
      };
      const started = performance.now();
      let response: AIMessage;
      try {
        response = await handler(effective);
      } catch (error) {
        const durationMs = Math.round(performance.now() - started);
        deps.state.modelCalls++;
        deps.state.modelMs += durationMs;
        await deps.audit.record('model_invocation', deps.auditContext, { ...base, durationMs, error: innermostMessage(error) });
        if (isOtqError(error) || deps.signal?.aborted) throw error;
        // A server's HTTP or connection error, a provider bug: all of them mean the model failed this question.
        throw new OtqError('MODEL_FAILED', `the model call failed: ${innermostMessage(error)}`, { cause: error });
      }
      const durationMs = Math.round(performance.now() - started);
      deps.state.modelCalls++;
      deps.state.modelMs += durationMs;
      const usage = response.usage_metadata;
      const calls = response.tool_calls ?? [];
      deps.onProgress?.({ kind: 'model', step: deps.state.modelCalls, durationMs, toolCalls: calls.map((c) => c.name) });
      await deps.audit.record('model_invocation', deps.auditContext, {
        ...base,
        durationMs,
        inputTokens: usage?.input_tokens ?? null,
        outputTokens: usage?.output_tokens ?? null,
        toolCalls: calls.map((c) => c.name),
        final: calls.length === 0,
        stopReason: typeof response.response_metadata?.stopReason === 'string' ? response.response_metadata.stopReason : null,
      });
      if (calls.length > 0 && deps.state.limitHit) {
        deps.state.stoppedAtLimit = true;
        return new AIMessage(`I stopped after ${deps.maxToolCalls} tool calls (the per-question limit) without a complete answer.`);
      }
      return response;
    },
  });
}
