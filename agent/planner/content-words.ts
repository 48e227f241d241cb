// The content words of a question (those that name its things), its two sides, and the tokens they are linked from.
import { prioritySetAt, readRestatedPriorities } from './priority-sets.ts';
import type { Cues } from './choose-operation.ts';
import { AGG_WORDS, ALARM_STOOD_RE, COMPARE_RE, FILLER, SUPERLATIVE_RE } from './question-lexicon.ts';
import { inCatalogPhrase, stem, tokenize, type QueryToken } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';
import { readPump } from './priority-or-pump.ts';
import { knownOf } from './planner-catalog.ts';
import type { Planned } from './planned.ts';
import type { PlanPass } from './question-text.ts';

/**
 * Words joined by slashes that name things, not a unit: identifiers ("p1/p3") or words of three letters or more
 * ("speed/power"); a unit has a digit or a short part (m3/h, mg/l, l/s).
 */
const SLASHED_THINGS_RE = /^(?:[a-z]+\d+(?:\/[a-z]+\d+)+|[a-z]{3,}(?:\/[a-z]{3,})+)$/;

/** The arithmetic mean of the stored readings, asked for by name (the plain "mean"/"average" is time-weighted). */
const READINGS_MEAN_RE =
  /^(?:arithmetic (?:mean|average|avg)(?: of (?:the )?(?:stored )?(?:readings|samples|values|rows))?|(?:mean|average|avg) of (?:the |all )?(?:stored |raw )?(?:readings|samples|values|rows))\b/;

// "final water", "critical point", "high lift": an operation or priority word inside a pair the catalog describes names the thing.
// A position word before a word it names a tag with ("final chlorine": Final water free chlorine) is an adjective of
// the name, not "the last value".
const POSITION_WORDS = /^(?:final|opening|initial|closing|first|last)$/;

/** The question's entity words and tokens, and the two sides of "A and B" / "A vs B". */
export interface ContentWords {
  content: string[];
  /** The two sides of "A and B" / "A vs B", for a shape that relates exactly two tags (correlation). */
  sides: [string[], string[]];
  tokens: QueryToken[];
  /** No entity was named and there is a previous turn: its entities may be kept. */
  followUp: boolean;
}

/** Words joining a further priority to one read: "prio 1 vs prio 4", "p1 and p2 alarms". */
const PRIORITY_JOIN_RE = /^(?:vs|versus|and|or|against)$/;

/** The content words and tokens of the text left once the cues are read; sets the word cues (fns, priority, compare...). */
export function readContentWords(pass: PlanPass, cues: Cues, text: string): Planned | ContentWords {
  const { catalogs, vocabulary, previous, plurals } = pass;
  // "longest-standing alarm", "stood the longest before it cleared": the time to clear takes those words up.
  const split = splitContent(pass, cues, cues.alarm ? text.replace(new RegExp(ALARM_STOOD_RE.source, 'g'), ' ') : text);
  if ('kind' in split) return split;
  const { content, sides, compareWords } = split;
  cues.compare = compareWords > 0;
  cues.entityWords = content;
  const tokens = tokenize(content).map((token) => withAlternatives(token, vocabulary));
  // "P1 vs P2", "hi-lift P1 P2 P3": two or more numbers of one family compare those things.
  const families = new Map<string, number>();
  for (const token of tokens) if (token.id) families.set(token.id.letters, (families.get(token.id.letters) ?? 0) + 1);
  if ([...families.values()].some((count) => count >= 2)) cues.compare = true;
  // "which PRV was most open", "hottest RTU panel": a superlative over a group asks which member.
  if (SUPERLATIVE_RE.test(text)) cues.rank = true;
  const followUp = tokens.length === 0 && previous !== undefined;
  if (tokens.length === 0 && !cues.alarm) {
    return { kind: 'decline', reason: 'I could not find a tag, asset or measurement in the question', followUp };
  }
  // A thesaurus form that ends in s is a plural only when its singular is a word too ("lvls", not "pres" of pressure).
  const word = (w: string): boolean => knownOf(catalogs).known.has(w) || vocabulary.terms.has(w) || vocabulary.rewrite.has(w);
  const singularForm = (w: string): boolean => vocabulary.terms.has(w) && !word(w.slice(0, -1));
  if (tokens.length > 0 && cues.plural === false)
    cues.plural = content.some((w) => (/[a-z]{3,}s$/.test(w) && !/ss$/.test(w) && !/us$/.test(w) && !singularForm(w)) || plurals.has(w));
  return { content, sides, tokens, followUp };
}

