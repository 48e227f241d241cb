// The planner's vocabulary: the shipped domain thesaurus (thesaurus.yaml) merged with a site's additions from otq.yaml.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

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
    priorities: z.record(word, z.number().int()).default({}).describe('alarm priority word -> priority value'),
  })
  .strict();

export type VocabularyInput = z.input<typeof vocabularySchema>;

/** The merged vocabulary as the planner reads it: phrases longest first, so "at the mo" wins over "at". */
export interface Vocabulary {
  rewrite: ReadonlyMap<string, string>;
  terms: ReadonlyMap<string, readonly string[]>;
  soft: ReadonlySet<string>;
  plain: ReadonlySet<string>;
  priorities: ReadonlyMap<string, number>;
  /** Every rewrite and term key with more than one word, longest first (matched as phrases before single words). */
  phrases: readonly string[];
}

let shipped: z.output<typeof vocabularySchema> | undefined;

/** The shipped thesaurus, read and validated once per process. */
export function shippedThesaurus(): z.output<typeof vocabularySchema> {
  if (!shipped) {
    const text = readFileSync(new URL('./thesaurus.yaml', import.meta.url), 'utf8');
    shipped = vocabularySchema.parse(parse(text));
  }
  return shipped;
}

/** Merges the shipped thesaurus with a site's entries (a site entry replaces the shipped one of the same key). */
export function buildVocabulary(site: VocabularyInput = {}): Vocabulary {
  const base = shippedThesaurus();
  const extra = vocabularySchema.parse(site);
  const rewrite = new Map([...Object.entries(base.rewrite), ...Object.entries(extra.rewrite)]);
  const terms = new Map([...Object.entries(base.terms), ...Object.entries(extra.terms)]);
  const phrases = [...new Set([...rewrite.keys(), ...terms.keys()])]
    .filter((key) => /\s/.test(key) || /[^a-z0-9]/.test(key))
    .sort((a, b) => b.length - a.length);
  return {
    rewrite,
    terms,
    soft: new Set([...base.soft, ...extra.soft]),
    plain: new Set([...base.plain, ...extra.plain]),
    priorities: new Map([...Object.entries(base.priorities), ...Object.entries(extra.priorities)]),
    phrases,
  };
}
