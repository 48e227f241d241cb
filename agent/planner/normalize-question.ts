// Question text -> the planner's normal form: lower case, site synonyms, chat forms rewritten, typos corrected.
import { writeSpokenNumbers } from './spoken-numbers.ts';
import { applyCorrections } from './chat-corrections.ts';
import { readChatConnectives } from './chat-connectives.ts';
import { writeSpokenRates } from './unit-ratios.ts';
import { lemmatize, type LemmaKind } from './lemmatize.ts';
import { rewriteOperatorTime, type NamedShift } from './operator-time.ts';
import { splitTagPaths } from './tag-path-forms.ts';
import { splitCompound, splitGluedNumber, splitGluedPriority } from './compound-words.ts';
import { TYPO_FIXES } from './question-lexicon.ts';
import { editDistance } from './tag-catalog.ts';
import {
  breakTypoTie,
  keepsEveryLetter,
  plausibleTypo,
  readAbbreviation,
  readsTwoMeanings,
  skeleton,
  typoBudget,
} from './typo-tolerance.ts';
import type { Vocabulary } from './vocabulary.ts';
import { escapeRe } from './phrase-pattern.ts';
import { dropOpeners, moveFrontedTime } from './question-openers.ts';
import { writeCountDigits, writeGroupCountWords } from './count-words.ts';
import { unitOf } from './unit-table.ts';
import { expandIdRanges } from './id-ranges.ts';
import { writeClockHourRanges } from './clock-hour-ranges.ts';

/** A count of times, then "in one day", "in a single hour": the calendar span the times are counted in. */
const REPEAT_SPAN_RE = /\b(times?|x|once|twice|activations?)\s+in\s+(?:one|a|1|a\s+single)\s+(day|hour|hr|week|wk|month)\b/g;

/** A word of an alarm question as engineers write it ("alms", "alrm"), before the thesaurus rewrites it. */
const ALARM_WORD_RE = /\b(?:alarms?|alms?|alrms?|alerts?)\b/;

/** The spoken forms of the alarm conditions (hi, lo, high, hh...): the sides of an alarm. */
const sideForms = (vocabulary: Vocabulary): ReadonlySet<string> => new Set([...vocabulary.alarmConditions.values()].flat());

/** Whole-word (or whole-phrase) pattern: not inside a longer word or number. */
const wordRe = (text: string): RegExp => new RegExp(`(?<=^|[^a-z0-9_])${escapeRe(text)}(?=$|[^a-z0-9_])`, 'g');

/** The vocabulary's phrases as one alternation, longest first, compiled once per vocabulary. */
const phrasePatterns = new WeakMap<Vocabulary, { re: RegExp; replace: (phrase: string) => string }>();
function phrasesOf(vocabulary: Vocabulary): { re: RegExp; replace: (phrase: string) => string } | undefined {
  if (vocabulary.phrases.length === 0) return undefined;
  let compiled = phrasePatterns.get(vocabulary);
  if (!compiled) {
    compiled = {
      re: new RegExp(`(?<=^|[^a-z0-9_])(?:${vocabulary.phrases.map(escapeRe).join('|')})(?=$|[^a-z0-9_])`, 'g'),
      replace: (phrase) => {
        const rewritten = vocabulary.rewrite.get(phrase);
        return rewritten === undefined ? phrase.replace(/\s+/g, '_') : rewritten === '' ? ' ' : rewritten;
      },
    };
    phrasePatterns.set(vocabulary, compiled);
  }
  return compiled;
}

const unitPatterns = new WeakMap<Vocabulary, RegExp>();
/** "<number> <spoken unit>" for the vocabulary's units, longest first, compiled once per vocabulary; not the number of a name ("p2 amps"). */
function unitsOf(vocabulary: Vocabulary): RegExp {
  let re = unitPatterns.get(vocabulary);
  if (!re) {
    re = new RegExp(
      `(?<![a-z0-9_.,])(-?\\d+(?:[.,]\\d+)?)\\s*(${vocabulary.units.map(([w]) => escapeRe(w)).join('|')})(?=$|[^a-z0-9_])`,
      'g',
    );
    unitPatterns.set(vocabulary, re);
  }
  return re;
}

