// "which was the duty pump at hl": a "which" or "who" with a kind of asset asks for things of that kind, so a plan whose
// tags belong to no asset of any kind the question names does not answer it (the high-lift energy meter, described as
// "pumping", was answered with its kWh change).
import { kindTerms, stem } from './catalog-words.ts';
import type { Decline, Plan } from './plan.ts';
import type { IndexedTag, QueryToken } from './tag-catalog.ts';

const ASKS_WHICH_RE = /\b(?:which|who)\b/;

/** The decline for a plan that names no asset of the kind asked with "which", or null when it answers it. */
export function askedKindDecline(
  plan: Plan,
  original: string,
  tokens: readonly QueryToken[],
  catalogTags: readonly IndexedTag[],
): Decline | null {
  if (!ASKS_WHICH_RE.test(original) || plan.tags.length === 0) return null;
  const kinds = new Set(catalogTags.flatMap((t) => kindTerms(t.info.assetKind)));
  // The words as written or as read when there is one reading ("pmp" is read "pump"; "sp" has several).
  const asked = new Set(
    tokens
      .filter((t) => !t.id)
      .flatMap((t) => [t.text, ...(t.alts?.length === 1 && t.alts[0]?.length === 1 ? t.alts[0] : [])])
      .map(stem)
      .filter((w) => kinds.has(w)),
  );
  if (asked.size === 0) return null;
  const byName = new Map(catalogTags.map((t) => [t.info.name, t]));
  const planKinds = plan.tags.flatMap((t) => kindTerms(byName.get(t.name)?.info.assetKind));
  if (planKinds.some((k) => asked.has(k))) return null;
  const kind = [...asked].join(' or ');
  const names = plan.tags.slice(0, 3).map((t) => t.name);
  return {
    kind: 'decline',
    reason: `the question asks which ${kind}, but what fits the rest of it (${names.join(', ')}) belongs to no ${kind}`,
  };
}
