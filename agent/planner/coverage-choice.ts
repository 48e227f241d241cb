// The tags a coverage question is answered for ("data gaps at BPS02", "% good data bps02 disch press"): a site or asset
// named alone is covered tag by tag; a measurement that fits several tags is asked back (coverage-ask.ts reads the words).
import { measurementsOf } from './group-check.ts';
import type { PlanResult } from './plan.ts';
import { linkTags, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';

/** What the coverage choice needs of the operation chooser's state. */
export interface CoverageChoice {
  index: TagIndex;
  tags: readonly IndexedTag[];
  tokens: readonly QueryToken[];
  /** The coverage words read ("data gaps") and the first statistic named beside them, if any. */
  coverage: string;
  fn?: string;
  /** Several things were asked for on purpose ("each tank", "T1 vs T3"): no ask-back. */
  several: boolean;
}

/** The tags to cover, or the decline / ask-back the question gets instead. */
export function coverageTags(
  choice: CoverageChoice,
  ambiguous: (tags: readonly IndexedTag[]) => PlanResult,
): { tags: readonly IndexedTag[] } | PlanResult {
  const { tags, fn } = choice;
  // A statistic beside the coverage words ("average data coverage") is something else: named, not guessed.
  if (fn)
    return {
      kind: 'decline',
      reason: `I could not place "${fn}" with "${choice.coverage}": ask for the coverage alone, or for the ${fn} alone`,
    };
  const oneMeasurement = measurementsOf(tags).length === 1;
  if (tags.length > 1 && oneMeasurement && !choice.several) return ambiguous(tags);
  if (tags.length < 2 || oneMeasurement) return { tags };
  // Of the wider match, the tags of the sites matched ("T1" is not the works' outlet flow whose description names it).
  const sites = new Set(tags.map((t) => t.info.site));
  return { tags: linkTags(choice.index, choice.tokens, { specific: false }).best.filter((t) => sites.has(t.info.site)) };
}