export interface NormalizeOptions {
  synonyms: Readonly<Record<string, string>>;
  vocabulary?: Vocabulary;
  /**
   * Words known to the planner (lexicon, thesaurus, the visible catalog): an unknown word within one edit (two for
   * seven letters or more) of exactly one known word is read as that word.
   */
  known?: TypoIndex;
  /** Called with each typo correction, so the interpretation can say what was read. */
  onCorrection?: (from: string, to: string) => void;
  /**
   * Called with each inflected word read as its base form ("pumped" -> pump, a verb form): a verb made of a catalog
   * noun narrows like the noun where tags carry it, and is dropped like a soft word where they do not.
   */
  onLemma?: (from: string, to: string, kind: LemmaKind) => void;
  /**
   * The word names a numbered thing of the catalog with this number ("pump 1", "pmp 2"): a unit word after that number
   * ("pump 1 amps") is the measurement asked, not the unit of a value.
   */
  numbered?: (word: string, num: number) => boolean;
  /**
   * Whether a word names something of the catalog (a catalog word, or a thesaurus form of one): an unknown word made of
   * two such words run together ("boosterstn") is read as those two words.
   */
  names?: (word: string) => boolean;
  /** An instrument tag with its loop number ("lt2") read as the numbered thing and the variable ("t2 level"). */
  instrument?: (word: string) => string | undefined;
  /** Called with each chat form the thesaurus rewrote ("tmrw" -> tomorrow), so a decline can quote what was written. */
  onRewrite?: (from: string, to: string) => void;
  /** The configured shifts: a control room's "06-14 shift" is the shift that runs so (operator-time.ts). */
  shifts?: readonly NamedShift[];
}

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0) return;
  for (let i = 0; i < word.length; i += 1) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (out.has(shorter)) continue;
    out.add(shorter);
    deletions(shorter, depth - 1, out);
  }
}

/**
 * The known words indexed by their deletion variants (symmetric-delete lookup), so a question's unknown word is
 * checked against a handful of candidates instead of the whole vocabulary. Built once per catalog.
 */
export interface TypoIndex {
  known: ReadonlySet<string>;
  byDeletion: ReadonlyMap<string, readonly string[]>;
  /** The known words of four letters or more by their consonant skeleton, for abbreviations without vowels ("prssr"). */
  bySkeleton: ReadonlyMap<string, readonly string[]>;
  /** Word -> its meaning classes ("running/1"): a typo as close to two classes of one role is read as neither. */
  contrasts: ReadonlyMap<string, readonly string[]>;
  /** Known words that are the reading of a typo only when it left letters out or swapped two (see buildTypoIndex). */
  slipsOnly: ReadonlySet<string>;
}

/**
 * `slipsOnly`: known words read from a typo only when it keeps every letter typed (letters left out or two swapped:
 * "pendng" is pending), never from a letter mistyped: the words of the planner's patterns, such as "cross" of "cross
 * above", are not what "gross" was meant to be.
 */
export function buildTypoIndex(
  known: ReadonlySet<string>,
  contrasts: ReadonlyMap<string, readonly string[]> = new Map(),
  slipsOnly: ReadonlySet<string> = new Set(),
): TypoIndex {
  const byDeletion = new Map<string, string[]>();
  const bySkeleton = new Map<string, string[]>();
  for (const word of known) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) continue;
    const bones = skeleton(word);
    bySkeleton.set(bones, [...(bySkeleton.get(bones) ?? []), word]);
    const variants = new Set<string>([word]);
    deletions(word, word.length >= 5 ? 2 : 1, variants);
    for (const variant of variants) byDeletion.set(variant, [...(byDeletion.get(variant) ?? []), word]);
  }
  return { known, byDeletion, bySkeleton, contrasts, slipsOnly };
}

/**
 * The known word closest to `word` within its edit budget (a short word only by a plausible slip, see plausibleTypo);
 * of several as close, the one breakTypoTie prefers; undefined when none, or when the tie stands.
 */
