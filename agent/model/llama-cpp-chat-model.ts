// A LangChain chat model over node-llama-cpp whose replies are grammar-constrained (compact GBNF), so even a small model emits well-formed calls.
import { randomUUID } from 'node:crypto';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput, ToolDefinition } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, type AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import type { ChatHistoryItem, GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp';
import { OtqError } from '../../core/errors.ts';
import { dropNullOptionals, schemaToGbnf } from './json-gbnf.ts';
import type { SequencePool } from './sequence-pool.ts';
import { renderToolDocs, replySchema, toolChoiceMode, type ModelReply, type ToolSpec } from './tool-grammar.ts';

export interface LlamaCppCallOptions extends BaseChatModelCallOptions {
  tools?: ToolDefinition[];
}

/** Compiled grammars by schema JSON; compiling a grammar takes tens of ms and the schema repeats every turn. */
export type GrammarCache = Map<string, Promise<LlamaGrammar>>;

export interface LlamaCppChatModelFields extends BaseChatModelParams {
  llama: Llama;
  pool: SequencePool;
  grammars: GrammarCache;
  /** Hard cap on generated tokens per reply. */
  maxTokens: number;
  /** Cap on every string argument the model writes (characters). */
  maxStringLength: number;
  /** Cap on the final answer (characters). */
  maxAnswerLength: number;
  /** Tokens the context sequence holds, and the model's tokenizer: the fixed part of a turn must fit with room for the reply. */
  contextSize: number;
  countTokens: (text: string) => number;
}

const finishedStops = new Set(['eogToken', 'stopGenerationTrigger']);

export class LlamaCppChatModel extends BaseChatModel<LlamaCppCallOptions, AIMessageChunk> {
  readonly #fields: LlamaCppChatModelFields;

  constructor(fields: LlamaCppChatModelFields) {
    super(fields);
    this.#fields = fields;
  }

  override _llmType(): string {
    return 'node-llama-cpp';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<LlamaCppCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, LlamaCppCallOptions> {
    return this.withConfig({ tools: tools.map((t) => convertToOpenAITool(t)), ...kwargs });
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const f = this.#fields;
    const tools: ToolSpec[] = (options.tools ?? []).map((t) => ({
      name: t.function.name,
      description: t.function.description ?? '',
      parameters: t.function.parameters ?? {},
    }));
    const schema = replySchema(tools, toolChoiceMode(options.tool_choice), {
      maxStringLength: f.maxStringLength,
      maxAnswerLength: f.maxAnswerLength,
    });
    const grammar = await this.#grammar(schema);
    const { history, prompt } = toChatHistory(messages, tools.length > 0 ? renderToolDocs(tools) : '');
    this.#checkFits(history, prompt);

    const pooled = await f.pool.acquire(options.signal);
    const meter = pooled.sequence.tokenMeter;
    const inputBefore = meter.usedInputTokens;
    const outputBefore = meter.usedOutputTokens;
    let result;
    try {
      pooled.session.setChatHistory(history);
      result = await pooled.session.promptWithMeta(prompt, {
        grammar,
        maxTokens: f.maxTokens,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new OtqError('TIMEOUT', 'the model ran out of its time budget', { cause: error });
      if (/context (shift|size)/i.test((error as Error).message))
        throw new OtqError(
          'MODEL_FAILED',
          `the conversation grew past the model's context of ${f.contextSize} tokens (tool results included); raise model.contextSize or ask a narrower question`,
          { cause: error, details: { contextSize: f.contextSize } },
        );
      throw new OtqError('MODEL_FAILED', `the model failed: ${(error as Error).message}`, { cause: error });
    } finally {
      f.pool.release(pooled);
    }
    const inputTokens = meter.usedInputTokens - inputBefore;
    const outputTokens = meter.usedOutputTokens - outputBefore;
    const raw = result.responseText;
    if (!finishedStops.has(result.stopReason)) {
      throw new OtqError(
        'MODEL_FAILED',
        `the model stopped (${result.stopReason}) after ${outputTokens} tokens before finishing its reply; raise model.maxTokens or use a stronger model`,
        {
          details: { stopReason: result.stopReason, outputTokens },
        },
      );
    }
    let reply: ModelReply;
    try {
      reply = JSON.parse(raw) as ModelReply;
    } catch (error) {
      throw new OtqError('MODEL_FAILED', `the model's reply was not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    if (reply.type === 'tool_call') {
      const call = reply;
      const spec = tools.find((t) => t.name === call.name);
      reply = { ...call, args: spec ? dropNullOptionals(call.args, spec.parameters) : call.args };
    }
    const metadata = { raw, stopReason: result.stopReason, contextTokens: pooled.sequence.contextTokens.length };
    const usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
    const message =
      reply.type === 'tool_call'
        ? new AIMessage({
            content: '',
            tool_calls: [{ id: `call_${randomUUID()}`, name: reply.name, args: reply.args, type: 'tool_call' }],
            response_metadata: metadata,
            usage_metadata: usage,
          })
        : new AIMessage({ content: reply.answer, response_metadata: metadata, usage_metadata: usage });
    return { generations: [{ text: reply.type === 'final' ? reply.answer : '', message }], llmOutput: { tokenUsage: usage } };
  }

  /**
   * The system message (otq's instructions and the tool descriptions) and the newest user turn cannot be shortened by
   * node-llama-cpp's context shift; when they and the reply budget exceed the context, say so before generating,
   * with the size that would fit, instead of the runtime's "failed to compress chat history".
   */
  #checkFits(history: ChatHistoryItem[], prompt: string): void {
    const f = this.#fields;
    const system = history.find((item) => item.type === 'system');
    const fixed = f.countTokens(`${system && typeof system.text === 'string' ? system.text : ''}\n${prompt}`);
    if (fixed + f.maxTokens <= f.contextSize) return;
    const needed = Math.ceil((fixed + f.maxTokens) / 512) * 512;
    throw new OtqError(
      'MODEL_FAILED',
      `the model's context of ${f.contextSize} tokens is too small: otq's instructions, the tool descriptions and the question take ${fixed} tokens and the reply may take up to ${f.maxTokens} (model.maxTokens); set model.contextSize to at least ${needed}`,
      { details: { contextSize: f.contextSize, promptTokens: fixed, maxTokens: f.maxTokens } },
    );
  }

  #grammar(schema: GbnfJsonSchema): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    const cached = this.#fields.grammars.get(key);
    if (cached) return cached;
    const created = this.#fields.llama.createGrammar({ grammar: schemaToGbnf(schema, this.#fields.maxStringLength) });
    this.#fields.grammars.set(key, created);
    created.catch(() => this.#fields.grammars.delete(key));
    return created;
  }
}

/**
 * Maps LangChain messages to node-llama-cpp chat history. Tool results become user text; earlier model replies are
 * replayed exactly as generated (raw JSON), so the KV cache prefix matches and is reused. The tool docs go first in
 * the system message, then the agent's system prompt: both are fixed across questions.
 */
export function toChatHistory(messages: BaseMessage[], toolDocs: string): { history: ChatHistoryItem[]; prompt: string } {
  const systemParts = toolDocs ? [toolDocs] : [];
  const items: ChatHistoryItem[] = [];
  const pushUser = (text: string): void => {
    const last = items.at(-1);
    if (last && last.type === 'user') last.text = `${last.text}\n\n${text}`;
    else items.push({ type: 'user', text });
  };
  for (const message of messages) {
    const type = message.getType();
    if (type === 'system') systemParts.push(message.text);
    else if (type === 'human') pushUser(message.text);
    else if (type === 'tool') pushUser(`Result of ${(message as BaseMessage & { name?: string }).name ?? 'the tool'}:\n${message.text}`);
    else if (type === 'ai') items.push({ type: 'model', response: [modelReplyText(message as AIMessage)] });
  }
  const last = items.pop();
  if (!last || last.type !== 'user') throw new OtqError('INTERNAL', 'the conversation must end with a user or tool message');
  const system: ChatHistoryItem[] = systemParts.length > 0 ? [{ type: 'system', text: systemParts.join('\n\n') }] : [];
  return { history: [...system, ...items], prompt: last.text };
}

function modelReplyText(message: AIMessage): string {
  const raw = message.response_metadata?.raw;
  if (typeof raw === 'string') return raw;
  const call = message.tool_calls?.[0];
  if (call) return JSON.stringify({ type: 'tool_call', name: call.name, args: call.args });
  return JSON.stringify({ type: 'final', answer: message.text });
}
