// The OpenAI-compatible provider against a stub server on 127.0.0.1, and the start-up refusal of a public host.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFileAuditLog, type FileAuditLog } from '../../../audit/file-audit-log.ts';
import { modelConfigSchema } from '../../../agent/model/model-config.ts';
import { createModelProvider } from '../../../agent/model/create-model-provider.ts';
import { OtqError } from '../../../core/errors.ts';

interface ChatRequest {
  messages: { role: string; content: unknown }[];
  tools?: { function: { name: string } }[];
}

let server: Server;
let baseUrl: string;
const received: ChatRequest[] = [];
let completion = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = JSON.parse(body) as ChatRequest;
      received.push(request);
      const hasToolResult = request.messages.some((m) => m.role === 'tool');
      const message = hasToolResult
        ? { role: 'assistant', content: 'The pump reported pong.' }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: `call_${completion}`, type: 'function', function: { name: 'ping', arguments: '{"target":"pump"}' } }],
          };
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: `chatcmpl-${++completion}`,
          object: 'chat.completion',
          created: 0,
          model: 'local-test',
          choices: [{ index: 0, message, finish_reason: hasToolResult ? 'stop' : 'tool_calls' }],
          usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('openai-compatible provider', () => {
  let dir: string;
  let audit: FileAuditLog;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otq-oai-'));
    audit = await createFileAuditLog({ dir: join(dir, 'audit'), checkpointEvery: 10_000 });
  });
  afterAll(async () => {
    await audit.close();
    await rm(dir, { recursive: true, force: true });
  });
  const records = async () =>
    (await readFile(join(dir, 'audit', 'chains', '01', 'segment-000001.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; payload: Record<string, unknown> });

  it('does a tool call round trip inside createAgent against a loopback server', async () => {
    const provider = await createModelProvider(modelConfigSchema.parse({ provider: 'openai-compatible', baseUrl, name: 'local-test' }), {
      audit,
      baseDir: dir,
      egressAllowedHosts: [],
    });
    expect(provider?.describe()).toMatchObject({ provider: 'openai-compatible', modelId: 'local-test', baseUrl });
    const ping = tool(({ target }) => `pong from ${target}`, {
      name: 'ping',
      description: 'Ping a device',
      schema: z.object({ target: z.string() }),
    });
    const agent = createAgent({ model: provider!.chatModel(), tools: [ping] });
    const result = await agent.invoke({ messages: [new HumanMessage('ping the pump')] });
    expect(result.messages.map((m) => m.getType())).toEqual(['human', 'ai', 'tool', 'ai']);
    expect(result.messages[2]!.text).toBe('pong from pump');
    expect(result.messages[3]!.text).toBe('The pump reported pong.');
    expect(received.at(-2)?.tools?.[0]?.function.name).toBe('ping');
    expect((await records()).some((r) => r.kind === 'config' && r.payload.event === 'model_connected')).toBe(true);
  });

  it('refuses a public host at start-up, explains the sovereignty rule, and audits the refusal', async () => {
    const config = modelConfigSchema.parse({ provider: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', name: 'gpt-4o' });
    const attempt = createModelProvider(config, { audit, baseDir: dir, egressAllowedHosts: [] });
    await expect(attempt).rejects.toBeInstanceOf(OtqError);
    await expect(attempt).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    await expect(attempt).rejects.toThrow(/api\.openai\.com.*not on model\.allowedHosts.*inside your perimeter/s);
    const refusal = (await records()).find((r) => r.kind === 'config' && r.payload.event === 'model_refused');
    expect(refusal?.payload).toMatchObject({ host: 'api.openai.com', rule: 'model.allowedHosts' });
  });

  it('accepts a host inside the perimeter once it is on model.allowedHosts', async () => {
    const config = modelConfigSchema.parse({
      provider: 'openai-compatible',
      baseUrl: 'http://llm.plant.local:8080/v1',
      allowedHosts: ['llm.plant.local'],
    });
    const provider = await createModelProvider(config, { audit, baseDir: dir, egressAllowedHosts: [] });
    expect(provider?.id).toBe('openai-compatible');
  });

  it('returns null for provider none', async () => {
    expect(await createModelProvider(modelConfigSchema.parse({}), { audit, baseDir: dir, egressAllowedHosts: [] })).toBeNull();
  });
});
