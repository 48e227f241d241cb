// Config loading: the embedded default, relative paths, and errors that name the bad key and its line.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, projectRoot } from '../../../app/config/load-config.ts';
import { ConfigError } from '../../../core/errors.ts';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the embedded default without a file: sample historian, engineer as default user', async () => {
    const loaded = await loadConfig();
    expect(loaded.path).toBeNull();
    expect(loaded.config.defaultUser).toBe('engineer');
    expect(loaded.config.timezone).toBe('Europe/Berlin');
    const historian = loaded.config.sources['historian'];
    expect(historian && 'file' in historian ? historian.file : '').toBe(join(projectRoot, 'data-samples/generated/historian.duckdb'));
    expect(loaded.config.audit.dir).toBe(join(projectRoot, '.otq/audit'));
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('resolves relative paths against the config file and keeps defaults for omitted keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otq-config-'));
    const path = join(dir, 'otq.yaml');
    await writeFile(path, 'sources:\n  plant:\n    engine: duckdb\n    file: data/plant.duckdb\naudit:\n  dir: evidence\n');
    const loaded = await loadConfig(path);
    const plant = loaded.config.sources['plant'];
    expect(plant && 'file' in plant ? plant.file : '').toBe(join(dir, 'data/plant.duckdb'));
    expect(loaded.config.audit.dir).toBe(join(dir, 'evidence'));
    expect(loaded.config.server.port).toBe(8080);
    expect(loaded.config.model.provider).toBe('none');
  });

  it('names an unknown key with its line and column', () => {
    const error = errorOf(() =>
      parseConfigText('sources:\n  h:\n    engine: duckdb\n    file: x.duckdb\nsever:\n  port: 1\n', '/etc/otq.yaml'),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('unknown key sever');
    expect(error.message).toMatch(/\/etc\/otq\.yaml:5:1/);
  });

  it('points at a nested unknown key itself', () => {
    const error = errorOf(() =>
      parseConfigText('sources:\n  h:\n    engine: duckdb\n    file: x.duckdb\n    maxrows: 5\n', '/etc/otq.yaml'),
    );
    expect(error.message).toMatch(/\/etc\/otq\.yaml:5:5: unknown key sources\.h\.maxrows/);
  });

  it('names a wrongly typed value at its own line', () => {
    const error = errorOf(() =>
      parseConfigText('sources:\n  h:\n    engine: duckdb\n    file: x.duckdb\nserver:\n  port: eighty\n', '/etc/otq.yaml'),
    );
    expect(error.message).toMatch(/\/etc\/otq\.yaml:6:9: server\.port/);
  });

  it('reports YAML syntax errors with a position', () => {
    const error = errorOf(() => parseConfigText('sources: [\n', '/etc/otq.yaml'));
    expect(error.message).toMatch(/\/etc\/otq\.yaml:\d+:\d+: invalid YAML/);
  });

  it('refuses duplicate keys instead of silently taking the last one', () => {
    const error = errorOf(() => parseConfigText('timezone: UTC\ntimezone: Europe/Berlin\nsources: {}\n', '/etc/otq.yaml'));
    expect(error.message).toMatch(/invalid YAML/);
  });

  it('refuses a source name that is not lower_snake_case', () => {
    const error = errorOf(() => parseConfigText('sources:\n  Plant-1:\n    engine: duckdb\n    file: x.duckdb\n', '/etc/otq.yaml'));
    expect(error.message).toContain('lower_snake_case');
  });
});

describe('egress allowlist at config load', () => {
  const base = 'users:\n  ops: { roles: [engineer] }\nsources:\n  h:\n    engine: duckdb\n    file: x.duckdb\n';
  const report = (url: string) =>
    `${base}reports:\n  - name: daily\n    cron: '0 7 * * *'\n    user: ops\n    sql: SELECT 1\n    source: h\n    destinations:\n      - webhook: ${url}\n`;

  it('refuses a report destination whose host is not on egress.allowedHosts, naming the key', () => {
    const error = errorOf(() => parseConfigText(report('https://hooks.example.com/x'), '/etc/otq.yaml'));
    expect(error.message).toContain('reports.0.destinations.0');
    expect(error.message).toContain('hooks.example.com is not on egress.allowedHosts');
  });

  it('accepts it once the host is allowed', () => {
    const loaded = parseConfigText(
      `${report('https://hooks.example.com/x')}egress:\n  allowedHosts: [hooks.example.com]\n`,
      '/etc/otq.yaml',
    );
    expect(loaded.config.reports[0]?.name).toBe('daily');
  });

  it('refuses a report that runs as an unknown user', () => {
    const error = errorOf(() =>
      parseConfigText(
        report('http://127.0.0.1:9/x').replace('user: ops', 'user: nobody') + 'egress:\n  allowedHosts: [127.0.0.1]\n',
        '/etc/otq.yaml',
      ),
    );
    expect(error.message).toContain('unknown user "nobody"');
  });
});