/** The words of the text, with the words that set a cue (aggregate, priority, alarm words, fillers) taken out. */
function splitContent(
  pass: PlanPass,
  cues: Cues,
  text: string,
): Planned | { content: string[]; sides: [string[], string[]]; compareWords: number } {
  const { catalogs, vocabulary } = pass;
  // "hi prio alm cnt (p1/p2)": the parenthesis says which priorities; a priority word beside it is taken up by it.
  const restated = cues.alarm ? readRestatedPriorities(text) : null;
  if (restated) {
    text = restated.text;
    cues.priority = {
      word: restated.words,
      value: restated.values[0] ?? 1,
      ...(restated.values.length > 1 ? { values: restated.values } : {}),
    };
  }
  // A slash between things ("P1/P3", "P01/P02/P03", "speed/power", "suction p / T1 lvl") joins them as "and" does (so do "&"
  // and "+"); in a unit (m3/h, mg/l) it divides.
  const words = text
    // "I'm", "we're", "it's": a contraction's tail is no word of its own ("m" is no unit here).
    .replace(/(?<=[a-z])'(?:m|re|ve|ll|d|s)(?![a-z])/g, '')
    .replace(/\s*[&+]\s*/g, ' and ')
    // Letters of any script are word letters: "Hochbehälter" is one word, never "hochbeh" and "lter".
    .split(/[^\p{L}\p{N}_%°./-]+/u)
    .flatMap((w) => (w === '/' ? ['and'] : SLASHED_THINGS_RE.test(w) ? w.replaceAll('/', ' and ').split(' ') : [w]))
    .map((w) => w.replace(/^[./-]+|[./-]+$/g, ''))
    .filter((w) => w.length > 0);
  const content: string[] = [];
  const sides: [string[], string[]] = [[], []];
  let side = 0;
  let compareWords = 0;
  // The next word counts in its thesaurus readings too: "final cl2" is "final chlorine" as much as "final chlorine" is.
  const readingsOf = (word: string): string[] => [word, ...(vocabulary.terms.get(word) ?? [])];
  const namesWith = (i: number): boolean =>
    POSITION_WORDS.test(words[i] ?? '') &&
    words[i + 1] !== undefined &&
    catalogs.some((c) =>
      c.index.tags.some(
        (t) =>
          t.terms.has(stem(words[i] ?? '')) &&
          readingsOf(words[i + 1] ?? '').some((w) => w.split(/\s+/).every((x) => t.terms.has(stem(x)))),
      ),
    );
  const inPhrase = (i: number): boolean => namesWith(i) || catalogs.some((c) => inCatalogPhrase(c.index, words, i));
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    // "prio 1 vs prio 4", "crit and low prio alarms": a further priority joined to the one read is one more of the set.
    const joined = cues.priority && !restated && PRIORITY_JOIN_RE.test(words[i - 1] ?? '');
    if (cues.alarm && (!cues.priority || restated || joined) && !inPhrase(i)) {
      const priority = priorityAt(pass, words, i);
      if (priority && 'kind' in priority && !restated && !joined) return priority;
      if (priority && !('kind' in priority) && cues.priority && (restated || joined)) {
        const values = [...new Set([...(cues.priority.values ?? [cues.priority.value]), ...(restated ? [] : [priority.value])])];
        // The parenthesis restates the word ("top prio (p1/p2)"); a word it leaves out contradicts it.
        if (restated && !values.includes(priority.value))
          return {
            kind: 'decline',
            reason: `I could not place "${priority.word}" with "${restated.words}": priority ${priority.value} is not among the priorities the parenthesis names`,
          };
        if (values.length > 1) cues.priority.values = values.sort((a, b) => a - b);
        cues.priority.value = Math.min(...values);
        i += priority.skip;
        continue;
      }
      if (priority && !('kind' in priority)) {
        cues.priority = { word: priority.word, value: priority.value };
        // "prio 1 & 2", "prio 2 or higher": a set of priorities, its other words taken up with it.
        const set = prioritySetAt(words, i + priority.skip, priority.value);
        if (set && 'kind' in set) return set;
        if (set) cues.priority.values = set.values;
        i += priority.skip + (set?.skip ?? 0);
        continue;
      }
    }
    if (word === 'priority' && cues.priority) continue;
    // "mean of the readings", "arithmetic mean/average": the arithmetic mean of the stored rows, not of the signal.
    const readings = READINGS_MEAN_RE.exec(words.slice(i, i + 5).join(' '));
    if (!inPhrase(i) && readings) {
      if (!cues.fns.includes('mean')) cues.fns.push('mean');
      i += readings[0].split(' ').length - 1;
      continue;
    }
    const fn = inPhrase(i) ? undefined : AGG_WORDS[word];
    if (fn) {
      if (!cues.fns.includes(fn)) cues.fns.push(fn);
      continue;
    }
    if (COMPARE_RE.test(word)) compareWords += 1;
    if (/^(and|vs|versus|against|with|to)$/.test(word) && sides[0].length > 0) side = 1;
    if (
      /^(alarm(?:s|ed|ing)?|alerts?|trips?|noisiest|noisy|frequent|common|chattering|tally|clear|cleared|clearing|mttc|mean|take|took|active|acknowledged|still|yet|any|open|outstanding|history|histories|journal|log|events?|til|till|until)$/.test(
        word,
      ) &&
      cues.alarm
    )
      continue;
    // A filler word the thesaurus says some part of the plan must take up ("per", "each") goes on to be checked.
    if (FILLER.has(word) && !vocabulary.placed.has(word)) continue;
    content.push(word);
    sides[side === 0 ? 0 : 1].push(word);
  }
  return { content, sides, compareWords };
}

