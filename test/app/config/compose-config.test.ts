// Defaults that compose: a user file keeps the sample sources and default users it does not replace, and says so.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, projectRoot } from '../../../app/config/load-config.ts';

const path = '/etc/otq/otq.yaml';

describe('a user otq.yaml composed with the embedded default', () => {
  it('that only adds a model keeps the sample sources, the sample generator and the default users, and says so', () => {
    const loaded = parseConfigText(
      'model:\n  provider: openai-compatible\n  baseUrl: http://127.0.0.1:8000/v1\n  name: qwen2.5-coder-7b-instruct\n',
      path,
    );
    const historian = loaded.config.sources['historian'];
    expect(historian && 'file' in historian ? historian.file : '').toBe(join(projectRoot, 'data-samples/generated/historian.duckdb'));
    expect(Object.keys(loaded.config.sources)).toEqual(['historian', 'telemetry']);
    expect(loaded.config.samples?.dir).toBe(join(projectRoot, 'data-samples/generated'));
    expect(loaded.config.synonyms['PS3']).toBe('BPS03');
    expect(Object.keys(loaded.config.users)).toEqual(['engineer', 'supervisor', 'auditor', 'operator-bps03']);
    expect(loaded.config.defaultUser).toBe('engineer');
    expect(loaded.config.model.provider).toBe('openai-compatible');
    expect(loaded.notes).toEqual([
      expect.stringMatching(/^\/etc\/otq\/otq\.yaml has no sources: using the embedded sample plant \(historian, telemetry\)/),
      '/etc/otq/otq.yaml has no users: using the default users engineer, supervisor, auditor, operator-bps03',
    ]);
  });

  it('with its own sources keeps only those, and no sample synonyms or generator', () => {
    const loaded = parseConfigText('sources:\n  plant:\n    engine: duckdb\n    folder: export\n', path);
    expect(Object.keys(loaded.config.sources)).toEqual(['plant']);
    expect(loaded.config.samples).toBeUndefined();
    expect(loaded.config.synonyms).toEqual({});
    expect(loaded.notes).toEqual([expect.stringContaining('has no users: using the default users')]);
  });

  it('with its own users has no default users, and the first of them is the CLI user unless defaultUser says otherwise', () => {
    const own = parseConfigText('users:\n  alice: { roles: [supervisor] }\n  bob: { roles: [engineer] }\nsources: {}\n', path);
    expect(Object.keys(own.config.users)).toEqual(['alice', 'bob']);
    expect(own.config.defaultUser).toBe('alice');
    expect(own.notes).toEqual(['/etc/otq/otq.yaml sets no defaultUser: the CLI acts as "alice", the first of users:']);
    const chosen = parseConfigText(
      'users:\n  alice: { roles: [supervisor] }\n  bob: { roles: [engineer] }\ndefaultUser: bob\nsources: {}\n',
      path,
    );
    expect(chosen.config.defaultUser).toBe('bob');
    expect(chosen.notes).toEqual([]);
  });
});
