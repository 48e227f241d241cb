// The model: slice of otq.yaml (provider, file or server, egress allowlist, token and tool budgets), composed by app/.
import { z } from 'zod';
import { hostName } from '../../core/host-name.ts';

export const modelConfigSchema = z
  .object({
    provider: z.enum(['none', 'llama-cpp', 'openai-compatible']).default('none'),
    path: z.string().optional(),
    uri: z.string().optional(),
    baseUrl: z.string().url().optional(),
    name: z.string().optional(),
    apiKeyEnv: z.string().optional(),
    allowedHosts: z.array(hostName).default(['127.0.0.1', 'localhost', '::1']),
    gpu: z.union([z.enum(['auto', 'cuda', 'vulkan', 'metal']), z.literal(false)]).default('auto'),
    contextSize: z.number().int().min(512).optional(),
    sequences: z.number().int().min(1).max(16).default(2),
    /** CPU threads for llama.cpp (default: cores - 1); its threads busy-wait, so leave room for the server. */
    threads: z.number().int().min(1).max(256).optional(),
    maxTokens: z.number().int().min(16).default(512),
    chatWrapper: z.string().optional(),
    maxToolCalls: z.number().int().min(1).max(50).default(8),
    budgetMs: z.number().int().min(1000).default(120_000),
    /**
     * What happens to a model answer with a number or time that no query result of the question contains: `flag`
     * shows it with the untraced values named; `strict` withholds the model's text and says why (the table stays).
     */
    grounding: z.enum(['flag', 'strict']).default('flag'),
  })
  .strict();

export type ModelConfig = z.infer<typeof modelConfigSchema>;
