// "the booster station" in an alarm question, where the catalog has three: one place is meant, and which one is not
// said, so the question is asked back with the sites as choices ("alarm count for the booster station last month").
// "all booster stations", "any booster station", "the booster stations" ask for every one of them.
import type { Choice } from './choose-operation.ts';
import { questionFor } from './ask-back.ts';
import type { Ambiguous } from './plan.ts';

/** Words that ask for every member: "all", "any", "every", "each", "both", "across". */
const EVERY_RE = /\b(?:all|any|every|each|both|across|whole|entire|either|network|plant-wide)\b/;

/** The ask-back over the sites a singular "the <thing>" spans, or null when it names one site (or asks for all). */
export function oneSiteAskBack(choice: Choice): Ambiguous | null {
  const { cues, tags } = choice;
  const words = cues.entityWords ?? [];
  if (cues.plural !== false || words.length === 0 || words.some((w) => /\d/.test(w)) || EVERY_RE.test(cues.text)) return null;
  // "the booster station": "the" right before the words that named the things (at most two words between).
  const said = words
    .map((w) => w.replace(/[^a-z0-9-]/g, ''))
    .filter(Boolean)
    .map((w) => new RegExp(`\\bthe\\s+((?:[a-z0-9-]+\\s+){0,2}?${w})\\b`).exec(cues.text)?.[1])
    .filter((phrase): phrase is string => phrase !== undefined)
    .sort((a, b) => b.length - a.length)[0];
  if (!said) return null;
  const named = said.split(/\s+/);
  const sites = [...new Set(tags.map((t) => t.info.site).filter((s): s is string => s !== undefined))].sort();
  if (sites.length < 2) return null;
  const nameOf = (site: string): string => tags.find((t) => t.info.site === site)?.info.siteName ?? site;
  return {
    kind: 'ambiguous',
    reason: `"the ${said}" fits ${sites.length} sites; which one do you mean? ${sites.map((s) => `${s} (${nameOf(s)})`).join('; ')}`,
    about: `which of the ${sites.length} sites is meant`,
    candidates: sites,
    choices: sites.map((s) => ({ label: `${s} (${nameOf(s)})`, question: questionFor(cues.text, named, s) })),
  };
}
