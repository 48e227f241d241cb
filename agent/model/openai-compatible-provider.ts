// A model server inside the perimeter (llama.cpp server, vLLM, Ollama) through @langchain/openai, with the egress check first.
import { ChatOpenAI } from '@langchain/openai';
import type { AuditLog } from '../../audit/audit-record.ts';
import type { ModelConfig } from './model-config.ts';
import { ConfigError } from '../../core/errors.ts';
import { checkModelEgress } from './egress-check.ts';
import type { ModelDescription, ModelProvider } from './model-provider.ts';

export interface OpenAiCompatibleDeps {
  audit: AuditLog;
  egressAllowedHosts: string[];
  /** Environment to read `model.apiKeyEnv` from (injected for tests). */
  env?: NodeJS.ProcessEnv;
}

export async function createOpenAiCompatibleProvider(config: ModelConfig, deps: OpenAiCompatibleDeps): Promise<ModelProvider> {
  await checkModelEgress(config.baseUrl, config.allowedHosts, deps.egressAllowedHosts, deps.audit);
  const baseUrl = config.baseUrl as string;
  const env = deps.env ?? process.env;
  let apiKey = 'sk-local';
  if (config.apiKeyEnv) {
    const value = env[config.apiKeyEnv];
    if (!value) throw new ConfigError(`model.apiKeyEnv names ${config.apiKeyEnv}, but that environment variable is empty`);
    apiKey = value;
  }
  const modelId = config.name ?? 'local';
  // No `streaming: true`: it fetches tokenizer data from the internet and hangs air-gapped (notes §3).
  const chat = new ChatOpenAI({
    model: modelId,
    apiKey,
    configuration: { baseURL: baseUrl },
    maxRetries: 0,
    maxTokens: config.maxTokens,
    temperature: 0,
  });
  const description: ModelDescription = {
    provider: 'openai-compatible',
    modelId,
    fileSha256: null,
    chatWrapper: null,
    llamaCppRelease: null,
    baseUrl,
  };
  await deps.audit.record(
    'config',
    { principal: null, channel: 'system', requestId: 'model-load' },
    { event: 'model_connected', ...description },
  );
  return {
    id: 'openai-compatible',
    describe: () => description,
    chatModel: () => chat,
    async close() {},
  };
}
