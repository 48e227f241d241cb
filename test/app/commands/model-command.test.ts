// `otq model pull` offline: a clear failure message and exit code, and usage errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../app/config/config-schema.ts';
import type { LoadedConfig } from '../../../app/config/load-config.ts';
import { modelCommand } from '../../../app/commands/model-command.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('otq model pull', () => {
  let dir: string;
  let loaded: LoadedConfig;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otq-pull-'));
    loaded = { config: configSchema.parse({ sources: {} }), path: null, baseDir: dir, sha256: '0'.repeat(64) };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails with a message that says what to do when the model host is unreachable', async () => {
    const t = io();
    const code = await modelCommand(['pull', 'hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M'], t.io, loaded);
    expect(code).toBe(1);
    const err = t.err.join('');
    expect(err).toContain('could not pull hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M');
    expect(err).toContain('air-gapped');
    expect(err).toContain(join(dir, 'models'));
  });

  it('is a usage error without a URI and without model.uri', async () => {
    const t = io();
    expect(await modelCommand(['pull'], t.io, loaded)).toBe(2);
    expect(t.err.join('')).toContain('no model to pull');
    expect(await modelCommand(['fetch'], t.io, loaded)).toBe(2);
  });
});
