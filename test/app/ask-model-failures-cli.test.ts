// `otq ask` against an OpenAI-compatible server on 127.0.0.1 that fails, hangs or returns nothing: exit code 1, one
// line naming what failed (never LangChain's wrapper, "internal error" or a stack), the error body with --json, audited.
// Runs without ../shared (the tiny GGUF test covers the in-process model where the file is present).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/main.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import { testHistorianFile } from '../helpers/sample-data.ts';

type Mode = 'error' | 'empty' | 'hang';

let server: Server;
let port: number;
let dir: string;
const hanging: (() => void)[] = [];

/** One chat completion answering with `content` (no tool call). */
const completion = (content: string) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 0,
    model: 'local-test',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 20, completion_tokens: 1, total_tokens: 21 },
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otq-model-fail-'));
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const mode = (req.url ?? '').split('/')[1] as Mode;
      if (mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'CUDA out of memory', type: 'server_error' } }));
      } else if (mode === 'empty') {
        res.setHeader('content-type', 'application/json');
        res.end(completion(''));
      } else {
        // Never answers on its own; the test's afterAll ends it.
        hanging.push(() => res.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const end of hanging) end();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function configFor(mode: Mode): Promise<string> {
  const path = join(dir, `${mode}.yaml`);
  await writeFile(
    path,
    stringify({
      timezone: 'Europe/Berlin',
      defaultUser: 'engineer',
      users: { engineer: { roles: ['engineer'] } },
      sources: {
        historian: {
          engine: 'duckdb',
          file: testHistorianFile,
          historian: {
            samples: { table: 'samples', time: 'ts', tag: 'tag_id', value: 'value', quality: 'quality', goodQuality: [192] },
            tags: { table: 'tags', id: 'tag_id', name: 'tag_path', description: 'description', unit: 'unit', dataType: 'data_type' },
          },
        },
      },
      audit: { dir: join(dir, `audit-${mode}`) },
      model: {
        provider: 'openai-compatible',
        baseUrl: `http://127.0.0.1:${port}/${mode}/v1`,
        name: 'local-test',
        budgetMs: mode === 'hang' ? 1000 : 20_000,
      },
    }),
  );
  return path;
}

/** A question the quick planner has no tag for, so the model must answer it. */
const QUESTION = 'Write two sentences for the morning report';

async function ask(mode: Mode, json: boolean) {
  let out = '';
  let err = '';
  const args = ['ask', ...(json ? ['--json'] : []), '--now', '2026-10-15T08:00:00Z', QUESTION, '--config', await configFor(mode)];
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('otq ask when the model fails', () => {
  it.each([
    ['error', 'MODEL_FAILED', /^otq: the model call failed: .*500.*; no tool ran$/],
    ['empty', 'MODEL_FAILED', /^otq: the model returned an empty answer; no tool ran$/],
    ['hang', 'TIMEOUT', /^otq: the model ran out of its time budget of 1 s, and no query had returned data; no tool ran$/],
  ] as const)('a server that %s: exit 1, one line, the error body with --json, an answer record', async (mode, code, line) => {
    const plain = await ask(mode, false);
    expect(plain.code).toBe(1);
    expect(plain.out).toBe('');
    expect(plain.err.trim().split('\n')).toHaveLength(1);
    expect(plain.err.trim()).toMatch(line);
    expect(plain.err).not.toMatch(/internal error|MiddlewareError|\n\s+at /);

    const json = await ask(mode, true);
    expect(json.code).toBe(1);
    const body = JSON.parse(json.out) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(`otq: ${body.error.message}`).toBe(json.err.trim());

    const records = await readAuditRecords({ dir: join(dir, `audit-${mode}`) });
    const answers = records.filter((r) => r.kind === 'answer');
    expect(answers).toHaveLength(2);
    for (const answer of answers) expect(answer.payload).toMatchObject({ question: QUESTION, answeredBy: 'model', error: { code } });
  });
});
