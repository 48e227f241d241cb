// The layering rule: planted upward imports and engine libraries out of place fail; the project's own tree passes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import otq, { allowedLayers } from '../../eslint-rules/layer-imports.js';

const root = join(import.meta.dirname, '..', '..');
const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module', ecmaVersion: 'latest' },
    plugins: { otq },
    rules: { 'otq/layer-imports': ['error', { root }] },
  },
];
const lint = (file: string, code: string): string[] =>
  linter
    .verify(code, config, { filename: join(root, file) })
    .filter((m) => m.ruleId === 'otq/layer-imports' || m.fatal)
    .map((m) => m.message);

describe('otq/layer-imports', () => {
  it.each([
    ['core/x.ts', "import type { Answer } from '../agent/answer.ts';", 'core/ may not import agent/'],
    ['connectors/duckdb/x.ts', "import { parseCommandArgs } from '../../app/main.ts';", 'connectors/ may not import app/'],
    ['connectors/x.ts', "import { loadConfig } from '../agent/ask.ts';", 'connectors/ may not import agent/'],
    ['policies/x.ts', "export { x } from '../ui/csv.ts';", 'policies/ may not import ui/'],
    ['audit/x.ts', "import '../policies/decision.ts';", 'audit/ may not import policies/'],
    ['agent/planner/x.ts', "const m = await import('../../ui/create-app.ts');", 'agent/ may not import ui/'],
    ['agent/x.ts', "export * from '../app/create-runtime.ts';", 'agent/ may not import app/'],
    ['ui/x.ts', "import { createRuntime } from '../app/create-runtime.ts';", 'ui/ may not import app/'],
    ['agent/tools/x.ts', "import pg from 'pg';", 'pg may be imported only under'],
    ['policies/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';", '@duckdb/node-api may be imported only under'],
    ['connectors/postgres/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';", '@duckdb/node-api may be imported only under'],
    ['ui/x.ts', "import { getLlama } from 'node-llama-cpp';", 'node-llama-cpp may be imported only under'],
  ])('refuses %s: %s', (file, code, message) => {
    const messages = lint(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ['app/x.ts', "import { createApp } from '../ui/create-app.ts'; import { ask } from '../agent/ask.ts';"],
    ['ui/x.ts', "import type { Answer } from '../agent/answer.ts';"],
    ['agent/x.ts', "import { createGuard } from '../policies/create-guard.ts'; import '../audit/merkle.ts';"],
    ['policies/x.ts', "import type { SqlParser } from '../connectors/sql-parser.ts';"],
    ['connectors/postgres/x.ts', "import pg from 'pg'; import { OtqError } from '../../core/errors.ts';"],
    ['agent/model/x.ts', "import { getLlama } from 'node-llama-cpp';"],
    ['bench/x.ts', "import { DuckDBInstance } from '@duckdb/node-api'; import { main } from '../app/main.ts';"],
  ])('allows %s: %s', (file, code) => {
    expect(lint(file, code)).toEqual([]);
  });

  it("holds for every source file of the project's own tree", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !['static', 'generated'].includes(entry.name)) walk(path);
        else if (/\.(ts|mjs)$/.test(entry.name)) files.push(path);
      }
    };
    for (const layer of Object.keys(allowedLayers)) walk(join(root, layer));
    expect(files.length).toBeGreaterThan(150);
    const problems = files.flatMap((f) => lint(relative(root, f), readFileSync(f, 'utf8')).map((m) => `${relative(root, f)}: ${m}`));
    expect(problems).toEqual([]);
    // Parsing ~250 files takes about 3 s alone; on a loaded machine many times that.
  }, 300_000);
});
