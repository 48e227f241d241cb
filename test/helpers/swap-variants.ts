// Metamorphic checks of the planner: one thing of an answered question swapped (asset, time, operation), removed (a
// content word) or added (a meaning word the planner cannot apply), and what the plan must then do. Independent of how
// the question is phrased: the expectation follows from the base plan and the swap alone.
import { readThreshold } from '../../agent/planner/threshold-expression.ts';
import type { Plan, PlanResult } from '../../agent/planner/plan.ts';
import { buildVocabulary, type Vocabulary } from '../../agent/planner/vocabulary.ts';
import { dropHarmless } from '../../agent/planner/unplaced-words.ts';
import { AGG_WORDS, FILLER, LEXICON_WORDS, NOW_RE, TYPO_FIXES } from '../../agent/planner/question-lexicon.ts';
import { editDistance, stem } from '../../agent/planner/tag-catalog.ts';
import { LOG_WORDS } from '../../agent/planner/shift-log-plan.ts';
import { keyDifferences, planKey } from './plan-key.ts';

export type SwapKind = 'asset' | 'time' | 'operation' | 'drop' | 'insert';

/** One swapped question and what it must lead to. */
export interface Variant {
  kind: SwapKind;
  question: string;
  /** What was swapped, e.g. "T1 -> T3", "yesterday -> last week", "- level", "+ net". */
  what: string;
  /** Null when the result is acceptable; otherwise what is wrong with it. */
  judge: (result: PlanResult) => string | null;
}

/** A variant whose plan broke its expectation. */
export interface SwapViolation {
  id: string;
  kind: SwapKind;
  question: string;
  variant: string;
  what: string;
  problem: string;
}

const answered = (r: PlanResult): r is Plan => r.kind === 'plan';

/** A catalog identifier as written: letters (or a kind word) and a number ("T1", "bps03", "PS3", "tank 2", "P-01"). */
const WRITTEN_ID = /(?<![a-z0-9_/])([a-z]+)([ _-]?)(\d{1,3})(?![a-z0-9_/])/gi;

/** Kind words that stand for a catalog identifier's letters ("tank 2" = T2, "pump 1" = P01). */
const KIND_LETTERS: Record<string, string> = { tank: 'T', pump: 'P', filter: 'F', dma: 'DMA', station: 'BPS', ps: 'BPS' };

interface CatalogId {
  letters: string;
  number: number;
}

const segmentId = (segment: string): CatalogId | null => {
  const m = /^([A-Z]+)(\d+)$/.exec(segment);
  return m ? { letters: m[1]!, number: Number(m[2]) } : null;
};

/** The catalog segment letters a written identifier's letters may stand for. */
function lettersOf(written: string): string[] {
  const w = written.toLowerCase();
  const kind = KIND_LETTERS[w];
  return kind ? [kind, w.toUpperCase()] : [w.toUpperCase()];
}

/** The tag with `segment` replaced by `sibling` at the same place. */
const withSegment = (tag: string, index: number, sibling: string): string =>
  tag
    .split('/')
    .map((s, i) => (i === index ? sibling : s))
    .join('/');

/**
 * (a) Each identifier of the question that names a segment of every tag of the base plan, replaced in the same written
 * form by a catalog sibling of its family: the plan must answer the sibling's corresponding tags, or decline or ask back.
 */
