// Words that change what is asked in a way the quick planner cannot apply (a median, "while P1 ran", "other than P1"):
// one left in the question once the plan's parts have taken theirs stops the plan, named, instead of another answer.
import { AGG_WORDS } from './question-lexicon.ts';
import { linkTags, stem, tokenize, type TagIndex } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';
import { phraseAlternation } from './phrase-pattern.ts';
import { ABOVE_WORDS, AT_OR_ABOVE_WORDS, AT_OR_BELOW_WORDS, BELOW_WORDS } from './comparator-words.ts';

/** A modifier found in the question: the words as they stand there, and the thesaurus class they belong to. */
export interface Modifier {
  words: string;
  kind: string;
}

/** What each shipped class asks for, said in the decline; a class a site adds is named by its key. */
const ASKS_FOR: Readonly<Record<string, string>> = {
  statistic: 'a statistic other than the time-weighted average, minimum, maximum, total or change',
  rate: 'how fast the value moves (a rate of change), not its value or how much it changed',
  condition: 'only the time while another condition held, which the quick planner cannot filter on',
  'value-condition': 'a statistic over only the time the value itself met a condition, which the quick planner does not compute',
  exclusion: 'something left out of what is asked, which the quick planner cannot leave out',
  ratio: 'one measurement per unit of another (a ratio of two tags), which the quick planner does not compute',
  nested: 'a statistic of statistics (the average of the daily maxima), which the quick planner does not compute',
  limit:
    'an alarm limit by its letters (H, HH, L, LL) or a range, and the catalog has one high and one low alarm limit per tag; the alarm journal is read by tag, priority and time, not by side or limit',
};

/**
 * Classes whose words other parts of the plan take for themselves ("average daily max": an aggregate and a bucket), so
 * they are looked for in the whole question, before those parts read it.
 */
const WHOLE_QUESTION = new Set(['nested']);

type Compiled = { re: RegExp; kindOf: ReadonlyMap<string, string> } | null;
const patterns = new WeakMap<Vocabulary, { rest: Compiled; whole: Compiled }>();

/** The vocabulary's modifiers as whole-word alternations, longest first (the rest, the whole-question classes), compiled once. */
function patternsOf(vocabulary: Vocabulary): { rest: Compiled; whole: Compiled } {
  let compiled = patterns.get(vocabulary);
  if (compiled === undefined) {
    compiled = {
      rest: compile(vocabulary, (kind) => !WHOLE_QUESTION.has(kind)),
      whole: compile(vocabulary, (kind) => WHOLE_QUESTION.has(kind)),
    };
    patterns.set(vocabulary, compiled);
  }
  return compiled;
}

/** The phrases of the classes `keep` accepts as one whole-word alternation, longest first; null when there are none. */
function compile(vocabulary: Vocabulary, keep: (kind: string) => boolean): Compiled {
  const kindOf = new Map<string, string>();
  for (const [kind, phrases] of vocabulary.modifiers)
    if (keep(kind)) for (const phrase of phrases) if (!kindOf.has(phrase)) kindOf.set(phrase, kind);
  const phrases = [...kindOf.keys()].sort((a, b) => b.length - a.length);
  if (phrases.length === 0) return null;
  const alternation = phraseAlternation(phrases, '[\\s_]+');
  return { re: new RegExp(`(?<=^|[^a-z0-9_])(?:${alternation})(?=$|[^a-z0-9_])`, 'g'), kindOf };
}

/** True when every word of the phrase is a word the catalog names things with (a plant's "Mode" tag is no statistic). */
const catalogWord = (indexes: readonly TagIndex[], phrase: string): boolean =>
  phrase.split(/[\s_]+/).every((w) => indexes.some((index) => index.vocabulary.has(stem(w))));

/** True when the words name something of the catalog: an identifier or a term a tag carries ("T3", "pressure"). */
const namesSomething = (indexes: readonly TagIndex[], words: readonly string[]): boolean =>
  tokenize([...words]).some((token) =>
    indexes.some((index) => (token.id ? linkTags(index, [token]).unmatched.length === 0 : index.vocabulary.has(stem(token.text)))),
  );

/** After "when", a verb that makes it the question word ("when did", "when was") rather than a condition ("when T3 was"). */
const QUESTION_WHEN = /^(?:did|does|do|was|were|is|are|has|had|have|will|would|can|could|should|exactly|roughly|approximately)$/;

/**
 * "T2 level when T3 was highest", "flow when pump 1 tripped": a "when" that opens a clause about something the catalog
 * names is a condition on another signal (the "when" of "when did it trip", or "when they cleared", is not).
 */
