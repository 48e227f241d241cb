// The `planner:` slice of otq.yaml: a site's own words for the quick planner (added to the shipped thesaurus).
import { z } from 'zod';
import { vocabularySchema } from './vocabulary.ts';

/** A site that adds no words: every section of the thesaurus' shape, empty. */
function noSiteWords(): z.output<typeof vocabularySchema> {
  return {
    rewrite: {},
    terms: {},
    soft: [],
    plain: [],
    harmless: [],
    purposes: [],
    placed: {},
    priorities: {},
    lemmas: {},
    units: {},
    modifiers: {},
    instruments: { variables: {}, readouts: [] },
    corrections: [],
    reads: [],
    contrasts: {},
  };
}

export const plannerConfigSchema = z
  .object({
    /** Site words in the thesaurus' shape (rewrite, terms, soft, plain, priorities, lemmas, units, instruments, modifiers, corrections); a site entry wins over the shipped one. */
    vocabulary: vocabularySchema.default(noSiteWords()),
    /** Hours of "minimum night flow" in plant time (the leakage indicator): from 02:00 to 04:00 unless the site says otherwise. */
    nightHours: z
      .object({ from: z.number().int().min(0).max(23), to: z.number().int().min(0).max(23) })
      .strict()
      .refine((h) => h.from !== h.to, { message: 'from and to must differ' })
      .default({ from: 2, to: 4 })
      .describe('night-flow hours, plant time, whole hours (to before from crosses midnight)'),
  })
  .strict()
  .default({
    vocabulary: noSiteWords(),
    nightHours: { from: 2, to: 4 },
  });

export type PlannerConfig = z.infer<typeof plannerConfigSchema>;
