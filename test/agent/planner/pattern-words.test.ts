// The placed-word contract, read from the planner's own source: a word its patterns read is read as written, never
// rewritten first by the typo corrector into another word ("offline" into online, "pending" into sending, "weekday" into
// weekly), and a typo as close to two words of different meaning in one role is read as neither, and named.
import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../../agent/planner/normalize-question.ts';
import { plannerPatternWords, wordsOfPattern } from '../../helpers/pattern-words.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, catalogs } = useReferencePlanner();

/** What the typo corrector would read `word` as, or undefined when it leaves it as written. */
function correctionOf(word: string): string | undefined {
  const catalog = catalogs()[0]!;
  let to: string | undefined;
  normalizeQuestion(word, { synonyms: {}, vocabulary: catalog.vocabulary, known: catalog.known, onCorrection: (_from, t) => (to = t) });
  return to;
}

describe('the words of the planner’s patterns', () => {
  it('finds whole words, not stems or lookbehind names', () => {
    expect(wordsOfPattern(String.raw`\b(?:stopped|shut (?:down|off)|out of service)\b`)).toEqual([
      'stopped',
      'shut',
      'down',
      'off',
      'out',
      'service',
    ]);
    expect(wordsOfPattern(String.raw`\b(?:ack(?:nowledged|ed)|correlat\w*|(earlie|late)s)\b`)).toEqual([]);
    expect(wordsOfPattern(String.raw`(?<name>\d+)\s*(?:alarm(?:s|ed)?)`)).toEqual(['alarm']);
  });

  it('are never read as a typo of another word (only of a word the same pattern lists beside it: "abov" -> above)', () => {
    const words = plannerPatternWords();
    expect(words.size).toBeGreaterThan(400);
    const rewritten = [...words]
      .map(([word, patterns]) => [word, correctionOf(word), patterns] as const)
      .filter(([, to, patterns]) => to !== undefined && ![...patterns].some((p) => words.get(to)?.has(p)))
      .map(([word, to, patterns]) => `${word} -> ${to} (${[...patterns].join(', ')}): add it to "reads" in thesaurus.yaml`);
    expect(rewritten).toEqual([]);
  });
});

describe('a typo close to two meanings of one role is read as neither', () => {
  it.each([
    ['ofline', 'offline or online'],
    ['lest', 'last or least'],
    ['nacked', 'acked or unacked'],
  ])('"%s" (%s) is not corrected', (word) => {
    expect(correctionOf(word)).toBeUndefined();
  });

  it.each([
    ['unlet', 'inlet'],
    ['oulet', 'outlet'],
    ['lowst', 'lowest'],
    ['strats', 'starts'],
  ])('"%s" is still read as "%s" (no other meaning as close)', (word, to) => {
    expect(correctionOf(word)).toBe(to);
  });

  it.each([
    ['lest t1 lvl yday?', 'lest'],
    ['BPS03 P03 ofline hrs yday', 'ofline'],
    ['Which alarms at BPS01 were nacked yesterday?', 'nacked'],
  ])('"%s" declines naming "%s"', (question, word) => {
    const result = plan(question);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' ? result.reason : '').toContain(`"${word}"`);
  });
});
