// The in-process provider on the tiny random GGUF: load, sha256 in the audit log, constrained generation, createAgent, KV reuse, pool.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createAgent, createMiddleware } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFileAuditLog, type FileAuditLog } from '../../../audit/file-audit-log.ts';
import { modelConfigSchema } from '../../../agent/model/model-config.ts';
import { createLlamaCppProvider } from '../../../agent/model/llama-cpp-provider.ts';
import type { ModelProvider } from '../../../agent/model/model-provider.ts';

const TINY = resolve(process.cwd(), '../shared/models/llama-2-tiny-random.gguf');
const TINY_SHA256 = '81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb';
const present = existsSync(TINY);
if (!present) console.warn(`skipping llama-cpp provider tests: ${TINY} is absent (see ../shared/models/README.md)`);

const pingSchema = z.object({
  target: z.enum(['pump', 'valve']).describe('what to ping'),
  note: z.string().describe('free text'),
});
const ping = tool(({ target }) => `pong from ${target}`, { name: 'ping', description: 'Ping a device.', schema: pingSchema });
const SYSTEM = 'You are a test assistant for a water utility. '.repeat(20);

describe.skipIf(!present)('llama-cpp provider on the tiny GGUF', () => {
  let dir: string;
  let audit: FileAuditLog;
  let provider: ModelProvider;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otq-llama-'));
    audit = await createFileAuditLog({ dir: join(dir, 'audit'), checkpointEvery: 10_000 });
    const config = modelConfigSchema.parse({
      provider: 'llama-cpp',
      path: TINY,
      gpu: false,
      sequences: 2,
      contextSize: 1024,
      maxTokens: 64,
    });
    provider = await createLlamaCppProvider(config, { audit, baseDir: dir, maxStringLength: 6, maxAnswerLength: 4 });
  });
  afterAll(async () => {
    await provider?.close();
    await audit?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the model and records its sha256, chat wrapper and llama.cpp release in a config audit record', async () => {
    const d = provider.describe();
    expect(d).toMatchObject({ provider: 'llama-cpp', modelId: 'llama-2-tiny-random.gguf', fileSha256: TINY_SHA256 });
    expect(d.chatWrapper).toBeTruthy();
    expect(d.llamaCppRelease).toBeTruthy();
    const log = await readFile(join(dir, 'audit', 'chains', '01', 'segment-000001.jsonl'), 'utf8');
    const record = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; payload: Record<string, unknown> })
      .find((r) => r.kind === 'config');
    expect(record?.payload).toMatchObject({ event: 'model_loaded', fileSha256: TINY_SHA256, chatWrapper: d.chatWrapper });
    const cache = JSON.parse(await readFile(join(dir, '.otq', 'model-sha256.json'), 'utf8')) as Record<string, { sha256: string }>;
    expect(cache[TINY]?.sha256).toBe(TINY_SHA256);
    expect(provider.countTokens?.('hello world')).toBeGreaterThan(0);
  });

  it('constrains every generation to a schema-valid tool call or a bounded final answer', async () => {
    const bound = provider.chatModel().bindTools!([ping]);
    for (const toolChoice of ['required', 'none', 'auto', 'required', 'none', 'auto'] as const) {
      const reply = (await bound.invoke([new SystemMessage(SYSTEM), new HumanMessage('ping the pump')], {
        tool_choice: toolChoice,
      })) as AIMessage;
      const calls = reply.tool_calls ?? [];
      if (toolChoice === 'required') expect(calls).toHaveLength(1);
      if (toolChoice === 'none') expect(calls).toHaveLength(0);
      if (calls.length > 0) {
        expect(calls[0]!.name).toBe('ping');
        const args = pingSchema.parse(calls[0]!.args);
        expect(args.note.length).toBeLessThanOrEqual(6);
      } else {
        expect(typeof reply.content).toBe('string');
        expect(reply.text.length).toBeLessThanOrEqual(4);
      }
      expect(reply.usage_metadata?.output_tokens).toBeLessThanOrEqual(64);
    }
  });

  it('runs a createAgent round trip: tool call, tool result, final answer', async () => {
    let modelCalls = 0;
    const steer = createMiddleware({
      name: 'steer',
      wrapModelCall: async (request, handler) => handler({ ...request, toolChoice: modelCalls++ === 0 ? 'required' : 'none' }),
    });
    const agent = createAgent({ model: provider.chatModel(), tools: [ping], systemPrompt: SYSTEM, middleware: [steer] });
    const result = await agent.invoke({ messages: [new HumanMessage('ping something')] }, { recursionLimit: 6 });
    const types = result.messages.map((m) => m.getType());
    expect(types).toEqual(['human', 'ai', 'tool', 'ai']);
    expect(result.messages[2]!.text).toMatch(/^pong from (pump|valve)$/);
  });

  it('keeps the system prompt in the KV cache: a second question evaluates only its own tokens', async () => {
    const model = provider.chatModel().bindTools!([ping], { tool_choice: 'none' });
    // A system prompt no earlier test used: the first question evaluates it, the second reuses it from the KV cache.
    const system = new SystemMessage('Plant operations assistant for booster stations. '.repeat(12));
    const promptTokens = provider.countTokens!(system.text);
    const first = (await model.invoke([system, new HumanMessage('first question about pumps')])) as AIMessage;
    const second = (await model.invoke([system, new HumanMessage('and the valves?')])) as AIMessage;
    expect(first.usage_metadata!.input_tokens).toBeGreaterThan(promptTokens);
    expect(second.usage_metadata!.input_tokens).toBeLessThan(40);
  });

  it('serves more concurrent questions than sequences from the pool', async () => {
    const model = provider.chatModel().bindTools!([ping], { tool_choice: 'none' });
    const replies = await Promise.all(
      ['a', 'b', 'c'].map((q) => model.invoke([new SystemMessage(SYSTEM), new HumanMessage(`question ${q}`)]) as Promise<AIMessage>),
    );
    expect(replies).toHaveLength(3);
    for (const reply of replies) expect(reply.tool_calls ?? []).toHaveLength(0);
  });
});
