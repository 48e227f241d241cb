// The register check over the tuning set: each answered question re-asked in another register (a chat abbreviation of
// the thesaurus, the time phrase moved, another case, no punctuation, filler, a count in words, another written form of
// an asset) must be planned as the original, or declined or asked back (test/helpers/register-variants.ts). The whole
// set is run by `node bin/run-ts.mjs test/helpers/register-variants-run.ts`; this test plans a fixed sample of it.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';
import { abbreviationPairs, checkRegisters, registerVariants, type RegisterVariant } from '../../helpers/register-variants.ts';
import { tuningQuestions } from '../../helpers/tuning-questions.ts';

/** Every SAMPLE_EVERY-th answered question, with up to VARIANTS_EACH of its variants of different kinds: a few seconds. */
const SAMPLE_EVERY = 8;
const VARIANTS_EACH = 2;

/** Variants of different kinds first, rotating the starting kind from one question to the next. */
function sampled(question: string, at: number, pairs: ReturnType<typeof abbreviationPairs>): RegisterVariant[] {
  const all = registerVariants(question, pairs);
  const kinds = [...new Set(all.map((v) => v.kind))];
  const picked: RegisterVariant[] = [];
  for (let i = 0; picked.length < VARIANTS_EACH && i < kinds.length; i += 1) {
    const kind = kinds[(at + i) % kinds.length]!;
    const ofKind = all.filter((v) => v.kind === kind);
    picked.push(ofKind[at % ofKind.length]!);
  }
  return picked;
}

describe('a question re-asked in another register is planned as it was, or declined', () => {
  const planner = useReferencePlanner();

  it('plans no sampled variant of the tuning set with another plan than its original (ceiling 0)', () => {
    const pairs = abbreviationPairs();
    const questions = tuningQuestions().filter((_, i) => i % SAMPLE_EVERY === 0);
    const report = checkRegisters(
      questions,
      (q, now) => planner.plan(q, now),
      pairs,
      (q, i) => sampled(q, i, pairs),
    );
    const planned = Object.values(report.variants).reduce((a, b) => a + b, 0);
    expect(planned).toBeGreaterThan(200);
    const shown = report.differences.map(
      (d) => `${d.id}: ${d.variant.what} [${d.parts.join(', ')}]: "${d.variant.question}"\n  was: ${d.original}\n  got: ${d.got}`,
    );
    expect(shown.length, shown.join('\n')).toBe(0);
  }, 60_000);
});
