// Metamorphic checks over the answered questions of the tuning set: swap the asset, the time or the operation of a
// question, drop a content word or insert a meaning word the planner cannot apply, and the plan must follow
// (test/helpers/swap-variants.ts). A swap the plan does not follow is an answer that is wrong with confidence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';
import { checkSwaps, type SwapQuestion, type SwapReport } from '../../helpers/swap-variants.ts';

interface QuestionLine {
  id: string;
  question: string;
  now: string;
  planner?: boolean;
  gold_sql?: string;
  expect?: string;
  history?: unknown;
}

/** The questions of a file the planner should answer with data (a gold), asked alone. */
function answeredQuestions(file: string): SwapQuestion[] {
  return readFileSync(new URL(`../../../data-samples/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .map((line) => JSON.parse(line) as QuestionLine)
    .filter((q) => q.planner === true && q.gold_sql !== undefined && (q.expect ?? 'answer') === 'answer' && q.history === undefined)
    .map((q) => ({ id: q.id, question: q.question, now: q.now }));
}

const QUESTIONS = [...answeredQuestions('questions.jsonl'), ...answeredQuestions('questions-understand.jsonl')];

/**
 * Violations allowed per swap, and the ignored words (removal leaves the plan as it was, and no part of the plan or the
 * thesaurus accounts for the word) per 100 answered questions: ceilings that may only fall. The ignored words are a
 * rate, not a count, so that new questions (which bring their own filler) do not trip it while a planner change that
 * reads past more words does: 109 over 942 questions when it was set (11.6). Raised to 12.0 on 2026-12-07 at 147 over
 * 1233: the openers a chat question starts with ("thx", "mornin", question-openers.ts) are read past by design, and
 * the seven helpers' landings together came to 11.92 while each had stayed under 11.6; the words are listed when it fails.
 */
const AT_MOST = { asset: 0, time: 0, operation: 0, insert: 0, ignoredWordsPer100: 12.0 };

describe('the plan follows one swapped thing', () => {
  const planner = useReferencePlanner();
  let report: SwapReport | undefined;
  const run = (): SwapReport => (report ??= checkSwaps(QUESTIONS, (q, now) => planner.plan(q, now), planner.catalogTags()));
  const shown = (kind: string): string[] =>
    run()
      .violations.filter((v) => v.kind === kind)
      .map((v) => `${v.id}: ${v.what}: "${v.variant}": ${v.problem}`);

  it('answers the sibling asset, or declines, when the asset is swapped (T1 -> T2, BPS03 -> BPS01)', () => {
    expect(run().variants.asset).toBeGreaterThan(400);
    expect(shown('asset').length, shown('asset').join('\n')).toBeLessThanOrEqual(AT_MOST.asset);
  }, 120_000);

  it("answers the new phrase's window when the time phrase is swapped (yesterday -> last week, a date, this morning)", () => {
    expect(run().variants.time).toBeGreaterThan(400);
    expect(shown('time').length, shown('time').join('\n')).toBeLessThanOrEqual(AT_MOST.time);
  });

  it('changes the operation when its word is swapped (max -> min, above -> below, average -> maximum)', () => {
    expect(run().variants.operation).toBeGreaterThan(300);
    expect(shown('operation').length, shown('operation').join('\n')).toBeLessThanOrEqual(AT_MOST.operation);
  });

  it('never answers when a meaning word it cannot apply is inserted (net, rolling, per pump, except P02)', () => {
    expect(run().variants.insert).toBeGreaterThan(2000);
    expect(shown('insert').length, shown('insert').join('\n')).toBeLessThanOrEqual(AT_MOST.insert);
  });

  it('reads past no more words than before (a dropped word that leaves the plan as it was)', () => {
    const r = run();
    const ignored = [...r.ignored.entries()].sort((a, b) => b[1].length - a[1].length);
    if (process.env.SWAP_REPORT) {
      console.log(JSON.stringify(r.variants));
      for (const v of r.violations) console.log(`${v.kind}\t${v.id}\t${v.what}\t${v.variant}\t${v.problem}`);
      for (const [w, ids] of ignored) console.log(`ignored\t${w}\t${ids.length}\t${ids.slice(0, 6).join(' ')}`);
    }
    const count = ignored.reduce((n, [, ids]) => n + ids.length, 0);
    const per100 = (100 * count) / QUESTIONS.length;
    const listed = ignored.map(([w, ids]) => `${w} (${ids.length})`).join(', ');
    expect(per100, `${count} ignored over ${QUESTIONS.length} questions: ${listed}`).toBeLessThanOrEqual(AT_MOST.ignoredWordsPer100);
  });
});
