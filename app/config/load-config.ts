// Reads otq.yaml (or the embedded default), validates it once with zod, and names the bad key and line on error.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import { composeWithDefaults } from './compose-config.ts';
import { configSchema, type OtqConfig } from './config-schema.ts';
import { defaultConfigDocument } from './default-config.ts';

/** The project root (where package.json lives); relative paths of the embedded default resolve against it. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LoadedConfig {
  config: OtqConfig;
  /** Absolute path of the file, or null for the embedded default. */
  path: string | null;
  /** Directory that relative paths in the config were resolved against. */
  baseDir: string;
  /** sha256 of the file bytes (or of the default's JSON), recorded in the audit log. */
  sha256: string;
  /** Defaults filled in for keys the file leaves out (sources, users, defaultUser), one line each, printed at start. */
  notes?: string[];
}

/** Where the config comes from: --config, then OTQ_CONFIG, then the embedded default. */
export function configPathFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag ?? (env['OTQ_CONFIG'] || undefined);
}

export async function loadConfig(path?: string): Promise<LoadedConfig> {
  if (path === undefined) return parseConfigObject(defaultConfigDocument, null, projectRoot, JSON.stringify(defaultConfigDocument));
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${absolute}: ${(cause as Error).message}`, { cause });
  }
  return parseConfigText(text, absolute);
}

/** Parses YAML text; errors name file:line:column and the key path. */
export function parseConfigText(text: string, path: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const { raw, notes } = composeWithDefaults(doc.toJS() ?? {}, path, projectRoot);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.flatMap(closestForm).map((issue) => {
      const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const keyOffset = issue.code === 'unrecognized_keys' ? unknownKeyOffset(doc, issue.path, issue.keys[0]) : undefined;
      const offset = keyOffset ?? node?.range?.[0] ?? nearestRange(doc, issue.path);
      const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
      const where = pos ? `${path}:${pos.line}:${pos.col}` : path;
      return `${where}: ${describeIssue(issue)}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`, { details: { issues: result.error.issues.length } });
  }
  const baseDir = dirname(path);
  return { ...finish(result.data, path, baseDir, text), notes };
}

function parseConfigObject(raw: unknown, path: string | null, baseDir: string, hashed: string): LoadedConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`invalid embedded configuration: ${result.error.issues.map(describeIssue).join('; ')}`);
  }
  return finish(result.data, path, baseDir, hashed);
}

function finish(config: OtqConfig, path: string | null, baseDir: string, hashed: string): LoadedConfig {
  return {
    config: resolvePaths(config, baseDir),
    path,
    baseDir,
    sha256: createHash('sha256').update(hashed).digest('hex'),
  };
}

/**
 * A value that fits none of a union's forms (a source that is neither a DuckDB file, a folder nor PostgreSQL) is
 * reported by the form it came closest to: the one with the fewest problems, each at its own key
 * (`sources.historian.timeoutMs: expected number`), instead of "does not match any allowed form".
 */
function closestForm(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) return [issue];
  const ranked = [...issue.errors].sort((a, b) => a.length - b.length);
  const best = ranked[0]!;
  // A wrong engine itself, or a tie, leaves no closest form: the general message says to check the engine and its keys.
  const onEngine = best.some((inner) => inner.path.at(-1) === 'engine');
  if (best.length === 0 || onEngine || (ranked[1] && ranked[1].length === best.length)) return [issue];
  return best.flatMap((inner) => closestForm({ ...inner, path: [...issue.path, ...inner.path] }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (issue.path.length > 0 ? `${key}.${k}` : k));
    return `unknown key ${keys.join(', ')}: remove it or check its spelling`;
  }
  if (issue.code === 'invalid_union') return `${key}: does not match any allowed form (check engine and its keys)`;
  if (issue.code === 'invalid_key') return `${key}: invalid name: ${issue.issues.map((inner) => inner.message).join('; ')}`;
  return `${key}: ${issue.message}`;
}

/** The position of an unknown key itself (not of its parent mapping). */
function unknownKeyOffset(doc: ReturnType<typeof parseDocument>, path: PropertyKey[], key: string | undefined): number | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path as (string | number)[], true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

/** For a missing key, point at its parent mapping. */
function nearestRange(doc: ReturnType<typeof parseDocument>, path: PropertyKey[]): number | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}

function resolvePaths(config: OtqConfig, baseDir: string): OtqConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const sources = Object.fromEntries(
    Object.entries(config.sources).map(([name, source]) => {
      if ('file' in source) return [name, { ...source, file: abs(source.file) }];
      if ('folder' in source) return [name, { ...source, folder: abs(source.folder) }];
      return [name, source];
    }),
  );
  return {
    ...config,
    sources,
    policies: { ...config.policies, files: config.policies.files.map(abs) },
    audit: { ...config.audit, dir: abs(config.audit.dir), ...(config.audit.keyFile ? { keyFile: abs(config.audit.keyFile) } : {}) },
    model: { ...config.model, ...(config.model.path ? { path: abs(config.model.path) } : {}) },
    ...(config.samples ? { samples: { ...config.samples, dir: abs(config.samples.dir) } } : {}),
  };
}
