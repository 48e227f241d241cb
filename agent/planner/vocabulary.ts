// The planner's vocabulary: the shipped domain thesaurus (thesaurus.yaml) merged with a site's additions from otq.yaml.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { instrumentOnlyForms, instrumentTerms, unitTerms } from './instrument-letters.ts';

const word = z
  .string()
  .min(1)
  .max(60)
  .transform((s) => s.toLowerCase().trim());

/** The shape of the thesaurus file and of `planner.vocabulary` in otq.yaml (every key optional there). */
export const vocabularySchema = z
  .object({
    rewrite: z.record(word, z.string().max(80)).default({}).describe('chat form -> replacement words ("" drops the word)'),
    terms: z.record(word, z.array(word).min(1)).default({}).describe('spoken form -> catalog words tried in its place'),
    soft: z.array(word).default([]).describe('words dropped when no tag carries them ("water" in "how much water")'),
    plain: z.array(word).default([]).describe('plain English that never names a tag: not corrected, never a reason to decline'),
    harmless: z
      .array(word)
      .default([])
      .describe('phrases that say how the question is asked, never what ("thanks in advance", "each other"): dropped wherever they stand'),
    purposes: z
      .array(word)
      .default([])
      .describe('what an answer is for ("regulator", "board pack"): "for the <purpose>" is dropped, it changes nothing asked'),
    placed: z
      .record(word, z.array(word))
      .default({})
      .describe(
        'word -> the plan parts that take it up ("between": correlation; none for "other"); left over without one, it stops the plan',
      ),
    priorities: z.record(word, z.number().int()).default({}).describe('alarm priority word -> priority value'),
    alarmConditions: z
      .record(z.string().min(1).max(64), z.array(word))
      .default({})
      .describe('alarm condition as journals spell it (HIGH, HIHI) -> its spoken forms ("hi", "hh", "high high")'),
    units: z
      .record(word, word)
      .default({})
      .describe('spoken unit after a number -> the unit as the catalog writes it ("3 metres" -> "3 m")'),
    lemmas: z
      .record(word, word)
      .default({})
      .describe('irregular inflected form -> base form ("drew" -> "draw"); regular -ed/-ing/-s/-er forms need no entry'),
    modifiers: z
      .record(word, z.array(word).min(1))
      .default({})
      .describe('class (statistic, rate, condition, exclusion) -> words that change what is asked and the planner cannot apply'),
    instruments: z
      .object({
        variables: z
          .record(word, z.array(word))
          .default({})
          .describe('measured-variable letters -> catalog words ("p" -> pressure); none: the other words say the variable (analyser "a")'),
        readouts: z
          .array(z.string().max(4))
          .default([])
          .describe('letters after the variable ("t" transmitter, "it" indicating transmitter)'),
      })
      .default({ variables: {}, readouts: [] })
      .describe('instrument tag letters (ISA-5.1): each variable + readout ("pt", "fit") is a spoken form of the variable'),
    corrections: z
      .array(word)
      .default([])
      .describe('words that take back what was typed just before them ("t2 sorry t3 lvl" asks about t3)'),
    reads: z
      .array(word)
      .default([])
      .describe('words the planner\'s own patterns read ("offline", "pending"): known as written, never read as a typo of another'),
    control: z
      .object({
        polite: z
          .array(word)
          .default([])
          .describe('words before a command that only make it polite or address someone ("could you", "pls")'),
        actions: z
          .array(word)
          .default([])
          .describe('imperative plant actions; "*" stands for the object ("switch * off"); "start up" is also read as "start P2 up"'),
        alone: z.array(word).default([]).describe('actions that are a command with nothing after them ("ack", "silence")'),
        nouns: z
          .array(word)
          .default([])
          .describe(
            'words after an action that make it a noun of a question ("start time", "change in"); with the action: that action only',
          ),
        urgent: z.array(word).default([]).describe('words after an object-first command ("P2 stop pls"); without one it may be a question'),
      })
      .default({ polite: [], actions: [], alone: [], nouns: [], urgent: [] })
      .describe('how an operator asks to change the plant: refused, otq only reads (control-request.ts)'),
    contrasts: z
      .record(word, z.array(z.array(word).min(1)).min(2))
      .default({})
      .describe('role -> classes of words of different meaning in that role (online / offline): a typo close to two classes is not read'),
  })
  .strict();

