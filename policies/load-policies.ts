// Reads policy files (YAML), validates them with zod, and reports every mistake as file:line:column: message.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { policyFileSchema, type PolicyFile, type Protection, type RolePolicy } from './policy-schema.ts';

/** Folder of the shipped policy files (`*.policy.yaml` beside this module). */
export const shippedPolicyDir = dirname(fileURLToPath(import.meta.url));

/** Finds a key path of a loaded file in its text, for errors found after parsing (unknown table, bad row filter). */
export type Locate = (path: (string | number)[]) => string;

export interface PolicyBundle {
  /** Roles after merging all files in order; a later file's role replaces an earlier one of the same name. */
  roles: Map<string, RolePolicy & { locate: Locate; path: (string | number)[] }>;
  /** source -> table -> protection (reasons), merged over all files. */
  protected: Map<string, Map<string, Protection>>;
  files: string[];
  /** sha256 over every file's path and bytes, in load order. */
  sha256: string;
}

export type LoadResult = { ok: true; bundle: PolicyBundle } | { ok: false; errors: string[] };

/** The shipped policy files, sorted by name. */
export async function shippedPolicyFiles(): Promise<string[]> {
  const names = await readdir(shippedPolicyDir);
  return names
    .filter((n) => n.endsWith('.policy.yaml'))
    .sort()
    .map((n) => join(shippedPolicyDir, n));
}

/** Loads and merges policy files; returns every error of every file (never throws for a bad file). */
export async function loadPolicies(files: readonly string[]): Promise<LoadResult> {
  const errors: string[] = [];
  const parsed: { path: string; file: PolicyFile; locate: Locate }[] = [];
  const hash = createHash('sha256');
  for (const file of files) {
    const path = resolve(file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      errors.push(`${path}: cannot read policy file: ${(cause as Error).message}`);
      continue;
    }
    hash.update(`${path}\0${text}\0`);
    const result = parsePolicyText(text, path);
    if (result.ok) parsed.push({ path, file: result.file, locate: result.locate });
    else errors.push(...result.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  const roles: PolicyBundle['roles'] = new Map();
  const protectedTables: PolicyBundle['protected'] = new Map();
  for (const { file, locate } of parsed) {
    for (const [role, policy] of Object.entries(file.roles)) roles.set(role, { ...policy, locate, path: ['roles', role] });
    for (const [source, tables] of Object.entries(file.protected)) {
      const map = protectedTables.get(source) ?? new Map<string, Protection>();
      for (const [table, protection] of Object.entries(tables)) {
        const before = map.get(table);
        map.set(table, { ...before, ...protection, columns: { ...before?.columns, ...protection.columns } });
      }
      protectedTables.set(source, map);
    }
  }
  return { ok: true, bundle: { roles, protected: protectedTables, files: parsed.map((p) => p.path), sha256: hash.digest('hex') } };
}

/** Parses one file's text; errors carry file:line:column. */
export function parsePolicyText(
  text: string,
  path: string,
): { ok: true; file: PolicyFile; locate: Locate } | { ok: false; errors: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return path;
    const pos = lineCounter.linePos(offset);
    return `${path}:${pos.line}:${pos.col}`;
  };
  if (doc.errors.length > 0)
    return { ok: false, errors: doc.errors.map((e) => `${at(e.pos[0])}: invalid YAML: ${e.message.split('\n')[0]}`) };
  const locate: Locate = (keyPath) => at(offsetOf(doc, keyPath));
  const result = policyFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        const path = issue.path as (string | number)[];
        // An unknown key is reported at the key itself, not at its parent mapping.
        const badKey =
          issue.code === 'unrecognized_keys'
            ? { parent: path, key: issue.keys[0] }
            : issue.code === 'invalid_key'
              ? { parent: path.slice(0, -1), key: String(path[path.length - 1]) }
              : undefined;
        const where = badKey?.key !== undefined ? at(keyOffset(doc, badKey.parent, badKey.key) ?? offsetOf(doc, path)) : locate(path);
        return `${where}: ${describeIssue(issue)}`;
      }),
    };
  }
  return { ok: true, file: result.data, locate };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys')
    return `unknown key ${issue.keys.map((k) => (issue.path.length > 0 ? `${key}.${k}` : k)).join(', ')}: remove it or check its spelling`;
  if (issue.code === 'invalid_value' && issue.path[0] === 'version') return 'version: must be 1';
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${key}: missing (required)`;
  if (issue.code === 'invalid_key') return `${key}: ${issue.issues[0]?.message ?? issue.message}`;
  return `${key}: ${issue.message}`;
}

function keyOffset(doc: Document, path: (string | number)[], key: string): number | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** Offset of the value at a key path, or of its nearest existing parent (for a missing key). */
function offsetOf(doc: Document, keyPath: (string | number)[]): number | undefined {
  for (let n = keyPath.length; n >= 0; n--) {
    const node = doc.getIn(keyPath.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}
