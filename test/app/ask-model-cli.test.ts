// `otq ask` with the tiny random GGUF end to end: its garbage is refused as a model failure (exit 1, one line, the
// HTTP API's error body with --json, an `answer` evidence record), never printed as an answer or a stack trace.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/main.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import { testHistorianFile } from '../helpers/sample-data.ts';

const TINY = resolve(process.cwd(), '../shared/models/llama-2-tiny-random.gguf');
const present = existsSync(TINY);
if (!present) console.warn(`skipping otq ask on the tiny GGUF: ${TINY} is absent (see ../shared/models/README.md)`);

describe.skipIf(!present)('otq ask with the tiny random GGUF', () => {
  let dir: string;
  const configFor = async (name: string, model: Record<string, unknown>): Promise<string> => {
    const path = join(dir, `${name}.yaml`);
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
        audit: { dir: join(dir, 'audit') },
        model: { provider: 'llama-cpp', path: TINY, gpu: false, contextSize: 4096, ...model },
      }),
    );
    return path;
  };
  const ask = async (configPath: string, ...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['ask', ...args, '--config', configPath], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otq-tiny-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses the garbage with exit code 1, one line on stderr, the error body on stdout, and an audit record', async () => {
    // One tool call, then a final reply: the random model's text is what gets judged.
    const config = await configFor('garbage', { maxTokens: 400, maxToolCalls: 1 });
    // A question the quick planner has no tag for, so the model answers it.
    const question = 'Write two sentences for the morning report';
    const { code, out, err } = await ask(config, '--json', '--now', '2026-10-15T08:00:00Z', question);
    expect(code).toBe(1);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^otq: the model('s reply (repeats|is written in|has words mixing|contains control)| stopped \(maxTokens\)| returned an empty answer)/,
    );
    expect(lines[0]).toMatch(/; (tried: .+|no tool ran)$/);
    expect(err).not.toContain('internal error');
    const body = JSON.parse(out) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('MODEL_FAILED');
    expect(`otq: ${body.error.message}`).toBe(lines[0]);
    const records = await readAuditRecords({ dir: join(dir, 'audit') });
    const answer = records.filter((r) => r.kind === 'answer').at(-1);
    expect(answer?.payload).toMatchObject({ question, answeredBy: 'model', error: { code: 'MODEL_FAILED', message: body.error.message } });
    expect(records.filter((r) => r.kind === 'model_invocation').length).toBeGreaterThanOrEqual(1);
    // Up to 400 tokens of a real model on CPU: seconds on an idle machine, over a minute on a loaded one.
  }, 300_000);

  it('with a small maxTokens, says the model stopped before finishing its reply (exit 1, one line)', async () => {
    const config = await configFor('short', { maxTokens: 64 });
    const { code, out, err } = await ask(config, '--now', '2026-10-15T08:00:00Z', 'Write two sentences for the morning report');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      /^otq: the model stopped \(maxTokens\) after 64 tokens before finishing its reply; raise model\.maxTokens or use a stronger model; (tried: .+|no tool ran)\n$/,
    );
  });

  it('with a context too small for otq’s instructions and tools, says so with the size that fits, before generating', async () => {
    const config = await configFor('small-context', { contextSize: 1024, maxTokens: 256 });
    const { code, out, err } = await ask(config, '--now', '2026-10-15T08:00:00Z', 'Write two sentences for the morning report');
    expect(code).toBe(1);
    expect(out).toBe('');
    const match =
      /^otq: the model's context of (\d+) tokens is too small: otq's instructions, the tool descriptions and the question take (\d+) tokens and the reply may take up to 256 \(model\.maxTokens\); set model\.contextSize to at least (\d+); no tool ran\n$/.exec(
        err,
      );
    expect(match, err).not.toBeNull();
    const [, context, prompt, needed] = match!.map(Number);
    expect(context).toBeGreaterThanOrEqual(1024);
    expect(prompt! + 256).toBeGreaterThan(context!);
    expect(needed).toBeGreaterThanOrEqual(prompt! + 256);
    const records = await readAuditRecords({ dir: join(dir, 'audit') });
    expect(records.filter((r) => r.kind === 'answer').at(-1)?.payload).toMatchObject({ error: { code: 'MODEL_FAILED' } });
  });
});