export function correctTypo(word: string, index: TypoIndex): string | undefined {
  if (index.known.has(word)) return undefined;
  const abbreviated = readAbbreviation(word, index.bySkeleton);
  if (abbreviated) return abbreviated;
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return undefined;
  const budget = typoBudget(word);
  const variants = new Set<string>([word]);
  deletions(word, budget, variants);
  const candidates = new Set<string>();
  for (const variant of variants) for (const candidate of index.byDeletion.get(variant) ?? []) candidates.add(candidate);
  let best: string[] = [];
  let bestDistance = budget + 1;
  const distances = new Map<string, number>();
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > budget) continue;
    const distance = editDistance(word, candidate, budget);
    if (distance > budget) continue;
    distances.set(candidate, distance);
    if (!plausibleTypo(word, candidate) || (index.slipsOnly.has(candidate) && !keepsEveryLetter(word, candidate))) continue;
    if (distance < bestDistance) {
      best = [candidate];
      bestDistance = distance;
    } else if (distance === bestDistance) best.push(candidate);
  }
  // "ofline" is offline or online, "lest" last or least: two readings of different meaning as close, neither is taken,
  // even where one of them is an unlikely slip by spelling alone (a letter replaced in a short word: "lest" -> last).
  const asClose = [...distances].filter(([, d]) => d <= bestDistance).map(([c]) => c);
  if (best.length > 0 && readsTwoMeanings(asClose, index.contrasts)) return undefined;
  return best.length === 1 ? best[0] : breakTypoTie(word, best);
}

/** A count of stored readings with the thing counted inside it: "number of dma01 flow readings", "how many t1 level values". */
const COUNT_APART_RE = /\b(how many|number of|no\.? of)\s+((?:[a-z0-9][a-z0-9-]*\s+){1,4}?)(readings|values|samples|data points)\b/g;

/**
 * "number of dma01 flow readings" is "number of readings dma01 flow" (the thesaurus' count of readings, as "how many
 * readings of dma01 flow"), when every word between names a thing of the catalog: the count is of that thing's readings.
 */
function countWordsTogether(text: string, names: ((word: string) => boolean) | undefined): string {
  if (!names) return text;
  return text.replace(COUNT_APART_RE, (all: string, count: string, between: string, noun: string) => {
    const words = between.trim().split(/\s+/);
    return words.every(names) ? `${count} ${noun} ${words.join(' ')}` : all;
  });
}

/** Words that name a day after "midnight" ("after midnight yesterday", "after midnight on 3 oct"). */
const DAY_WORD = String.raw`yesterday|today|last|this|the|\d+|mon|tue|wed|thu|fri|sat|sun|[a-z]+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|[a-z]+(?:uary|ch|il|ne|ly|ust|ber)`;

