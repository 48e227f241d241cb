// Every otq.yaml example in the README and the bring-your-own-data guide is a configuration otq accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, projectRoot } from '../../../app/config/load-config.ts';

const documents = ['README.md', 'docs/bring-your-own-data.md'];

/** The ```yaml blocks of a Markdown file, with the line each starts on. */
function yamlBlocks(file: string): { line: number; text: string }[] {
  const lines = readFileSync(join(projectRoot, file), 'utf8').split('\n');
  const blocks: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i]?.trim() !== '```yaml') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    blocks.push({ line: i + 2, text: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

describe.each(documents)('the examples of %s', (file) => {
  const blocks = yamlBlocks(file);

  it('are there', () => {
    expect(blocks.length).toBeGreaterThan(1);
  });

  it.each(blocks.map((b) => [b.line, b.text] as const))('the block at line %i is a valid otq.yaml', (line, text) => {
    expect(() => parseConfigText(text, `${file}:${line}`)).not.toThrow();
  });
});

it('catches a broken example', () => {
  expect(() =>
    parseConfigText('sources:\n  x:\n    engine: duckdb\n    folder: /d\n    wide: { r: { tabel: t, time: ts } }\n', 'bad.yaml'),
  ).toThrow(/bad\.yaml:3:\d+: sources\.x: does not match any allowed form/);
});

it('names the key of a wrong value inside a source, by the form the source comes closest to', () => {
  expect(() =>
    parseConfigText('sources:\n  x:\n    engine: duckdb\n    file: /d.duckdb\n    timeoutMs: "ten seconds"\n', 'bad.yaml'),
  ).toThrow(/bad\.yaml:5:\d+: sources\.x\.timeoutMs: Invalid input: expected number, received string/);
  // A wrong engine has no closest form: the message says to check the engine.
  expect(() => parseConfigText('sources:\n  x:\n    engine: oracle\n    file: /d.duckdb\n', 'bad.yaml')).toThrow(
    /sources\.x: does not match any allowed form \(check engine and its keys\)/,
  );
});