export function assetSwaps(question: string, base: Plan, tags: readonly CatalogTag[]): Variant[] {
  const names = base.tags.map((t) => t.name);
  const catalog = tags.map((t) => t.name);
  const known = new Set(catalog);
  const variants: Variant[] = [];
  // A pair's two tags may name one asset twice, once by another name ("DMA04 inflow and the Kirchberg pressure").
  if (base.operation.kind === 'correlation') return [];
  const seen = new Set<string>();
  for (const m of question.matchAll(WRITTEN_ID)) {
    const [whole, letters, sep, digits] = [m[0], m[1]!, m[2]!, m[3]!];
    const number = Number(digits);
    // The segment position it names: the same in every tag of the plan.
    const positions = names.map((name) =>
      name.split('/').findIndex((s) => {
        const id = segmentId(s);
        return id !== null && id.number === number && lettersOf(letters).some((l) => id.letters === l || id.letters.endsWith(l));
      }),
    );
    const at = positions[0];
    if (at === undefined || at < 0 || positions.some((p) => p !== at)) continue;
    const segment = names[0]!.split('/')[at]!;
    const family = segmentId(segment)!.letters;
    // The family's other members, written at the same place; the question must not already name the sibling.
    const siblings = [
      ...new Set(catalog.map((t) => t.split('/')[at] ?? '').filter((s) => segmentId(s)?.letters === family && s !== segment)),
    ].sort();
    const complete = (s: string): boolean => names.every((n) => known.has(withSegment(n, at, s)));
    const sibling = siblings.find(complete);
    if (!sibling) continue;
    const sibNumber = segmentId(sibling)!.number;
    const written = `${letters}${sep}${String(sibNumber).padStart(digits.length, '0')}`;
    if (new RegExp(`(?<![a-z0-9])${letters}${sep}0*${sibNumber}(?![0-9])`, 'i').test(question) || seen.has(segment)) continue;
    seen.add(segment);
    // Every mention of it ("chlorine in DMA03 ... flow into DMA03"), each in its own written form.
    const swapped = question.replace(WRITTEN_ID, (found, l: string, sp: string, d: string) =>
      Number(d) === number && lettersOf(l).some((x) => family === x || family.endsWith(x))
        ? `${l}${sp}${String(sibNumber).padStart(d.length, '0')}`
        : found,
    );
    const expected = names.map((n) => withSegment(n, at, sibling)).sort();
    const old = (n: string): boolean => n.split('/')[at] === segment;
    variants.push({
      kind: 'asset',
      question: swapped,
      what: `${whole} -> ${written}`,
      judge: (r) => {
        if (!answered(r)) return null;
        const got = r.tags.map((t) => t.name).sort();
        if (got.some(old)) return `kept ${got.join(', ')}`;
        if (JSON.stringify(got) === JSON.stringify(expected)) return null;
        // An asset's whole group (its alarms, each of its tags): the sibling's group, which may hold other tags.
        const group = names.length >= 3 && got.every((n) => n.split('/')[at] === sibling) && expected.every((n) => got.includes(n));
        return group ? null : `answered ${got.join(', ')}, expected ${expected.join(', ')}`;
      },
    });
  }
  return variants;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The wall-clock date (year, month 1-12, day, hour) of an instant in a time zone. */
function wall(iso: string | Date, timeZone: string): { y: number; mo: number; d: number; h: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') };
}

const dayKey = (w: { y: number; mo: number; d: number }): number => Date.UTC(w.y, w.mo - 1, w.d) / 86_400_000;
const hoursOf = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

type WindowCheck = (from: string, to: string, now: string, timeZone: string) => boolean;

/** What the window of each time phrase is, in plant time (the window may end early at "now"). */
const TIME_PHRASES: { re: RegExp; name: string; check: WindowCheck }[] = [
  {
    re: /\b(?:yesterday|yday|yest)\b/i,
    name: 'yesterday',
    check: (from, to, now, tz) => {
      const [f, n] = [wall(from, tz), wall(now, tz)];
      return f.h === 0 && dayKey(f) === dayKey(n) - 1 && Math.abs(hoursOf(from, to) - 24) <= 1;
    },
  },
  {
    re: /\blast week\b/i,
    name: 'last week',
    check: (from, to, now) => {
      const h = hoursOf(from, to);
      return h >= 167 && h <= 169 && Date.parse(to) <= Date.parse(now) + 60_000;
    },
  },
  {
    re: /\bthis morning\b/i,
    name: 'this morning',
    check: (from, to, now, tz) => {
      const [f, n] = [wall(from, tz), wall(now, tz)];
      return dayKey(f) === dayKey(n) && f.h <= 6 && hoursOf(from, to) <= 12 && Date.parse(to) <= Date.parse(now) + 60_000;
    },
  },
  {
    re: /\bon (\d{1,2})(?:st|nd|rd|th)? (january|february|march|april|june|july|august|september|october|november|december)\b/i,
    name: 'on D Month',
    check: () => true,
  },
];

/** "on 3 October"-style phrase for the day `daysBack` before now, and the check of its window. */
function datePhrase(now: string, tz: string, daysBack: number): { text: string; check: WindowCheck } {
  const n = wall(now, tz);
  const day = new Date(Date.UTC(n.y, n.mo - 1, n.d - daysBack));
  const text = `on ${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]![0]!.toUpperCase()}${MONTH_NAMES[day.getUTCMonth()]!.slice(1)}`;
  const key = day.getTime() / 86_400_000;
  return {
    text,
    check: (from, to, _now, zone) => {
      const f = wall(from, zone);
      return f.h === 0 && dayKey(f) === key && Math.abs(hoursOf(from, to) - 24) <= 1;
    },
  };
}

/** Words that say a window is more than its time phrase: the window check is then not the phrase's alone. */
const OTHER_TIME =
  /\b(?:\d{1,2}(?::\d\d|\s?[ap]m|\s?o'?clock)|at \d{1,2}|between|since|from|until|till|night|nights|shift|hour|hours|afternoon|evening|noon|midnight|before|after|vs|versus|compared?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\b/i;

/**
 * (b) The question's time phrase replaced by another (yesterday, last week, a date, this morning): the window must
 * become the new phrase's. Only where the base window is the phrase's own (no clock time or second period beside it).
 */
export function timeSwaps(question: string, base: Plan, now: string, timeZone: string): Variant[] {
  if (OTHER_TIME.test(question) || base.operation.kind === 'change' || base.operation.kind === 'night-flow') return [];
  const found = TIME_PHRASES.find((p) => p.re.test(question));
  if (!found) return [];
  const hit = found.re.exec(question)!;
  const baseCheck =
    found.name === 'on D Month'
      ? (() => {
          const w = wall(now, timeZone);
          const month = MONTH_NAMES.indexOf(hit[2]!.toLowerCase());
          const back = dayKey(w) - Date.UTC(w.y, month, Number(hit[1])) / 86_400_000;
          return datePhrase(now, timeZone, back).check;
        })()
      : found.check;
  if (!baseCheck(base.window.from, base.window.to, now, timeZone)) return [];
  const targets: { text: string; check: WindowCheck }[] = [];
  for (const p of TIME_PHRASES) {
    if (p === found || p.name === 'on D Month') continue;
    if (p.name === 'this morning' && wall(now, timeZone).h < 9) continue;
    targets.push({ text: p.name, check: p.check });
  }
  // A date twelve days back, or the day before the date asked.
  const back = found.name === 'on D Month' ? Math.round((Date.parse(now) - Date.parse(base.window.from)) / 86_400_000) + 1 : 12;
  targets.push(datePhrase(now, timeZone, back));
  // A target that means the base's own window ("yesterday" asked on 4 October for 3 October) swaps nothing.
  const differs = targets.filter((t) => !t.check(base.window.from, base.window.to, now, timeZone));
  return differs.map((target) => {
    // "on 3 October" stands where "yesterday" stood; a date replaced keeps no "on" twice.
    const swapped = question.slice(0, hit.index) + target.text + question.slice(hit.index + hit[0].length);
    return {
      kind: 'time' as const,
      question: swapped,
      what: `${hit[0]} -> ${target.text}`,
      judge: (r: PlanResult) => {
        if (!answered(r)) return null;
        if (r.window.from === base.window.from && r.window.to === base.window.to) return `kept the window ${r.window.from}..${r.window.to}`;
        return target.check(r.window.from, r.window.to, now, timeZone) ? null : `window ${r.window.from}..${r.window.to}`;
      },
    };
  });
}

/** Words of an operation and their opposite (each way). */
const OPERATION_PAIRS: readonly [string, string][] = [
  ['maximum', 'minimum'],
  ['max', 'min'],
  ['highest', 'lowest'],
  ['higher', 'lower'],
  ['most', 'least'],
  ['largest', 'smallest'],
  ['biggest', 'smallest'],
  ['peak', 'minimum'],
  ['above', 'below'],
  ['over', 'under'],
  ['more than', 'less than'],
  ['average', 'maximum'],
  ['avg', 'max'],
  ['mean', 'maximum'],
];

/** Words of one direction of an operation: a swap that leaves one of its own class beside it swaps nothing whole. */
const UP = /\b(?:maximum|max|highest|higher|most|largest|biggest|peak|above|over|more than)\b/i;
const DOWN = /\b(?:minimum|min|lowest|lower|least|smallest|below|under|less than)\b/i;
const MIDDLE = /\b(?:average|avg|mean)\b/i;
const classOf = (word: string): RegExp => [UP, DOWN, MIDDLE].find((re) => re.test(word))!;

const caseLike = (model: string, word: string): string =>
  model === model.toUpperCase() && model !== model.toLowerCase()
    ? word.toUpperCase()
    : model[0] === model[0]!.toUpperCase()
      ? word[0]!.toUpperCase() + word.slice(1)
      : word;

/** (c) Each operation word replaced by its opposite (max <-> min, above <-> below, average -> maximum): the operation must change. */
export function operationSwaps(question: string, base: Plan): Variant[] {
  const variants: Variant[] = [];
  const done = new Set<string>();
  for (const [a, b] of OPERATION_PAIRS) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      if (from === 'minimum' && to === 'peak') continue;
      if (from === 'maximum' && (to === 'average' || to === 'mean')) continue;
      if (from === 'max' && to === 'avg') continue;
      // "over the last week", "under 2 bar"? "over"/"under" only before a number.
      const re = new RegExp(`\\b${from}\\b${from === 'over' || from === 'under' ? '(?=\\s+\\d)' : ''}`, 'i');
      const hit = re.exec(question);
      if (!hit || done.has(hit.index.toString())) continue;
      done.add(hit.index.toString());
      const swapped = question.slice(0, hit.index) + caseLike(hit[0], to) + question.slice(hit.index + hit[0].length);
      if (classOf(from).test(swapped)) continue;
      // A change or comparison answers both ways ("how much higher", "higher or lower"): its direction is no operation.
      const periodsCompared =
        base.operation.kind === 'change' ||
        base.operation.kind === 'compare' ||
        (base.operation.kind === 'at' && base.operation.against !== undefined) ||
        (base.operation.kind === 'night-flow' && base.operation.previous !== undefined);
      if (/^high|^low|^more|^less/.test(from) && periodsCompared) continue;
      variants.push({
        kind: 'operation',
        question: swapped,
        what: `${hit[0]} -> ${to}`,
        judge: (r) =>
          answered(r) && JSON.stringify(r.operation) === JSON.stringify(base.operation) ? `kept ${JSON.stringify(r.operation)}` : null,
      });
    }
  }
  return variants;
}

/** Grammar words: removing one asks the same question (articles, pronouns, auxiliaries, prepositions of no direction). */
const GRAMMAR = new Set(
  (
    'a an the of in on at to for from by with is was were are be been do does did has had have it its this that these those ' +
    'what whats which who when where how me my our us we i you your they them their there here and or please pls can could ' +
    'would will tell show give get me hey hi thanks thank so just ok okay'
  ).split(' '),
);

/** Words the planner's thesaurus says ask nothing: plain words and those of the question's harmless phrases. */
export function harmlessWords(question: string, vocabulary: Vocabulary): Set<string> {
  const text = question.toLowerCase();
  const kept = dropHarmless(text, vocabulary);
  const blanked = new Set<string>();
  for (const m of text.matchAll(/[a-z0-9']+/g)) if (kept.slice(m.index, m.index + m[0].length).trim() === '') blanked.add(m[0]);
  return new Set([...blanked, ...[...vocabulary.plain].filter((w) => text.includes(w))]);
}

/** A catalog tag as the checks read it: its name and the words that name it (the planner's index terms). */
export interface CatalogTag {
  name: string;
  terms: ReadonlySet<string>;
}

/** Short month and weekday names, which the planner's date reading takes ("3 oct", "tue"). */
const CALENDAR_SHORT = /^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/;

const READ_WORDS = new Set([...FILLER, ...LEXICON_WORDS, ...Object.keys(AGG_WORDS)]);

/**
 * True when a word dropped without changing the plan is one the plan still carries: a word of its tags (as written, as
 * the thesaurus spells it, or one typo away) or a word of the planner's lexicon of times and operations. Only a word
 * that is none of these, nor harmless, is IGNORED: the planner read past it.
 */
export function carriedWord(word: string, plan: Plan, catalog: readonly CatalogTag[], vocabulary: Vocabulary): boolean {
  if (/\d/.test(word) || NOW_RE.test(word) || CALENDAR_SHORT.test(word)) return true;
  const names = new Set(plan.tags.map((t) => t.name));
  const terms = new Set(catalog.filter((t) => names.has(t.name)).flatMap((t) => [...t.terms]));
  // As written, as the thesaurus reads it ("yday" -> yesterday, "lvl" -> level), or as its typo fix.
  const forms = [word, ...(vocabulary.terms.get(word) ?? []), ...(vocabulary.rewrite.get(word)?.split(/\s+/) ?? [])];
  if (TYPO_FIXES[word]) forms.push(TYPO_FIXES[word]);
  if (forms.some((form) => form.split(/\s+/).some((w) => READ_WORDS.has(w) || NOW_RE.test(w)))) return true;
  // "log entries o/n": a word that asks for the log ("entries", "wrote") is carried by a shift-log plan, which "log"
  // alone would make too.
  if (plan.operation.kind === 'shift-log' && forms.some((form) => form.split(/\s+/).every((w) => LOG_WORDS.has(w)))) return true;
  return forms.some((form) =>
    form
      .split(/\s+/)
      .map(stem)
      .some((w) => terms.has(w) || (w.length >= 4 && [...terms].some((t) => t.length >= 4 && editDistance(w, t, 2) <= 2))),
  );
}

/** The words of the threshold expression a question names ("slipped under 3.1m"), as the threshold reader blanks them. */
function comparisonWords(question: string): Set<string> {
  const text = question.toLowerCase();
  const read = readThreshold(text);
  if (!read) return new Set();
  const words = new Set<string>();
  for (const m of text.matchAll(/\S+/g)) if (read.text.slice(m.index, m.index + m[0].length).trim() === '') words.add(wordOf(m[0]));
  return words;
}

const wordOf = (token: string): string => token.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9']+$/g, '');

/**
 * (d) Each content word removed in turn. The judge is null unless the plan stays the same; the caller decides whether
 * the word is then known harmless or IGNORED.
 */
export function wordDrops(question: string): Variant[] {
  const tokens = question.split(/\s+/).filter((t) => t !== '');
  const variants: Variant[] = [];
  for (const [i, token] of tokens.entries()) {
    const word = wordOf(token);
    if (!/[a-z]/.test(word) || GRAMMAR.has(word)) continue;
    const rest = tokens.filter((_, j) => j !== i).join(' ');
    variants.push({ kind: 'drop', question: rest, what: word, judge: () => null });
  }
  return variants;
}

/** Whether a question names its series' bucket size ("hourly", "hrly", "per day"), rather than leaving it to the window. */
const asksBucket = (question: string): boolean =>
  /\b(?:hourly|hrly|daily|weekly|monthly|(?:per|by|each|every) (?:hour|day|week|month)|hour by hour|day by day)\b/i.test(question);

/** Meaning words the planner takes up nowhere, and where they go: before a word of the measure, or at the end. */
const INSERTIONS: readonly { words: string; before?: RegExp; when?: (base: Plan, question: string) => boolean }[] = [
  { words: 'net', before: /\b(?:flow|volume|energy|power|production|output|consumption)\b/i },
  { words: 'gross', before: /\b(?:flow|volume|energy|power|production|output|consumption)\b/i },
  { words: 'rolling', before: /\b(?:average|avg|mean)\b/i },
  { words: 'per pump', when: (base) => base.tags.length === 1 && base.operation.kind !== 'run-hours' },
  { words: 'excluding weekends' },
  { words: 'except P02', when: (_base, question) => !/\bp[ _-]?0*2\b|pump 2/i.test(question) },
  // A second bucket size beside the one a series was asked in: one series cannot be both, and neither may be dropped.
  { words: 'and daily', when: (base, q) => base.operation.kind === 'series' && base.operation.bucket !== 'day' && asksBucket(q) },
  { words: 'and hourly', when: (base, q) => base.operation.kind === 'series' && base.operation.bucket !== 'hour' && asksBucket(q) },
  // A statistic of a value at one moment ("typical T1 level at 8am") is no value at that moment.
  {
    words: 'typical',
    before: /\b(?:level|pressure|flow|chlorine|turbidity|temperature|current|power|speed|vibration)\b/i,
    when: (base) => base.operation.kind === 'at' || (base.operation.kind === 'latest' && !base.operation.rank),
  },
];

/** (e) A meaning word the planner does not take up inserted: the plan must decline or ask back, never stay answered. */
export function insertions(question: string, base: Plan): Variant[] {
  const variants: Variant[] = [];
  for (const insertion of INSERTIONS) {
    if (insertion.when && !insertion.when(base, question)) continue;
    let swapped: string;
    if (insertion.before) {
      const hit = insertion.before.exec(question);
      if (!hit) continue;
      swapped = `${question.slice(0, hit.index)}${insertion.words} ${question.slice(hit.index)}`;
    } else {
      const end = /[?.!\s]*$/.exec(question)!;
      swapped = `${question.slice(0, end.index)} ${insertion.words}${question.slice(end.index)}`;
    }
    variants.push({
      kind: 'insert',
      question: swapped,
      what: `+ ${insertion.words}`,
      judge: (r) => {
        if (!answered(r)) return null;
        // "per pump" is taken up by an answer for each pump: two or more tags, each of its own pump.
        const pumps = new Set(r.tags.map((t) => t.name.split('/').find((s) => /^P\d+$/.test(s))));
        if (insertion.words === 'per pump' && pumps.size >= 2 && !pumps.has(undefined) && pumps.size === r.tags.length) return null;
        // A question of one pump named ("PS3 pump 2 vibration per pump") is already per pump.
        const one = base.tags.every((t) => /\/P\d+\//.test(t.name)) && JSON.stringify(planKey(r)) === JSON.stringify(planKey(base));
        if (insertion.words === 'per pump' && one) return null;
        return `answered: ${r.understood}`;
      },
    });
  }
  return variants;
}

/** A question of the question set the checks start from. */
export interface SwapQuestion {
  id: string;
  question: string;
  now: string;
}

/** What the checks found over a question set. */
export interface SwapReport {
  /** Variants planned, by kind. */
  variants: Record<SwapKind, number>;
  violations: SwapViolation[];
  /** Words whose removal left the plan identical and that the thesaurus does not know as harmless: word -> question ids. */
  ignored: Map<string, string[]>;
}

/** Runs every swap of every answered question; `plan` is the planner under test. */
export function checkSwaps(
  questions: readonly SwapQuestion[],
  plan: (question: string, now: string) => PlanResult,
  catalog: readonly CatalogTag[],
  timeZone = 'Europe/Berlin',
  vocabulary: Vocabulary = buildVocabulary(),
): SwapReport {
  const report: SwapReport = { variants: { asset: 0, time: 0, operation: 0, drop: 0, insert: 0 }, violations: [], ignored: new Map() };
  for (const q of questions) {
    const base = plan(q.question, q.now);
    if (!answered(base)) continue;
    const key = planKey(base);
    const harmless = harmlessWords(q.question, vocabulary);
    // The words of the comparison the plan took up ("slipped under 3.1m", "went sub 3 m") are read by the threshold.
    const compared = comparisonWords(q.question);
    const variants = [
      ...assetSwaps(q.question, base, catalog),
      ...timeSwaps(q.question, base, q.now, timeZone),
      ...operationSwaps(q.question, base),
      ...wordDrops(q.question),
      ...insertions(q.question, base),
    ];
    for (const variant of variants) {
      report.variants[variant.kind] += 1;
      // A harmless or carried word is never ignored, whatever its removal does: no need to plan without it.
      if (
        variant.kind === 'drop' &&
        (harmless.has(variant.what) || compared.has(variant.what) || carriedWord(variant.what, base, catalog, vocabulary))
      )
        continue;
      const result = plan(variant.question, q.now);
      if (variant.kind === 'drop') {
        if (keyDifferences(key, planKey(result)).length === 0) {
          report.ignored.set(variant.what, [...(report.ignored.get(variant.what) ?? []), q.id]);
        }
        continue;
      }
      const problem = variant.judge(result);
      if (problem)
        report.violations.push({
          id: q.id,
          kind: variant.kind,
          question: q.question,
          variant: variant.question,
          what: variant.what,
          problem,
        });
    }
  }
  return report;
}
