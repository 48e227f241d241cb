// The `planner:` slice of otq.yaml: a site's own words for the quick planner (added to the shipped thesaurus).
import { z } from 'zod';
import { vocabularySchema } from './vocabulary.ts';

export const plannerConfigSchema = z
  .object({
    /** Site words in the thesaurus' shape (rewrite, terms, soft, plain, priorities); a site entry wins over the shipped one. */
    vocabulary: vocabularySchema.default({ rewrite: {}, terms: {}, soft: [], plain: [], priorities: {} }),
  })
  .strict()
  .default({ vocabulary: { rewrite: {}, terms: {}, soft: [], plain: [], priorities: {} } });

export type PlannerConfig = z.infer<typeof plannerConfigSchema>;
