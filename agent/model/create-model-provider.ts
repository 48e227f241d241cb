// Builds the configured model provider; null when no model is configured (the quick planner still answers).
import type { AuditLog } from '../../audit/audit-record.ts';
import type { ModelConfig } from './model-config.ts';
import { createLlamaCppProvider } from './llama-cpp-provider.ts';
import type { ModelProvider } from './model-provider.ts';
import { createOpenAiCompatibleProvider } from './openai-compatible-provider.ts';

export interface ModelProviderDeps {
  audit: AuditLog;
  /** Directory of the config file (relative model paths, `.otq/` cache, `models/`). */
  baseDir: string;
  /** `egress.allowedHosts` of the config: hosts otq may talk to besides the model's own allowlist. */
  egressAllowedHosts: string[];
}

/** Loads or connects the model and records a `config` audit record describing it (or the refusal). */
export async function createModelProvider(config: ModelConfig, deps: ModelProviderDeps): Promise<ModelProvider | null> {
  switch (config.provider) {
    case 'none':
      return null;
    case 'llama-cpp':
      return createLlamaCppProvider(config, {
        audit: deps.audit,
        baseDir: deps.baseDir,
        ...(config.threads ? { threads: config.threads } : {}),
      });
    case 'openai-compatible':
      return createOpenAiCompatibleProvider(config, { audit: deps.audit, egressAllowedHosts: deps.egressAllowedHosts });
  }
}