/**
 * The alarm priority word i names ("critical", "high priority", "p1"), and how many words after it it took; a decline
 * when the word is a priority or a pump and either is a guess; null when it names no priority here.
 */
function priorityAt(pass: PlanPass, words: readonly string[], i: number): Planned | { word: string; value: number; skip: number } | null {
  const { catalogs, vocabulary } = pass;
  const word = words[i] ?? '';
  const pair = `${word} ${words[i + 1] ?? ''}`;
  // "high-priority" is one word of the question and the thesaurus' "high priority".
  const value = vocabulary.priorities.get(pair) ?? vocabulary.priorities.get(word.replace(/-/g, ' '));
  // "p1" is a priority word and, in most plants, pump P1. It is the priority where no tag carries that identifier
  // together with the other identifiers named ("p2 alarms in DMA02": no P2 in DMA02), the pump where the question says
  // so ("pump p1", "BPS03 P2", "p1 current alarms"), and otherwise a guess either way.
  const idKey = (w: string): string => w.replace(/^([a-z]+)[_-]?0*(\d+)$/, '$1$2');
  const others = words.filter((w, j) => j !== i && /^[a-z]+[_-]?\d+$/.test(w) && !vocabulary.priorities.has(w)).map(idKey);
  const pump = /\d/.test(word) ? catalogs.map((c) => readPump(c.index.tags, vocabulary, words, i, idKey, others)) : [];
  const catalogId = pump.some((p) => p.tags.length > 0);
  const pumpSaid = pump.some((p) => p.said);
  // "high level alarm", "high pressure alarms": before a measurement the catalog knows, the word says which limit, not a priority.
  const next = words[i + 1] ?? '';
  const limitWord =
    !/\d/.test(next) &&
    [next, ...(vocabulary.terms.get(next) ?? [])].some((w) =>
      catalogs.some((c) => w.split(/\s+/).every((x) => c.index.vocabulary.has(stem(x)))),
    );
  // "p1 alarms" with no station named: priority 1, or pump P1 of every station that has one; either is a guess.
  if (value !== undefined && catalogId && !pumpSaid && others.length === 0)
    return {
      kind: 'decline',
      reason: `I could not place "${word}": priority ${value} or pump ${word.toUpperCase()} of any station? Say "priority ${value} alarms", or name the pump's station`,
    };
  // "p1 alarms at wtp": the site has a pump P1 and alarms may have priority 1; naming the site picks neither.
  if (value !== undefined && catalogId && !pumpSaid) {
    const site = words.filter((w, j) => j !== i && others.includes(idKey(w))).map((w) => w.toUpperCase());
    return {
      kind: 'decline',
      reason: `I could not place "${word}": priority ${value} alarms at ${site.join(' ')}, or the alarms of pump ${word.toUpperCase()} of ${site.join(' ')}? Say "priority ${value} alarms", or "pump ${word.toUpperCase()}"`,
    };
  }
  if (value !== undefined && !catalogId && !(limitWord && !vocabulary.priorities.has(pair))) {
    const two = vocabulary.priorities.has(pair);
    const skip = two || words[i + 1] === 'priority' || words[i + 1] === 'prio' ? 1 : 0;
    return { word: two ? pair : word, value, skip };
  }
  return null;
}

/** The thesaurus' alternatives of a word token ("cl2" -> chlorine; "clear_well", a joined phrase, -> clearwell). */
export function withAlternatives(token: QueryToken, vocabulary: Vocabulary): QueryToken {
  const key = token.text.replace(/_/g, ' ');
  // "cl2" looks like an identifier but the thesaurus knows it as a word.
  if (token.id && !(token.id.word === undefined && vocabulary.terms.has(key))) return token;
  const alternatives = vocabulary.terms.get(key) ?? vocabulary.terms.get(stem(key));
  if (!alternatives) return token;
  // One step further along the thesaurus: "vol" -> volume -> the flow totaliser or a stored volume.
  const chained = alternatives.flatMap((alt) => [alt, ...(alt !== key ? (vocabulary.terms.get(alt) ?? []) : [])]);
  return { text: token.text, alts: [...new Set(chained)].map((alt) => alt.split(/\s+/).map(stem)) };
}
