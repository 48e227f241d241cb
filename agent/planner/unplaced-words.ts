// The last check of a plan: every content word is taken up by a part of the plan or known to be harmless. A word that is
// neither ("after the refill", "no spikes", "rolling") stops the plan, named, with what would be answered without it.
import type { Decline, Plan } from './plan.ts';
import { phraseAlternation } from './phrase-pattern.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Whom or what an answer is for is said after "for", often with a determiner ("for the regulator", "for our records"). */
const DETERMINER = "(?:(?:the|my|our|a|an|this|that|their|your|his|her|today's|tomorrow's|tonight's|next)\\s+)?";

const patterns = new WeakMap<Vocabulary, RegExp | null>();

/** The vocabulary's harmless phrases and purpose clauses as one whole-word alternation, compiled once per vocabulary. */
function patternOf(vocabulary: Vocabulary): RegExp | null {
  let re = patterns.get(vocabulary);
  if (re === undefined) {
    const parts: string[] = [];
    if (vocabulary.harmless.length > 0) parts.push(`(?:${phraseAlternation(vocabulary.harmless)})`);
    if (vocabulary.purposes.length > 0) {
      // "for the report to the regulator": one purpose may name the next.
      const purpose = `${DETERMINER}(?:${phraseAlternation(vocabulary.purposes)})`;
      parts.push(`for\\s+${purpose}(?:\\s+(?:to|for)\\s+${purpose})*`);
    }
    re = parts.length === 0 ? null : new RegExp(`(?<=^|[^a-z0-9_'])(?:${parts.join('|')})(?=$|[^a-z0-9_])`, 'g');
    patterns.set(vocabulary, re);
  }
  return re;
}

/**
 * The question without what says how it is asked, never what: politeness and idiom ("thanks in advance", "track each
 * other") and the answer's purpose ("for the regulator", "for my shift report"). The words are blanked, so that the
 * rest keeps its place; "handover" in "for the handover" is then no shift-log question.
 */
export function dropHarmless(text: string, vocabulary: Vocabulary): string {
  const re = patternOf(vocabulary);
  return re ? text.replace(re, (found) => ' '.repeat(found.length)) : text;
}

/** The words of the purposes and of the held words: words as written, never read as a typo of another ("only", "audit"). */
export const placementWords = (vocabulary: Vocabulary): string[] => [
  ...vocabulary.purposes.flatMap((p) => p.split(/\s+/)),
  ...vocabulary.placed.keys(),
];

/** The summary a plan gives when no statistic is asked: it answers no word of the question. */
const DEFAULT_SUMMARY = 'avg,min,max';

/**
 * The parts of a plan that can take a word up: its operation ("correlation", "threshold", "run-hours"), "alarms" for any
 * alarm operation, "group" when it answers for several tags ("per pump", "each tank"), "state" when every tag is a
 * status ("is P1 up"), what the plan reports of its stretches ("longest", "count"), and each statistic asked ("delta" takes "rising", "max" takes "reached"; the default summary,
 * avg/min/max, was asked by no word and takes none up).
 */
export function planParts(plan: Plan): Set<string> {
  const op = plan.operation;
  const parts = new Set<string>([op.kind]);
  if (op.kind.startsWith('alarm')) parts.add('alarms');
  // The alarms ranked by their time to clear or acknowledge take "shortest", "quickest" (alarm-durations.ts).
  if (op.kind === 'alarm-list' && op.byDuration) parts.add('duration-rank');
  if (plan.tags.length > 1) parts.add('group');
  if (plan.tags.length > 0 && plan.tags.every((t) => t.dataType?.toLowerCase() === 'status')) parts.add('state');
  const fns = 'fns' in op && Array.isArray(op.fns) ? (op.fns as string[]) : 'fn' in op && typeof op.fn === 'string' ? [op.fn] : [];
  if (fns.join(',') !== DEFAULT_SUMMARY) for (const fn of fns) parts.add(fn);
  // What a threshold, together or state-time plan reports of its stretches ("longest", "count", "downtime").
  if ('report' in op && typeof op.report === 'string') parts.add(op.report);
  // Run-hours added over the tags ("combined", "altogether") take up a sum.
  if (op.kind === 'run-hours' && op.summed) parts.add('sum');
  return parts;
}

/**
 * A decline naming the words no part of the plan took up: unknown words that are not harmless (`ignored`), and words
 * whose placing parts the plan lacks (`held`, thesaurus `placed`: "per" without a group answer). Null when there are none.
 */
export function unplacedDecline(
  plan: Plan,
  words: { ignored: readonly string[]; held: readonly string[] },
  vocabulary: Vocabulary,
): Decline | null {
  const parts = planParts(plan);
  const held = words.held.filter((w) => !(vocabulary.placed.get(w) ?? []).some((part) => parts.has(part)));
  const named = [...new Set([...words.ignored, ...held])];
  if (named.length === 0) return null;
  const [it, takes] = named.length === 1 ? ['it', 'takes it'] : ['them', 'takes them'];
  return {
    kind: 'decline',
    reason:
      `I could not place ${named.map((w) => `"${w}"`).join(', ')}: no part of the plan ${takes} up, and ${named.length === 1 ? 'it' : 'they'} may change what is asked. ` +
      `Without ${it} I would answer: ${plan.understood}; ask again without ${it} if that is what you mean`,
  };
}
