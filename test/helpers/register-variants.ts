// Register variants of a question: the same question in another register (a chat abbreviation, the time phrase moved,
// another case, no punctuation, filler words, another way to write a number or an asset). A variant means what the
// original means, so its plan must be the original's, or a decline or an ask-back: another plan is wrong with confidence.
import { shippedThesaurus } from '../../agent/planner/vocabulary.ts';
import { unitOf } from '../../agent/planner/unit-table.ts';
import type { PlanResult } from '../../agent/planner/plan.ts';
import { keyDifferences, planKey } from './plan-key.ts';

export type RegisterKind = 'abbreviation' | 'time-move' | 'case' | 'punctuation' | 'filler' | 'number' | 'asset-form';

/** One rewritten question and what was rewritten ("level -> lvl", "yesterday to the front"). */
export interface RegisterVariant {
  kind: RegisterKind;
  question: string;
  what: string;
}

/** A variant answered with another plan than its original's. */
export interface RegisterDifference {
  id: string;
  question: string;
  variant: RegisterVariant;
  /** The parts of the plan that differ ("tags", "window", "operation"). */
  parts: string[];
  original: string;
  got: string;
}

const ONE_WORD = /^[a-z][a-z0-9]*$/;

/**
 * Words whose chat form is read only in its place, so a swap elsewhere changes the question: particles and question
 * words ("send out" is no outlet, "o/n" no "and"), not names of things.
 */
const READ_IN_PLACE = new Set(['out', 'and', 'with', 'at', 'how', 'what', 'when', 'which', 'time', 'long', 'many', 'number', 'before']);

/** A plural form ("pumps", "lvls", "pmps"), not a word that ends in s by itself ("press", "ps"). */
const plural = (word: string, forms: ReadonlySet<string>): boolean =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && forms.has(word.slice(0, -1));

/**
 * Word <-> its chat form, each way, from the thesaurus: a rewrite of one word to one word ("yday" -> yesterday) and a
 * term of one word with a single catalog word ("lvl" -> level, "press" -> pressure). A term with several readings
 * ("res": residual or tank) is no abbreviation of either: the catalog decides it, so it is left out.
 */
export function abbreviationPairs(): Map<string, string[]> {
  const thesaurus = shippedThesaurus();
  const pairs = new Map<string, string[]>();
  const add = (from: string, to: string): void => {
    if (from === to || !ONE_WORD.test(from) || !ONE_WORD.test(to)) return;
    pairs.set(from, [...new Set([...(pairs.get(from) ?? []), to])]);
  };
  for (const [short, long] of Object.entries(thesaurus.rewrite)) {
    add(short, long);
    add(long, short);
  }
  for (const [short, longs] of Object.entries(thesaurus.terms)) {
    if (longs.length !== 1) continue;
    add(short, longs[0]!);
    add(longs[0]!, short);
  }
  // Left out, each for a reason: a unit word asks for the answer in that unit ("pressure" -> "psi"); singular and plural
  // ask for one thing or several ("which pump" -> "which pumps"); a particle is read only in its place.
  const forms = new Set([...pairs.keys()]);
  for (const [word, others] of pairs) {
    const kept = others.filter(
      (other) =>
        unitOf(word) === undefined &&
        unitOf(other) === undefined &&
        plural(word, forms) === plural(other, forms) &&
        !READ_IN_PLACE.has(word) &&
        !READ_IN_PLACE.has(other),
    );
    if (kept.length > 0) pairs.set(word, kept);
    else pairs.delete(word);
  }
  return pairs;
}

/** The case of `model` put on `word` ("Level" -> "Lvl", "LEVEL" -> "LVL"). */
const likeCase = (model: string, word: string): string =>
  model === model.toUpperCase() && /[a-z]/i.test(model)
    ? word.toUpperCase()
    : model[0] !== model[0]!.toLowerCase()
      ? word[0]!.toUpperCase() + word.slice(1)
      : word;

