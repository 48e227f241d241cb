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

/** The one-slip typos of a word: a letter left out, or two neighbours swapped ("above": bove, abve, baove, aobve, ...). */
function slipsOf(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i += 1) out.add(word.slice(0, i) + word.slice(i + 1));
  for (let i = 0; i + 1 < word.length; i += 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  out.delete(word);
  return [...out];
}

describe('a typo close to two meanings of one role is read as neither', () => {
  it('never reads a slip of a contrast word as a word of another class of its role (metamorphic: above -> abve stays above)', () => {
    const contrasts = catalogs()[0]!.vocabulary.contrasts;
    const flips: string[] = [];
    for (const [word, classes] of contrasts) {
      if (word.length < 5) continue;
      for (const slip of slipsOf(word)) {
        const to = correctionOf(slip);
        if (to === undefined) continue;
        const roles = new Map(classes.map((c) => [c.slice(0, c.lastIndexOf('/')), c]));
        const other = (contrasts.get(to) ?? []).find((c) => roles.has(c.slice(0, c.lastIndexOf('/'))) && !classes.includes(c));
        if (other) flips.push(`${word} -> ${slip} -> ${to} (${other})`);
      }
    }
    expect(flips).toEqual([]);
  });

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
