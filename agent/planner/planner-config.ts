// The `planner:` slice of otq.yaml: a site's own words for the quick planner (added to the shipped thesaurus).
import { z } from 'zod';
import { DATE_ORDERS } from './numeric-date.ts';
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
    alarmConditions: {},
    lemmas: {},
    units: {},
    modifiers: {},
    instruments: { variables: {}, readouts: [] },
    corrections: [],
    reads: [],
    contrasts: {},
    control: { polite: [], actions: [], alone: [], nouns: [], urgent: [] },
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
    /** How numeric dates with slashes are read ("03/10/2026"): day first (dmy, European utilities), month first (mdy) or year first (ymd). */
    dateOrder: z
      .enum(DATE_ORDERS)
      .default('dmy')
      .describe('order of numeric dates such as 03/10/2026: dmy (3 October), mdy (March 10) or ymd; ISO 2026-10-03 is always read as ISO'),
  })
  .strict()
  .default({
    vocabulary: noSiteWords(),
    nightHours: { from: 2, to: 4 },
    dateOrder: 'dmy',
  });

export type PlannerConfig = z.infer<typeof plannerConfigSchema>;