/** Lower-cases, applies synonyms (PS3 -> BPS03), the thesaurus' chat forms, typo fixes; normalises punctuation. */
export function normalizeQuestion(question: string, options: NormalizeOptions): string {
  const { synonyms, vocabulary, known } = options;
  let text = ` ${splitTagPaths(question).toLowerCase().replace(/[’`]/g, "'").replace(/m³/g, 'm3').replace(/'s\b/g, '').replace(/\s+/g, ' ')} `;
  // "haven't", "wasn't", "won't": a negation is read as its words ("have not been acknowledged").
  text = text.replace(/\b(?:(won)|(can)|([a-z]+))n't\b/g, (_all: string, won?: string, can?: string, verb?: string) =>
    won ? 'will not' : can ? 'can not' : `${verb ?? ''} not`,
  );
  // Greetings and politeness before the question ("hey, morning! quick q:") ask nothing (question-openers.ts).
  text = dropOpeners(text);
  // "last ten days", "top three": counts in words are read as digits (count-words.ts).
  text = writeGroupCountWords(writeCountDigits(text));
  // "t2 sorry t3 lvl": what a correction word takes back is gone before anything else is read.
  if (vocabulary && vocabulary.corrections.length > 0) text = ` ${applyCorrections(text, vocabulary.corrections)} `;
  text = readChatConnectives(text);
  // "2+ times in one day": the span a repeat is counted in (the same day), not a day to come.
  text = text.replace(REPEAT_SPAN_RE, '$1 on the same $2');
  for (const [from, to] of Object.entries(synonyms)) text = text.replace(wordRe(from.toLowerCase()), to.toLowerCase());
  text = expandIdRanges(text);
  text = rewriteOperatorTime(text, options.shifts ?? []);
  // Clock forms of chat: "@ 0600" and "at 1430" are 06:00 and 14:30; "5 o'clock" is 5:00. A year that opens a date
  // ("at 2026-10-11 12:00") is no clock.
  text = text.replace(/(?:@|\bat)\s*([01]\d|2[0-3])([0-5]\d)\b(?![-/.]\d)/g, 'at $1:$2').replace(/\b(\d{1,2})\s*o'?\s?clock\b/g, '$1:00');
  // Four digits right after a numeric date are its clock: "2026-10-11 1200" is 12:00 of that day.
  text = text.replace(/\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\s+([01]\d|2[0-3])([0-5]\d)\b(?![-/.:]\d)/g, '$1 $2:$3');
  text = text.replace(/\s@\s/g, ' at ');
  // "0430 today", "0615 yday", "0440 fri 16/10": four digits with a leading zero before a day are its clock (a value has no leading zero).
  text = text.replace(
    /(?<![\d.:/-])\b(0\d)([0-5]\d)\s+(?=(?:today|tdy|yesterday|yday|yest|this morning|last night|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|\d{1,2}[./]\d{1,2})\b)/g,
    'at $1:$2 ',
  );
  // "unack'd", "clr'd" (read as "clear'd"): the apostrophe of a chat past tense ("unackd", "cleared").
  text = text
    .replace(/\b(un)?(ack|trip)'d\b/g, '$1$2d')
    .replace(/\b(clear|reset)'d\b/g, (_all: string, verb: string) => (verb === 'clear' ? 'cleared' : 'reset'));
  // "#crit alms": a number sign glued to the word it counts is the thesaurus' "#" ("number of").
  text = text.replace(/(?<=\s)#(?=[a-z])/g, '# ');
  // "time-to-ack", "time-to-clear": the hyphenated noun is the phrase "time to ack".
  text = text.replace(/\btime-(?:to|till)-(?=[a-z])/g, 'time to ');
  // "the 8th of October" is the 8th October.
  text = text.replace(
    /\b(\d{1,2}(?:st|nd|rd|th))\s+of\s+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/g,
    '$1 $2',
  );
  // "alms prio 1 oct", "prio1 oct": the number is the priority's, not a day of the month after it.
  text = text.replace(/\b(prio(?:rity)?|pri)[\s-]*([1-9])\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/g, '$1 $2 in ');
  // Two days of one numeric month ("29-30/10", "1-3/10/2026") are those two dates, read as a period just below.
  text = text.replace(
    /\b(\d{1,2})\s*[-–]\s*(\d{1,2})\/(\d{1,2})(\/\d{2,4})?(?![\d/])/g,
    (all: string, d1: string, d2: string, m: string, y = '') =>
      Number(d1) < Number(d2) && Number(d2) <= 31 && Number(m) >= 1 && Number(m) <= 12 ? `${d1}/${m}${y}-${d2}/${m}${y}` : all,
  );
  // Two numeric dates joined by a dash ("01/10-03/10", "1/10/2026 – 3/10/2026") are a period from the first to the second.
  text = text.replace(/\b(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\s*[-–]\s*(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)(?![\d/])/g, 'from $1 to $2');
  // A span of two four-digit clocks ("0500-0700", "between 2200 and 0200"): one with a leading zero tells a clock from a value.
  text = text.replace(
    /\b(?:(?:between|btwn|from)\s+)?([01]\d|2[0-3])([0-5]\d)\s*(?:-|–|to|and|until|till)\s*([01]\d|2[0-3])([0-5]\d)\b(?![-/.:]\d)/g,
    (all: string, h1: string, m1: string, h2: string, m2: string) =>
      h1.startsWith('0') || h2.startsWith('0') ? `from ${h1}:${m1} to ${h2}:${m2}` : all,
  );
  // A clock span written with a dash ("14:00-16:30", "6:00 – 10:00") is the window between the two clock times.
  text = text.replace(/\b(?:from\s+)?([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-3]):([0-5]\d)\b/g, 'from $1:$2 to $3:$4');
  // Named clock times: "at noon", "midday yesterday" are 12:00; "at midnight" is 00:00 (the start of the day named). The
  // chat "midnite" is read here, before the thesaurus rewrites it too late for this. "after midnight" with no day after
  // it is today's: since 00:00 (said "since 00:00", not "since at 00:00").
  text = text
    .replace(/\b(?:at\s+)?(?:12\s+)?(?:noon|midday|mid-day)\b/g, 'at 12:00')
    .replace(new RegExp(String.raw`\ba(?:fte?r|fta)\s+(?=(?:at\s+)?midni(?:ght|te)\b(?!\s+(?:on|of|${DAY_WORD})\b))`, 'g'), 'since ')
    .replace(/\b(since\s+)?(?:at\s+)?midni(?:ght|te)\b/g, (_all: string, since?: string) => (since ? 'since 00:00' : 'at 00:00'));
  // "bottom 3 DMAs by inflow": the lowest three, as "top 3" are the highest.
  text = text.replace(/\bbottom\s+(?=(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b)/g, 'lowest ');
  // An arrow joins two ends ("night shift 21st->22nd sep", "p1 -> p2"): "to", not a comparison sign.
  text = text.replace(/\s*(?:->|→)\s*/g, ' to ');
  // Comparison signs as words, so "turbidity >20 NTU" reads like "turbidity above 20 NTU".
  // The limit included ("≥ 6", ">= 6", "<= 3.8") is said as "at least" / "at most" (comparator-words.ts).
  // Chat's "gt 5.3", "lte 2" (only before a number: "T1 LT" is a level transmitter); ".3" is 0.3.
  text = text
    .replace(/(?<=[\s<>=≥≤⩾⩽])\.(?=\d)/g, '0.')
    .replace(/\s*(?:>=|=>|≥|⩾|\bgte\b)\s*(?=-?\d)/g, ' at least ')
    .replace(/\s*(?:<=|=<|≤|⩽|\blte\b)\s*(?=-?\d)/g, ' at most ')
    .replace(/\s*(?:>|\bgt\b)\s*(?=-?\d)/g, ' above ')
    .replace(/\s*(?:<|\blt\b)\s*(?=-?\d)/g, ' below ');
  // "six bar", "three and a half metres": a limit in words is the same limit in figures.
  text = writeSpokenNumbers(text, vocabulary?.units.map(([w]) => w) ?? []);
  // Spoken units after a number ("below 3 metres", "over 100 amps"): the unit as the catalog writes it.
  if (vocabulary && vocabulary.units.length > 0)
    text = text.replace(unitsOf(vocabulary), (all: string, n: string, unit: string, offset: number, whole: string) => {
      const before = /([a-z]+)\s+$/.exec(whole.slice(0, offset))?.[1] ?? '';
      // The thing may be written in a chat form the thesaurus rewrites later ("hsp 3 amps": a high lift pump's current).
      const spelled = vocabulary.rewrite.get(before)?.split(' ').at(-1) ?? '';
      if (before !== '' && [before, spelled].some((w) => w !== '' && options.numbered?.(w, Number(n)))) return all;
      return `${n} ${vocabulary.units.find(([w]) => w === unit)?.[1] ?? unit}`;
    });
  // "in m3 per hour", "mg per litre": a spoken rate is its unit without a number too (unit-ratios.ts).
  if (vocabulary) text = writeSpokenRates(text, vocabulary);
  text = countWordsTogether(text, options.names);
  const phrases = vocabulary ? phrasesOf(vocabulary) : undefined;
  // "hi/lo" in an alarm question names the alarms' two sides (HIGH and LOW), not a maximum and a minimum.
  const alarmSides = vocabulary && ALARM_WORD_RE.test(text) ? sideForms(vocabulary) : undefined;
  if (phrases)
    text = text.replace(phrases.re, (phrase) => {
      if (alarmSides && phrase.split(/\s*[/&]\s*|\s+(?:and|or|vs)\s+/).every((w) => alarmSides.has(w))) return phrase;
      const replaced = phrases.replace(phrase);
      if (replaced.trim() !== '' && replaced !== phrase) options.onRewrite?.(phrase, replaced);
      return replaced;
    });
  // A word with letters beyond a-z ("füllstand") is left as written: its ASCII pieces are no words to correct.
  text = text.replace(/(?<![\p{L}\p{N}_])[a-z0-9][a-z0-9-]*(?![\p{L}\p{N}_])/gu, (w: string, at: number, whole: string) => {
    // A unit right after a number ("above 60000 w", "< 300 ug") is that unit, never a chat form ("w" for "with").
    if (unitOf(w) && /\d\s*$/.test(whole.slice(0, at))) return w;
    const glued =
      vocabulary && !vocabulary.terms.has(w)
        ? (splitGluedPriority(w, vocabulary.rewrite, vocabulary.priorities) ??
          options.instrument?.(w) ??
          (options.numbered ? splitGluedNumber(w, vocabulary.rewrite, options.numbered) : undefined))
        : undefined;
    if (glued) {
      options.onRewrite?.(w, glued);
      return glued;
    }
    const fixed = TYPO_FIXES[w];
    if (fixed) {
      if (fixed !== w) options.onRewrite?.(w, fixed);
      return fixed;
    }
    const rewritten = vocabulary?.rewrite.get(w);
    if (rewritten !== undefined) {
      if (rewritten !== '') options.onRewrite?.(w, rewritten);
      return rewritten;
    }
    if (!known) return w;
    const isKnown = (x: string): boolean => known.known.has(x) || vocabulary?.plain.has(x) === true || vocabulary?.terms.has(x) === true;
    if (isKnown(w)) return w;
    // An inflection of a known word is that word ("flowed", "pumping", "emptied"), before any typo reading of it.
    const lemma = lemmatize(w, isKnown, vocabulary?.lemmas);
    if (lemma) {
      options.onLemma?.(w, lemma.lemma, lemma.kind);
      const rewritten = vocabulary?.rewrite.get(lemma.lemma);
      if (rewritten) options.onRewrite?.(w, rewritten);
      return rewritten ?? lemma.lemma;
    }
    const compound = options.names ? splitCompound(w, options.names) : undefined;
    if (compound) {
      const parts =
        vocabulary?.rewrite.get(compound) ??
        compound
          .split(' ')
          .map((part) => vocabulary?.rewrite.get(part) ?? part)
          .join(' ');
      options.onRewrite?.(w, parts);
      return parts;
    }
    // "anythin", "waitin", "pumpin": chat drops the g of -ing; the word is the known -ing form.
    const dropped = /^[a-z]{3,}in$/.test(w) && isKnown(`${w}g`) ? `${w}g` : undefined;
    if (dropped) {
      options.onRewrite?.(w, dropped);
      return vocabulary?.rewrite.get(dropped) ?? dropped;
    }
    const corrected = correctTypo(w, known);
    if (corrected) {
      options.onCorrection?.(w, corrected);
      const rewritten = vocabulary?.rewrite.get(corrected);
      if (rewritten) options.onRewrite?.(w, rewritten);
      return rewritten ?? corrected;
    }
    return w;
  });
  // Hours with a part of the day ("2 and 4 in the morning", "from 8 to 10 this morning", "6-9 in the evening") are am/pm
  // clock hours; the part of the day stays when it names the day ("this morning").
  text = text.replace(
    /\b(\d{1,2})\s*(-|–|to|and|till|until)\s*(\d{1,2})\s+(in the |this |yesterday |tomorrow )?(morning|afternoon|evening)\b/g,
    (_all, a: string, sep: string, b: string, lead: string | undefined, part: string) => {
      const half = part === 'morning' ? 'am' : 'pm';
      const keep = lead && lead !== 'in the ' ? ` ${lead}${part}` : '';
      return `${a}${half} ${sep} ${b}${half}${keep}`;
    },
  );
  text = text.replace(
    /\b(\d{1,2})\s+in the (morning|afternoon|evening)\b/g,
    (_all, a: string, part: string) => `${a}${part === 'morning' ? 'am' : 'pm'}`,
  );
  // Bare-hour clock ranges beside a day or with a clock word ("8-12 today", "17-20h", "von 22 bis 2 uhr"): clock-hour-ranges.ts.
  text = writeClockHourRanges(text, options.numbered);
  text = text.replace(/\b(\d+)\s*h\b/g, '$1 hours').replace(/\b24\/7\b/g, '');
  // "pri 1/2" is priorities 1 and 2 (the thesaurus has made "pri" "priority"), not a date.
  text = text.replace(/\bpriority\s+([1-9](?:\/[1-9])+)\b/g, (_all, numbers: string) => `priority ${numbers.split('/').join(' and ')}`);
  // "at least prio 2" is priority 2 or more urgent; read before "at least 2" is taken for a limit on a value.
  text = text.replace(/\bat\s+least\s+priority\s+([1-9])\b/g, 'priority $1 or higher');
  return moveFrontedTime(text).replace(/[?!]+/g, ' ').replace(/\s+/g, ' ').trim();
}