function conditionalWhen(text: string, vocabulary: Vocabulary, indexes: readonly TagIndex[]): boolean {
  for (const match of text.matchAll(/(?<=^|[^a-z0-9_])when(?=$|[^a-z0-9_])([^,.;:?!]*)/g)) {
    const clause = (match[1] ?? '').split(/[^a-z0-9_]+/).filter((w) => w.length > 0);
    if (clause.length === 0 || QUESTION_WHEN.test(clause[0] ?? '')) continue;
    if (namesSomething(indexes, clause.filter((w) => !vocabulary.plain.has(w)).slice(0, 4))) return true;
  }
  return false;
}

/** The states another signal is held in beside the one asked ("w/ p1 stopped"): a condition, not a running-together. */
export const HELD_STATE = String.raw`(?:stopped|stopd|stoped|off|down|idle|tripped|offline|not\s+running|out\s+of\s+service)`;

/**
 * "p2 running with p1 stopped", "hl p1 on w/ dosing pmp off": "with" before a thing of the catalog and a state it is out
 * of is a condition on another signal (the time one ran while the other did not); its words, or null.
 */
function heldWith(text: string, indexes: readonly TagIndex[]): string | null {
  for (const match of text.matchAll(
    new RegExp(String.raw`(?<=^|[^a-z0-9_])(?:with\s+|w\/\s*)((?:[a-z0-9_]+\s+){1,4}?)${HELD_STATE}(?=$|[^a-z0-9_])`, 'g'),
  )) {
    const words = (match[1] ?? '').trim().split(/\s+/);
    if (namesSomething(indexes, words)) return match[0];
  }
  return null;
}

/**
 * "average T1 level when under 2 m", "avg while above 4": a "when" or "while" before a comparison and a number puts a
 * condition on the value itself; the comparison is no crossing or duration asked, so no other part may take it up.
 */
const VALUE_CONDITION = new RegExp(
  String.raw`(?<=^|[^a-z0-9_])(when(?:ever)?|while|whilst)\s+(?:it(?:'s|s)?\s+|its\s+)?(?:(?:is|was|are|were|being|stays?|stayed)\s+)?` +
    String.raw`(?:${AT_OR_ABOVE_WORDS}|${AT_OR_BELOW_WORDS}|${ABOVE_WORDS}|${BELOW_WORDS})\s*-?\.?\d`,
);

/**
 * "dma1 cl2 when below 0.3": with nothing else asked of the value (no statistic, count or run), "when below L" asks when
 * it was below L (the stretches), as "when was it below L" does; a condition needs something asked under it.
 */
function asksOnlyWhen(question: string, at: number): boolean {
  const words = question.split(/[^a-z0-9]+/);
  return (
    !words.some((w) => AGG_WORDS[w] !== undefined) &&
    !/\b(?:how\s+(?:many|much|often)|count|number|total|sum|starts?|started|trips?|tripped|ran|run|running)\b/.test(question) &&
    /^\s*when\b/.test(question.slice(at))
  );
}

/**
 * The first modifier left in `text` (the question once the time, shape, limit and alarm words are taken out), or
 * null. A phrase the catalog itself uses is not one; a "when" is none where the shape itself reads it (`whenIsShape`).
 */
export function findModifier(
  text: string,
  vocabulary: Vocabulary,
  indexes: readonly TagIndex[],
  options: { whenIsShape?: boolean; question?: string } = {},
): Modifier | null {
  const condition = VALUE_CONDITION.exec(options.question ?? text);
  if (condition && !asksOnlyWhen(options.question ?? text, condition.index))
    return { words: condition[1] ?? 'when', kind: 'value-condition' };
  const { rest, whole } = patternsOf(vocabulary);
  for (const [compiled, within] of [
    [whole, options.question ?? text],
    [rest, text],
  ] as const) {
    if (!compiled) continue;
    for (const match of within.matchAll(compiled.re)) {
      const words = match[0].replace(/[\s_]+/g, ' ');
      if (catalogWord(indexes, words)) continue;
      return { words, kind: compiled.kindOf.get(words) ?? 'modifier' };
    }
  }
  const held = heldWith((options.question ?? text).toLowerCase(), indexes);
  if (held) return { words: held, kind: 'condition' };
  return !options.whenIsShape && conditionalWhen(text, vocabulary, indexes) ? { words: 'when', kind: 'condition' } : null;
}

/** The decline naming the modifier and what it asks for. */
export function modifierDecline(modifier: Modifier): { kind: 'decline'; reason: string } {
  const asks = ASKS_FOR[modifier.kind] ?? `a ${modifier.kind} the quick planner cannot apply`;
  return {
    kind: 'decline',
    reason: `I could not place "${modifier.words}": it asks for ${asks}; answering without it would answer another question`,
  };
}
