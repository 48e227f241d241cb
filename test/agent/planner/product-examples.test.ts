// The product's own example questions (web page welcome, bot help texts, README) all answer: read from those files, asked for real.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

const root = join(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** Every example question the product shows, with where it is shown. */
function examples(): [string, string][] {
  const out: [string, string][] = [];
  for (const m of read('ui/static/index.html').matchAll(/<q>([^<]+)<\/q>/g)) out.push(['web page welcome', m[1]!]);
  for (const m of read('ui/bots/mattermost-hook.ts').matchAll(/`\/otq (?:sql )?([^`]+)`/g)) out.push(['Mattermost help', m[1]!]);
  for (const m of read('ui/bots/teams-hook.ts').matchAll(/e\.g\. "([^"]+)"/g)) out.push(['Teams help', m[1]!]);
  const readme = read('README.md');
  for (const m of readme.matchAll(/_"([^"]+)"_/g)) out.push(['README', m[1]!]);
  for (const m of readme.matchAll(/otq ask "([^"]+)"/g)) if (m[1] !== 'QUESTION') out.push(['README', m[1]!]);
  for (const m of readme.matchAll(/^\s+question: (.+)$/gm)) out.push(['README report', m[1]!]);
  return out;
}

let rt: TestRuntime;
async function ask(question: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `example-${question}`, now: new Date('2026-10-15T08:30:00Z') });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe("the product's own examples", () => {
  it('are found in the files that show them', () => {
    const found = examples();
    expect(found.map(([where]) => where)).toEqual(
      expect.arrayContaining(['web page welcome', 'Mattermost help', 'Teams help', 'README', 'README report']),
    );
  });

  it.each(examples())('%s: "%s" is answered by the quick planner (data, or an ask-back with choices)', async (_where, question) => {
    const answer = await ask(question);
    expect(answer.answeredBy).toBe('quick-planner');
    if (answer.choices?.length) {
      expect(answer.choices.length).toBeGreaterThan(1);
      return;
    }
    expect(answer.sql).not.toBeNull();
    expect(answer.rows.length).toBeGreaterThan(0);
  });

  it('"average flow of pump 1 at BPS03 yesterday" says the pump has no flow tag and answers with the station header flow', async () => {
    const answer = await ask('average flow of pump 1 at BPS03 yesterday');
    expect(answer.answer).toMatch(/^BPS03\/P01 has no flow tag; answered with BPS03\/Header\/Flow \(BPS03 station flow\) at BPS03\. /);
    expect(answer.notes).toContainEqual(expect.stringMatching(/^understood: aggregate of BPS03\/Header\/Flow/));
  });

  it('"average flow of pump 2 last 24 h" asks back with choices, each of which plans to its own tag', async () => {
    const answer = await ask('average flow of pump 2 last 24 h');
    const choices = answer.choices ?? [];
    expect(choices.map((c) => c.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^BPS03\/Header\/Flow /)]));
    for (const choice of choices) {
      const chosen = await ask(choice.question);
      expect(chosen.notes, choice.question).toContainEqual(expect.stringContaining(`of ${choice.label.split(' ')[0]} `));
    }
  });
});