export type VocabularyInput = z.input<typeof vocabularySchema>;

/** The merged vocabulary as the planner reads it: phrases longest first, so "at the mo" wins over "at". */
export interface Vocabulary {
  rewrite: ReadonlyMap<string, string>;
  terms: ReadonlyMap<string, readonly string[]>;
  soft: ReadonlySet<string>;
  plain: ReadonlySet<string>;
  /** Phrases of politeness and idiom that ask nothing ("thanks in advance"), longest first. */
  harmless: readonly string[];
  /** What an answer may be for ("regulator", "shift report"), longest first: "for the <purpose>" asks nothing. */
  purposes: readonly string[];
  /** Words that carry meaning unless a part of the plan takes them up: word -> those parts (unplaced-words.ts). */
  placed: ReadonlyMap<string, readonly string[]>;
  priorities: ReadonlyMap<string, number>;
  /** Alarm conditions as journals spell them (HIGH, HIHI) -> their spoken forms, lower case (alarm-conditions.ts). */
  alarmConditions: ReadonlyMap<string, readonly string[]>;
  /** Spoken units after a number -> the catalog's unit ("metres" -> m), longest first. */
  units: readonly (readonly [string, string])[];
  /** Irregular inflected forms -> base form (lemmatize.ts reduces the regular ones by spelling). */
  lemmas: ReadonlyMap<string, string>;
  /** Words and phrases that change what is asked in a way the planner cannot apply, by class (modifier-words.ts). */
  modifiers: ReadonlyMap<string, readonly string[]>;
  /** Correction markers of chat ("sorry", "i mean"), longest first: the thing typed before one is replaced by the one after. */
  corrections: readonly string[];
  /** Every rewrite and term key with more than one word, longest first (matched as phrases before single words). */
  phrases: readonly string[];
  /** Words the planner's own patterns read: known as written, so the typo corrector never turns one into another word. */
  reads: ReadonlySet<string>;
  /** Word -> its meaning classes, one per role ("running/1": offline, stopped, ...): typo-tolerance.ts keeps them apart. */
  contrasts: ReadonlyMap<string, readonly string[]>;
  /** How an operator asks to change the plant (control-words.ts compiles it; control-request.ts reads with it). */
  control: ControlVocabulary;
  /** The instrument letters read as a variable's words ("lt", "pit"): with a loop number they name a thing's tag. */
  instrumentForms: ReadonlySet<string>;
}

/** The control section of the thesaurus, a site's words added: each list distinct, longest first. */
export interface ControlVocabulary {
  polite: readonly string[];
  actions: readonly string[];
  alone: readonly string[];
  nouns: readonly string[];
  urgent: readonly string[];
}

let shipped: z.output<typeof vocabularySchema> | undefined;

/**
 * The shipped thesaurus, read and validated once per process. Parsing its YAML costs about 0.3 s on two cores (most of a
 * CLI call's budget), so the validated form is kept as JSON under dist/cache, keyed by the SHA-256 of the YAML text and
 * of this module's source (a change to either, the schema included, makes a new entry). The cache is best effort: when
 * it cannot be read or written, the YAML is parsed as before.
 */
export function shippedThesaurus(): z.output<typeof vocabularySchema> {
  if (!shipped) {
    const text = readFileSync(new URL('./thesaurus.yaml', import.meta.url), 'utf8');
    const key = createHash('sha256')
      .update(text)
      .update(readFileSync(new URL(import.meta.url)))
      .digest('hex')
      .slice(0, 24);
    const cached = new URL(`../../dist/cache/thesaurus-${key}.json`, import.meta.url);
    try {
      shipped = JSON.parse(readFileSync(cached, 'utf8')) as z.output<typeof vocabularySchema>;
    } catch {
      shipped = vocabularySchema.parse(parse(text));
      writeCache(cached, shipped);
    }
  }
  return shipped;
}

/** Writes the cache file atomically (a temp file renamed), so a concurrent reader never sees half of it; errors ignored. */
function writeCache(url: URL, value: unknown): void {
  try {
    const path = fileURLToPath(url);
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, path);
  } catch {
    // A read-only install parses the YAML at every start; nothing else changes.
  }
}

