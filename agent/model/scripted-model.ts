// A deterministic test model: plays back tool calls and answers through the same LangChain interface as the real models.
import type { BaseLanguageModelInput, ToolDefinition } from '@langchain/core/language_models/base';
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { OtqError } from '../../core/errors.ts';
import type { ModelDescription, ModelProvider } from './model-provider.ts';

/**
 * One reply of a script: a tool call, a final answer, a failure of the model itself (`fail`: a plain Error, as a
 * server's HTTP error would be, or an OtqError with `code`, as the llama.cpp provider raises), or `hang`: no reply
 * until the call's signal aborts (a model that never finishes).
 */
export type ScriptedReply =
  | { tool: string; args: Record<string, unknown> }
  | { answer: string }
  | { fail: string; code?: 'MODEL_FAILED' | 'TIMEOUT' }
  | { hang: true };
/** A fixed reply, or one computed from the conversation so far (e.g. to echo a value from a tool result). */
export type ScriptStep = ScriptedReply | ((messages: BaseMessage[]) => ScriptedReply);

export interface ScriptedCallOptions extends BaseChatModelCallOptions {
  tools?: ToolDefinition[];
}

/** What the scripted model saw on one call, for assertions. */
export interface ScriptedCall {
  messages: BaseMessage[];
  tools: string[];
  toolChoice: unknown;
}

/** Plays one reply as the chat result of a model call (ids unique per call, token usage estimated from the text). */
export function playReply(step: ScriptStep, messages: BaseMessage[], index: number, signal: AbortSignal | undefined): Promise<ChatResult> {
  const reply = typeof step === 'function' ? step(messages) : step;
  if ('fail' in reply) return Promise.reject(reply.code ? new OtqError(reply.code, reply.fail) : new Error(reply.fail));
  if ('hang' in reply) {
    return new Promise((_resolve, reject) => {
      const abort = () => reject(signal?.reason instanceof Error ? signal.reason : new OtqError('TIMEOUT', 'the model call was aborted'));
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    });
  }
  const inputTokens = Math.ceil(messages.reduce((n, m) => n + m.text.length, 0) / 4);
  const usage = { input_tokens: inputTokens, output_tokens: 8, total_tokens: inputTokens + 8 };
  const message =
    'tool' in reply
      ? new AIMessage({
          id: `scripted-${index}`,
          content: '',
          tool_calls: [{ id: `call_${index}`, name: reply.tool, args: reply.args, type: 'tool_call' }],
          usage_metadata: usage,
        })
      : new AIMessage({ id: `scripted-${index}`, content: reply.answer, usage_metadata: usage });
  return Promise.resolve({ generations: [{ text: message.text, message }] });
}

export class ScriptedChatModel extends BaseChatModel<ScriptedCallOptions, AIMessageChunk> {
  readonly calls: ScriptedCall[] = [];
  readonly #steps: ScriptStep[];
  #next = 0;

  constructor(steps: ScriptStep[]) {
    super({});
    this.#steps = steps;
  }

  override _llmType(): string {
    return 'scripted';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ScriptedCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ScriptedCallOptions> {
    return this.withConfig({ tools: tools.map((t) => convertToOpenAITool(t)), ...kwargs });
  }

  override _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    this.calls.push({ messages, tools: (options.tools ?? []).map((t) => t.function.name), toolChoice: options.tool_choice });
    const index = this.#next++;
    const step = this.#steps[index];
    if (!step)
      return Promise.reject(new OtqError('MODEL_FAILED', `the scripted model has no step ${index + 1} (script has ${this.#steps.length})`));
    return playReply(step, messages, index, options.signal);
  }
}

/** A provider around a chat model; `describe()` names the script so audit records show a test model answered. */
export function scriptedProvider<M extends BaseChatModel>(model: M, name: string): ModelProvider & { model: M } {
  const description: ModelDescription = {
    provider: 'scripted',
    modelId: name,
    fileSha256: null,
    chatWrapper: null,
    llamaCppRelease: null,
    baseUrl: null,
  };
  return {
    id: 'scripted',
    model,
    describe: () => description,
    chatModel: () => model,
    countTokens: (text) => Math.ceil(text.length / 4),
    async close() {},
  };
}

/** A provider around one script (its steps are played in order, across questions). */
export function createScriptedProvider(steps: ScriptStep[], name = 'scripted'): ModelProvider & { model: ScriptedChatModel } {
  return scriptedProvider(new ScriptedChatModel(steps), name);
}