/** (a) Each word with a chat form (or the full word of a chat form) replaced by it, one word at a time. */
export function abbreviationVariants(question: string, pairs: ReadonlyMap<string, readonly string[]>): RegisterVariant[] {
  const out: RegisterVariant[] = [];
  for (const m of question.matchAll(/(?<![\w/.'-])[A-Za-z][A-Za-z0-9]*(?![\w/'-])/g)) {
    const word = m[0].toLowerCase();
    for (const other of pairs.get(word) ?? []) {
      const question2 = question.slice(0, m.index) + likeCase(m[0], other) + question.slice(m.index + m[0].length);
      out.push({ kind: 'abbreviation', question: question2, what: `${word} -> ${other}` });
    }
  }
  return out;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*';
const WEEKDAY = '(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*';
const UNIT = '(?:hours?|hrs?|h|days?|weeks?|wks?|months?|nights?|shifts?|years?)';
/** A time phrase as questions write it: a day, a period, a date, a count of units back. */
const TIME_PHRASE =
  `(?:(?:on|in|during|over|for|from)\\s+)?(?:the\\s+)?(?:` +
  [
    'yesterday',
    'yday',
    'today',
    'tonight',
    'last night',
    'this (?:morning|afternoon|evening|week|month|year)',
    `(?:last|past|previous) (?:\\d+\\s?)?${UNIT}`,
    `(?:last|this) ${WEEKDAY}`,
    `\\d{1,2}(?:st|nd|rd|th)? ${MONTH}`,
    `${MONTH} \\d{1,2}(?:st|nd|rd|th)?`,
    MONTH,
    'q[1-4]',
  ].join('|') +
  ')';
const TIME_AT_END = new RegExp(`^(.*?\\S)[\\s,]+(${TIME_PHRASE})\\s*([?.!]*)$`, 'i');
const TIME_AT_START = new RegExp(`^(${TIME_PHRASE})(?:,\\s*|\\s+)(\\S.*)$`, 'i');
/** A month name that is also a word ("may"): never a time phrase alone. */
const NOT_ALONE = /^(?:may|mar|sun|sat|wed|mon)$/i;

/** (b) The question's time phrase moved from its end to its front ("avg T1 level yesterday" -> "yesterday, avg T1 level"), or back. */
export function timeMoveVariants(question: string): RegisterVariant[] {
  const end = TIME_AT_END.exec(question);
  // A phrase that ends a comparison or a period ("vs the day before yday", "same day last week", "all of last week") is
  // part of it, not the question's time.
  const joined = /\b(?:at|and|to|between|since|until|from|vs|before|after|day|of|than|with|or)$/i;
  if (end && !NOT_ALONE.test(end[2]!) && !joined.test(end[1]!)) {
    const [, rest, phrase, mark] = end as unknown as [string, string, string, string];
    const front = phrase[0]!.toUpperCase() + phrase.slice(1);
    return [{ kind: 'time-move', question: `${front}, ${rest[0]!.toLowerCase()}${rest.slice(1)}${mark}`, what: `${phrase} to the front` }];
  }
  const start = TIME_AT_START.exec(question);
  if (start && !NOT_ALONE.test(start[1]!) && !/^(?:'s|s)\b/i.test(start[2]!)) {
    const [, phrase, rest] = start as unknown as [string, string, string];
    const mark = /[?.!]*$/.exec(rest)![0];
    const body = rest.slice(0, rest.length - mark.length);
    return [{ kind: 'time-move', question: `${body} ${phrase.toLowerCase()}${mark}`, what: `${phrase} to the end` }];
  }
  return [];
}

/** (c) The question in lower case and in upper case. */
export function caseVariants(question: string): RegisterVariant[] {
  const out: RegisterVariant[] = [];
  if (question !== question.toLowerCase()) out.push({ kind: 'case', question: question.toLowerCase(), what: 'lower case' });
  if (question !== question.toUpperCase()) out.push({ kind: 'case', question: question.toUpperCase(), what: 'upper case' });
  return out;
}

/** (c) Without punctuation: question and exclamation marks, commas, apostrophes and full stops not inside a number. */
export function punctuationVariants(question: string): RegisterVariant[] {
  const bare = question
    .replace(/[?!]/g, '')
    .replace(/,(?!\d)/g, '')
    .replace(/(?<![0-9])'|'(?![a-z])/gi, '')
    .replace(/(?<=[a-z])'(?=[a-z])/gi, '')
    .replace(/\.(?=\s|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return bare === question ? [] : [{ kind: 'punctuation', question: bare, what: 'no punctuation' }];
}

/** Filler that asks nothing, before the question or after it. */
const FILLER_BEFORE = ['pls', 'hey,', 'quick q:', 'can you tell me'];
const FILLER_AFTER = ['pls', 'thanks'];

/** (d) Harmless filler added ("hey, avg T1 level yesterday", "avg T1 level yesterday pls"). */
export function fillerVariants(question: string): RegisterVariant[] {
  // "What was ..." -> "pls what was ...", but "DMA3 ..." stays as written.
  const lowered = /^[A-Z][a-z]/.test(question) ? question[0]!.toLowerCase() + question.slice(1) : question;
  const mark = /[?.!]*$/.exec(question)![0];
  const body = question.slice(0, question.length - mark.length).trimEnd();
  return [
    ...FILLER_BEFORE.map((f) => ({ kind: 'filler' as const, question: `${f} ${lowered}`, what: `+ ${f}` })),
    ...FILLER_AFTER.map((f) => ({ kind: 'filler' as const, question: `${body} ${f}${mark}`, what: `+ ${f}` })),
  ];
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** A count written before what it counts or after a rank word: "3 days", "top 3", "last 5". Not a value, date or clock time. */
const COUNT_DIGITS = new RegExp(
  `(?<=\\b(?:top|last|past|first|bottom|previous|least|most) )([2-9]|1[0-2])\\b(?![.:/])|\\b([2-9]|1[0-2]) (?=${UNIT}\\b|pumps?\\b|tanks?\\b|alarms?\\b|filters?\\b|dmas?\\b|stations?\\b|times?\\b)`,
  'gi',
);
const COUNT_WORDS = new RegExp(`\\b(${NUMBER_WORDS.slice(2).join('|')})\\b`, 'gi');

/** (e) A small count written in words instead of digits, or in digits instead of words ("last 3 days" <-> "last three days"). */
export function numberVariants(question: string): RegisterVariant[] {
  const out: RegisterVariant[] = [];
  for (const m of question.matchAll(COUNT_DIGITS)) {
    const digits = m[0];
    const word = NUMBER_WORDS[Number(digits)]!;
    out.push({
      kind: 'number',
      question: question.slice(0, m.index) + word + question.slice(m.index + digits.length),
      what: `${digits} -> ${word}`,
    });
  }
  for (const m of question.matchAll(COUNT_WORDS)) {
    const digits = String(NUMBER_WORDS.indexOf(m[0].toLowerCase()));
    out.push({
      kind: 'number',
      question: question.slice(0, m.index) + digits + question.slice(m.index + m[0].length),
      what: `${m[0]} -> ${digits}`,
    });
  }
  return out;
}

/** The written forms of one identifier kind: a kind word and the catalog letters ("pump 2", "P02", "p2"). */
const ASSET_KINDS: readonly { word: string; letters: string }[] = [
  { word: 'pump', letters: 'P' },
  { word: 'tank', letters: 'T' },
  { word: 'filter', letters: 'F' },
];

/**
 * (e) An asset written another way: "pump 2" <-> "P02" <-> "p2", "tank 1" <-> "T1", and a catalog identifier with or
 * without its leading zeros ("BPS03" <-> "BPS3", "DMA1" <-> "DMA01"). "pump P02" keeps its kind word out ("P02").
 */
export function assetFormVariants(question: string): RegisterVariant[] {
  const out: RegisterVariant[] = [];
  const replace = (index: number, length: number, text: string, what: string): void => {
    out.push({ kind: 'asset-form', question: question.slice(0, index) + text + question.slice(index + length), what });
  };
  // Among alarms "p2" is chat for priority 2, not pump 2: a pump's forms are not swapped there.
  const alarms = /\balarms?\b|\bprio/i.test(question);
  for (const { word, letters } of ASSET_KINDS) {
    if (alarms && letters === 'P') continue;
    const written = new RegExp(`\\b${word} (?:${letters}[ -]?)?0*(\\d{1,2})\\b(?![.:])|\\b${letters}[-]?0*(\\d{1,2})\\b(?![.:%])`, 'gi');
    for (const m of question.matchAll(written)) {
      const n = Number(m[1] ?? m[2]);
      const forms = [`${letters}${String(n).padStart(letters === 'T' ? 1 : 2, '0')}`, `${letters.toLowerCase()}${n}`, `${word} ${n}`];
      for (const form of forms) if (form.toLowerCase() !== m[0].toLowerCase()) replace(m.index, m[0].length, form, `${m[0]} -> ${form}`);
    }
  }
  for (const m of question.matchAll(/\b(BPS|PS|DMA)(0*)(\d)\b/gi)) {
    const form = m[2] === '' ? `${m[1]}0${m[3]}` : `${m[1]}${m[3]}`;
    replace(m.index, m[0].length, form, `${m[0]} -> ${form}`);
  }
  return out;
}

/** Every register variant of a question, once each (two rewrites that give the same text are planned once). */
export function registerVariants(question: string, pairs: ReadonlyMap<string, readonly string[]>): RegisterVariant[] {
  const all = [
    ...abbreviationVariants(question, pairs),
    ...timeMoveVariants(question),
    ...caseVariants(question),
    ...punctuationVariants(question),
    ...fillerVariants(question),
    ...numberVariants(question),
    ...assetFormVariants(question),
  ];
  const seen = new Set<string>([question]);
  return all.filter((v) => !seen.has(v.question) && (seen.add(v.question), true));
}

/** A question the check starts from. */
export interface RegisterQuestion {
  id: string;
  question: string;
  now: string;
}

/** What the check found: variants planned, by kind, and those answered with another plan. */
export interface RegisterReport {
  variants: Record<RegisterKind, number>;
  differences: RegisterDifference[];
}

const summary = (r: PlanResult): string =>
  r.kind === 'plan' ? r.understood : r.kind === 'ambiguous' ? `ask back: ${r.candidates.join(', ')}` : `decline: ${r.reason}`;

/** Plans every variant of every answered question: each must be planned as its original, or declined or asked back. */
export function checkRegisters(
  questions: readonly RegisterQuestion[],
  plan: (question: string, now: string) => PlanResult,
  pairs: ReadonlyMap<string, readonly string[]> = abbreviationPairs(),
  /** The variants planned of the question at that place of the list: all of them unless a sample is asked. */
  variantsOf: (question: string, at: number) => RegisterVariant[] = (question) => registerVariants(question, pairs),
): RegisterReport {
  const report: RegisterReport = {
    variants: { abbreviation: 0, 'time-move': 0, case: 0, punctuation: 0, filler: 0, number: 0, 'asset-form': 0 },
    differences: [],
  };
  for (const [at, q] of questions.entries()) {
    const base = plan(q.question, q.now);
    if (base.kind !== 'plan') continue;
    const key = planKey(base);
    // A shift-log search reads its topic words as written: a chat form of one searches for another word.
    const literal = base.operation.kind === 'shift-log';
    for (const variant of variantsOf(q.question, at)) {
      if (literal && variant.kind === 'abbreviation') continue;
      report.variants[variant.kind] += 1;
      const result = plan(variant.question, q.now);
      if (result.kind !== 'plan') continue;
      const parts = keyDifferences(key, planKey(result));
      if (parts.length > 0)
        report.differences.push({ id: q.id, question: q.question, variant, parts, original: summary(base), got: summary(result) });
    }
  }
  return report;
}
