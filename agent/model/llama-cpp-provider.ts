// The in-process provider: a GGUF loaded by node-llama-cpp (prebuilt binaries only), with a pool of context sequences.
import { availableParallelism } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import {
  getLlama,
  LlamaChatSession,
  LlamaLogLevel,
  resolveChatWrapper,
  resolveModelFile,
  specializedChatWrapperTypeNames,
  type ChatWrapper,
  type LlamaModel,
  type SpecializedChatWrapperTypeName,
} from 'node-llama-cpp';
import type { AuditLog } from '../../audit/audit-record.ts';
import type { ModelConfig } from './model-config.ts';
import { ConfigError, OtqError } from '../../core/errors.ts';
import { fileSha256 } from './file-sha256.ts';
import { LlamaCppChatModel, type GrammarCache } from './llama-cpp-chat-model.ts';
import type { ModelDescription, ModelProvider } from './model-provider.ts';
import { createSequencePool, type PooledSequence } from './sequence-pool.ts';

export interface LlamaCppProviderDeps {
  audit: AuditLog;
  /** Directory of the config file: relative `model.path` values resolve against it; `.otq/` and `models/` live there. */
  baseDir: string;
  /** Overrides for tests and small machines. */
  maxStringLength?: number;
  maxAnswerLength?: number;
  /**
   * CPU threads for generation. Default: one less than the available cores (at least 1). llama.cpp's threads spin
   * while they wait; on an oversubscribed machine more threads than free cores made generation ~300x slower here.
   */
  threads?: number;
}

/** The model file for a config: `path` (relative to the config file) or an already pulled `uri` in `models/`. */
export async function resolveModelPath(config: ModelConfig, baseDir: string): Promise<string> {
  if (config.path) return isAbsolute(config.path) ? config.path : resolve(baseDir, config.path);
  if (config.uri) {
    try {
      return await resolveModelFile(config.uri, { directory: join(baseDir, 'models'), download: false, cli: false });
    } catch (error) {
      throw new ConfigError(
        `model.uri ${config.uri} is not in ${join(baseDir, 'models')} yet; run \`otq model pull\` first (${(error as Error).message})`,
        { cause: error },
      );
    }
  }
  throw new ConfigError('model.provider is llama-cpp but neither model.path nor model.uri is set; set model.path to a .gguf file');
}

export async function createLlamaCppProvider(config: ModelConfig, deps: LlamaCppProviderDeps): Promise<ModelProvider> {
  const modelPath = await resolveModelPath(config, deps.baseDir);
  let llama;
  try {
    llama = await getLlama({ gpu: config.gpu, build: 'never', logLevel: LlamaLogLevel.error });
  } catch (error) {
    throw new OtqError(
      'MODEL_UNAVAILABLE',
      `node-llama-cpp has no prebuilt binary for gpu: ${String(config.gpu)} on this machine; set model.gpu to auto or false (${(error as Error).message})`,
      { cause: error },
    );
  }
  const sha256 = await fileSha256(modelPath, join(deps.baseDir, '.otq', 'model-sha256.json'));
  let model;
  try {
    model = await llama.loadModel({ modelPath });
  } catch (error) {
    await llama.dispose();
    throw new OtqError('MODEL_UNAVAILABLE', `could not load the model ${modelPath}: ${(error as Error).message}`, { cause: error });
  }
  const contextSize = config.contextSize ?? Math.min(model.trainContextSize, 8192);
  const threads = deps.threads ?? Math.max(1, availableParallelism() - 1);
  const context = await model.createContext({ contextSize, sequences: config.sequences, threads });
  const chatWrapper = pickChatWrapper(config.chatWrapper, model);
  const items: PooledSequence[] = [];
  for (let i = 0; i < config.sequences; i++) {
    const sequence = context.getSequence();
    items.push({ sequence, session: new LlamaChatSession({ contextSequence: sequence, chatWrapper, autoDisposeSequence: false }) });
  }
  const pool = createSequencePool(items);
  const grammars: GrammarCache = new Map();
  const description: ModelDescription = {
    provider: 'llama-cpp',
    modelId: basename(modelPath),
    fileSha256: sha256,
    chatWrapper: chatWrapper.wrapperName,
    llamaCppRelease: llama.llamaCppRelease.release,
    baseUrl: null,
  };
  await deps.audit.record(
    'config',
    { principal: null, channel: 'system', requestId: 'model-load' },
    {
      event: 'model_loaded',
      ...description,
      path: modelPath,
      gpu: llama.gpu === false ? 'cpu' : llama.gpu,
      contextSize,
      sequences: config.sequences,
      threads,
      typeDescription: model.typeDescription,
    },
  );
  const chat = new LlamaCppChatModel({
    llama,
    pool,
    grammars,
    maxTokens: config.maxTokens,
    maxStringLength: deps.maxStringLength ?? 600,
    maxAnswerLength: deps.maxAnswerLength ?? 800,
    contextSize: context.contextSize,
    countTokens: (text) => model.tokenize(text).length,
  });
  return {
    id: 'llama-cpp',
    describe: () => description,
    chatModel: () => chat,
    countTokens: (text) => model.tokenize(text).length,
    async close() {
      pool.close();
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

/** A configured wrapper name (e.g. `llama3.1`, `chatML`, `qwen`) or node-llama-cpp's resolution from the GGUF metadata. */
function pickChatWrapper(name: string | undefined, model: LlamaModel): ChatWrapper {
  if (name === undefined) return resolveChatWrapper(model);
  const known: readonly string[] = specializedChatWrapperTypeNames;
  if (!known.includes(name))
    throw new ConfigError(`model.chatWrapper "${name}" is not a node-llama-cpp chat wrapper; use one of ${known.join(', ')}`);
  return resolveChatWrapper(model, { type: name as SpecializedChatWrapperTypeName });
}