/** Merges the shipped thesaurus with a site's entries (a site entry replaces the shipped one of the same key; modifiers add). */
export function buildVocabulary(site: VocabularyInput = {}): Vocabulary {
  const base = shippedThesaurus();
  const extra = vocabularySchema.parse(site);
  const rewrite = new Map([...Object.entries(base.rewrite), ...Object.entries(extra.rewrite)]);
  const listedSoft = new Set([...base.soft, ...extra.soft]);
  const plain = new Set([...base.plain, ...extra.plain]);
  const units = [...new Map([...Object.entries(base.units), ...Object.entries(extra.units)])].sort((a, b) => b[0].length - a[0].length);
  const explicit = new Map([...Object.entries(base.terms), ...Object.entries(extra.terms)]);
  // Instrument letters and spoken units are words of the catalog too; an explicit term or a plain word keeps its own reading.
  const taken = (form: string): boolean => explicit.has(form) || rewrite.has(form) || listedSoft.has(form) || plain.has(form);
  const instruments = {
    variables: { ...base.instruments.variables, ...extra.instruments.variables },
    readouts: extra.instruments.readouts.length > 0 ? extra.instruments.readouts : base.instruments.readouts,
  };
  const soft = new Set([...listedSoft, ...instrumentOnlyForms(instruments, taken)]);
  const instrumentForms = instrumentTerms(instruments, taken);
  const terms = new Map([...unitTerms(units, taken), ...instrumentForms, ...explicit]);
  const phrases = [...new Set([...rewrite.keys(), ...terms.keys()])]
    .filter((key) => /\s/.test(key) || /[^a-z0-9]/.test(key))
    .sort((a, b) => b.length - a.length);
  return {
    rewrite,
    terms,
    soft,
    plain,
    harmless: longestFirst([...base.harmless, ...extra.harmless]),
    purposes: longestFirst([...base.purposes, ...extra.purposes]),
    placed: new Map([...Object.entries(base.placed), ...Object.entries(extra.placed)]),
    priorities: new Map([...Object.entries(base.priorities), ...Object.entries(extra.priorities)]),
    alarmConditions: new Map(
      [...new Set([...Object.keys(base.alarmConditions), ...Object.keys(extra.alarmConditions)])].map((name) => [
        name,
        [...new Set([...(base.alarmConditions[name] ?? []), ...(extra.alarmConditions[name] ?? [])])],
      ]),
    ),
    lemmas: new Map([...Object.entries(base.lemmas), ...Object.entries(extra.lemmas)]),
    units,
    // A site's modifiers add to the shipped class of the same name (a site word never takes the shipped ones away).
    modifiers: new Map(
      [...new Set([...Object.keys(base.modifiers), ...Object.keys(extra.modifiers)])].map((kind) => [
        kind,
        [...new Set([...(base.modifiers[kind] ?? []), ...(extra.modifiers[kind] ?? [])])],
      ]),
    ),
    corrections: [...new Set([...base.corrections, ...extra.corrections])].sort((a, b) => b.length - a.length),
    phrases,
    reads: new Set([...base.reads, ...extra.reads]),
    contrasts: contrastClasses({ ...base.contrasts, ...extra.contrasts }),
    instrumentForms: new Set([...instrumentForms.keys()].filter((form) => !explicit.has(form))),
    control: {
      polite: longestFirst([...base.control.polite, ...extra.control.polite]),
      actions: longestFirst([...base.control.actions, ...extra.control.actions]),
      alone: longestFirst([...base.control.alone, ...extra.control.alone]),
      nouns: longestFirst([...base.control.nouns, ...extra.control.nouns]),
      urgent: longestFirst([...base.control.urgent, ...extra.control.urgent]),
    },
  };
}

/** Each word of the contrast roles -> its classes, "role/class index" ("lowest": a statistic and a pace). */
function contrastClasses(roles: Readonly<Record<string, readonly (readonly string[])[]>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [role, classes] of Object.entries(roles))
    classes.forEach((words, i) => {
      for (const w of words) out.set(w, [...new Set([...(out.get(w) ?? []), `${role}/${i}`])]);
    });
  return out;
}

/** Distinct phrases, longest first (so "thanks in advance" wins over "in advance"). */
const longestFirst = (phrases: readonly string[]): string[] => [...new Set(phrases)].sort((a, b) => b.length - a.length);
