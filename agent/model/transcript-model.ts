// A test model that replays recorded transcripts: the script is chosen by the question, the step by how many replies
// the model has given since it (stateless, so questions may run in any order or at once).
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { BaseChatModel, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { OtqError } from '../../core/errors.ts';
import type { ModelProvider } from './model-provider.ts';
import { playReply, scriptedProvider, type ScriptedCallOptions, type ScriptStep } from './scripted-model.ts';

/** The question as the agent sends it: the last human message reads "Current time: ...\nQuestion: <question>". */
export function questionOf(messages: readonly BaseMessage[]): { question: string; index: number } | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as BaseMessage;
    if (m.getType() !== 'human') continue;
    const match = /(?:^|\n)Question: ([\s\S]*)$/.exec(m.text);
    return { question: (match?.[1] ?? m.text).trim(), index: i };
  }
  return null;
}

export class TranscriptChatModel extends BaseChatModel<ScriptedCallOptions, AIMessageChunk> {
  readonly #scripts: ReadonlyMap<string, readonly ScriptStep[]>;

  /** `scripts`: question text (as asked) -> the model's replies, in order. */
  constructor(scripts: ReadonlyMap<string, readonly ScriptStep[]>) {
    super({});
    this.#scripts = scripts;
  }

  override _llmType(): string {
    return 'transcript';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ScriptedCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ScriptedCallOptions> {
    return this.withConfig({ tools: tools.map((t) => convertToOpenAITool(t)), ...kwargs });
  }

  override _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const asked = questionOf(messages);
    const script = asked ? this.#scripts.get(asked.question) : undefined;
    if (!asked || !script)
      return Promise.reject(new OtqError('MODEL_FAILED', `no recorded transcript for the question "${asked?.question ?? ''}"`));
    const index = messages.slice(asked.index + 1).filter((m) => m.getType() === 'ai').length;
    const step = script[index];
    if (!step) return Promise.reject(new OtqError('MODEL_FAILED', `the transcript has no reply ${index + 1} (it has ${script.length})`));
    return playReply(step, messages, index, options.signal);
  }
}

/** A provider replaying transcripts; `name` appears as the model id in the audit log. */
export function createTranscriptProvider(
  scripts: ReadonlyMap<string, readonly ScriptStep[]>,
  name = 'transcripts',
): ModelProvider & { model: TranscriptChatModel } {
  return scriptedProvider(new TranscriptChatModel(scripts), name);
}
