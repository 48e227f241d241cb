// The ModelProvider interface: what the agent needs from any model (in-process GGUF, a server inside the perimeter, a script).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { JsonObject } from '../../core/json.ts';

/** Identity of the loaded model, recorded in a `config` audit record at start-up and in every `model_invocation`. */
export interface ModelDescription extends JsonObject {
  provider: 'llama-cpp' | 'openai-compatible' | 'scripted';
  /** Model id: GGUF file name, server model name, or script name. */
  modelId: string;
  /** sha256 (hex) of the GGUF file; null when the weights are not on this machine. */
  fileSha256: string | null;
  /** node-llama-cpp chat wrapper name (e.g. `Llama 3.1`, `ChatML`), or null for servers. */
  chatWrapper: string | null;
  /** llama.cpp release of the prebuilt binaries, or null. */
  llamaCppRelease: string | null;
  /** Server base URL (openai-compatible only), or null. */
  baseUrl: string | null;
}

/** A chat model the agent loop can drive with tools. Built by `createModelProvider`; closed by the composition root. */
export interface ModelProvider {
  readonly id: ModelDescription['provider'];
  describe(): ModelDescription;
  /** A LangChain chat model that supports `bindTools` (required by `createAgent`). */
  chatModel(): BaseChatModel;
  /** Tokens of `text` in the model's own tokenizer (for budgets and the benchmark); absent for servers. */
  countTokens?(text: string): number;
  close(): Promise<void>;
}
