// Checks the running-status tags of a "running together" question before the plan: one station's pumps, as many as said.
import type { Ambiguous, PlanChoice } from './plan.ts';
import { MAX_CHOICES, questionFor } from './ask-back.ts';
import { fuzzyTerms, linkTags, matchWeight, stem, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';

const COUNTS: Readonly<Record<string, number>> = { both: 2, two: 2, three: 3, four: 4, five: 5 };
/** Plural nouns of time after a number ("last 2 days"): a window, not a count of things. */
const TIME_NOUN = /^(?:seconds|secs|minutes|mins|hours|hrs|days|weeks|wks|months|years|nights|shifts|times)$/;

/**
 * The number of things the question says run together: "both", "the two pumps", "all 3 pumps", "the 2 boosters".
 * A digit counts only after "the", "all", "both", "those" or "these" ("pump 2 and pump 3" names pumps, not a count).
 */
export function saidCount(text: string): number | undefined {
  const re =
    /\b(?:(both|two|three|four|five)|(?:the|all|those|these)\s+([2-5]))\b(?:\s+([a-z0-9-]+))?(?:\s+([a-z0-9-]+))?(?:\s+([a-z0-9-]+))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const count = m[1] ? COUNTS[m[1]] : Number(m[2]);
    if (count === undefined) continue;
    const next = [m[3], m[4], m[5]].filter((w): w is string => w !== undefined);
    // "2 days", "three hours": a window's length.
    if (next[0] && TIME_NOUN.test(next[0])) continue;
    if (m[1] === 'both' || next.some((w) => /[a-z]{2,}s$/.test(w) && !TIME_NOUN.test(w))) return count;
  }
  return undefined;
}

/**
 * "only one pump running", "exactly 2 boosters on", "just one hl pump on": an exact number of the things running at
 * once. The together answer computes "at least n" (an overlap), not "exactly n"; the words, or undefined.
 */
export function exactCountWords(text: string): string | undefined {
  const count =
    /\b(?:exactly|only|just)\s+(?:one|two|three|four|[1-4]|a\s+single)\b(?=(?:\s+[a-z0-9-]+){0,3}?\s+(?:pumps?|pmps?|boosters?|units?|sets?)\b)/.exec(
      text,
    );
  return count && /\b(?:running|runnin|ran|run|on|in service|in operation|operating)\b/.test(text.slice(count.index))
    ? count[0]
    : undefined;
}

/**
 * The status tags of the kind the question names ("all three pumps at the plant": the pumps, not the dosing pump's
 * running signal too), when a word of the question is the asset kind of some of them and not of the others.
 */
export function ofNamedKind(status: readonly IndexedTag[], text: string): IndexedTag[] {
  const words = new Set(text.split(/[^a-z0-9-]+/).map(stem));
  const kind = (t: IndexedTag): string => stem((t.info.assetKind ?? '').toLowerCase());
  const named = status.filter((t) => kind(t) !== '' && words.has(kind(t)));
  return named.length >= 2 && named.length < status.length ? named : [...status];
}

/** The question once per group of tags: the words that named the things replaced by the group's tag names. */
function choicesOf(groups: readonly (readonly IndexedTag[])[], text: string, entityWords: readonly string[]): PlanChoice[] {
  return groups.slice(0, MAX_CHOICES).map((group) => {
    const names = group.map((t) => t.info.name).join(' and ');
    return { label: names, question: questionFor(text, entityWords, names) };
  });
}

/** Every choice of `size` tags of the list, in order (a handful of pumps: small). */
function subsets(tags: readonly IndexedTag[], size: number): IndexedTag[][] {
  if (size === 0) return [[]];
  if (tags.length < size) return [];
  const [head, ...rest] = tags;
  return [...subsets(rest, size - 1).map((s) => [head!, ...s]), ...subsets(rest, size)];
}

/**
 * Null when the status tags lie at one site, or at each site alone ("P1 at every station" has one P1 per site);
 * otherwise an ask-back with each site's tags as a choice. Pumps named without their station ("P1 and P2") match every
 * station's P1 and P2: together, or counted across stations, is not what was asked.
 */
export function siteChoice(status: readonly IndexedTag[], text: string, entityWords: readonly string[]): Ambiguous | null {
  const bySite = new Map<string, IndexedTag[]>();
  for (const tag of status) {
    const site = tag.info.site ?? tag.info.name.split('/')[0] ?? '';
    bySite.set(site, [...(bySite.get(site) ?? []), tag]);
  }
  const groups = [...bySite.values()];
  if (groups.length < 2 || !groups.some((g) => g.length > 1)) return null;
  const usable = groups.filter((g) => g.length > 1);
  return {
    kind: 'ambiguous',
    reason: `the question names running signals at ${groups.length} sites (${[...bySite.keys()].join(', ')}); which site's do you mean?`,
    candidates: usable.flatMap((g) => g.map((t) => t.info.name)).slice(0, MAX_CHOICES),
    choices: choicesOf(usable, text, entityWords),
  };
}

/** "each", "every", "all", "per": the things are asked of every site that has them, not of one. */
const EVERY_SITE_RE = /\b(?:each|every|all|per)\b/;

/** True when the token names the tag's site (its code or name: "BPS01", "Hochfeld"), read on the site's words alone. */
function namesSiteOf(token: QueryToken, tag: IndexedTag, fuzzy: ReadonlyMap<string, number> | undefined): boolean {
  const site = tag.entities?.[0];
  if (!site) return false;
  return matchWeight(token, { info: tag.info, terms: site.words, siteTerms: new Set(), ids: site.ids, ownIds: [] }, fuzzy) > 0;
}

/**
 * Run-hours or starts of things named by number and no site ("starts P1/P2 yesterday", "hrs pumps 1+2 last wk"): those
 * numbers exist at several sites, so which site's is asked back (siteChoice). Null when a word names some of the sites
 * ("BPS01 and BPS02 P1/P2": the tags lie where it says), when no word is a number (a kind, "all booster pumps", is asked
 * of every site), or when every site's are asked ("P1 at each station").
 */
export function numberedAcrossSites(
  index: TagIndex,
  status: readonly IndexedTag[],
  tokens: readonly QueryToken[],
  text: string,
  entityWords: readonly string[],
): Ambiguous | null {
  if (!tokens.some((t) => t.id) || EVERY_SITE_RE.test(text)) return null;
  const siteOf = (tag: IndexedTag): string => tag.info.site ?? tag.info.name.split('/')[0] ?? '';
  const sites = new Set(status.map(siteOf));
  const namesSome = tokens.some((token) => {
    const fuzzy = token.id ? undefined : fuzzyTerms(index, token.text);
    const named = new Set(status.filter((tag) => namesSiteOf(token, tag, fuzzy)).map(siteOf));
    return named.size > 0 && named.size < sites.size;
  });
  return namesSome ? null : siteChoice(status, text, entityWords);
}

/** Whether two or more of the status tags are named by an identifier of their own, not of their site ("p1 p2 p3"). */
export function namedOneByOne(status: readonly IndexedTag[], tokens: readonly QueryToken[]): boolean {
  const own = (token: QueryToken, tag: IndexedTag): boolean =>
    token.id !== undefined && !namesSiteOf(token, tag, undefined) && matchWeight(token, tag, undefined) > 0;
  return status.filter((tag) => tokens.some((token) => own(token, tag))).length >= 2;
}

/**
 * "bps1 p1 and bps3 p2 both running": the things each named after its site, read in the question's order (a numbered
 * word goes with the site said last before it), of the status tags that fit; null unless every site named has one and
 * the pairs leave out some of the tags (BPS01 P02 and BPS03 P01 here), so that no site's other things are added.
 */
export function pairedBySite(index: TagIndex, status: readonly IndexedTag[], tokens: readonly QueryToken[]): IndexedTag[] | null {
  const siteOf = (tag: IndexedTag): string => tag.info.site ?? tag.info.name.split('/')[0] ?? '';
  const kept = new Set<IndexedTag>();
  let site: string | undefined;
  for (const token of tokens) {
    const fuzzy = token.id ? undefined : fuzzyTerms(index, token.text);
    const named = new Set(status.filter((tag) => namesSiteOf(token, tag, fuzzy)).map(siteOf));
    // A word naming several sites ("booster") pairs nothing after it.
    if (named.size > 0) site = named.size === 1 ? [...named][0] : undefined;
    else if (token.id && site !== undefined)
      for (const tag of status) if (siteOf(tag) === site && matchWeight(token, tag, fuzzy) > 0) kept.add(tag);
  }
  const bySite = new Set([...kept].map(siteOf));
  return bySite.size > 1 && bySite.size === new Set(status.map(siteOf)).size && kept.size < status.length ? [...kept] : null;
}

/**
 * Null when the status tags are one set to run together; otherwise an ask-back: tags at several sites (siteChoice), or
 * a count the question says (unless `counted`: "at least two" asks a number running, not which things) ("the two pumps
 * at BPS03") that the tags do not have (BPS03 has three) asks which.
 */
export function checkTogether(
  status: readonly IndexedTag[],
  text: string,
  entityWords: readonly string[],
  counted = false,
): Ambiguous | null {
  const sites = siteChoice(status, text, entityWords);
  if (sites) return sites;
  // "at least two of them" counted already: not a count of the things named.
  const count = counted ? undefined : saidCount(text);
  if (count !== undefined && count !== status.length && count >= 2) {
    const options = count < status.length ? subsets(status, count) : [];
    return {
      kind: 'ambiguous',
      reason: `the question says ${count}, and ${status.length} running signals match (${status.map((t) => t.info.name).join(', ')}); which ${count < status.length ? `${count} of them` : 'ones'} do you mean?`,
      candidates: status.map((t) => t.info.name).slice(0, MAX_CHOICES),
      choices: options.length > 0 ? choicesOf(options, text, entityWords) : choicesOf([status], text, entityWords),
    };
  }
  return null;
}

/**
 * The status tags that every word of the question fits, linked among the status tags alone (none when a word fits
 * none): "hl pumps" linked the HL header's meters, and among running signals it is the high-lift pumps.
 */
export function statusTagsNamed(index: TagIndex, tokens: readonly QueryToken[], isStatus: (t: IndexedTag) => boolean): IndexedTag[] {
  if (tokens.length === 0) return [];
  const linked = linkTags({ ...index, tags: index.tags.filter(isStatus) }, tokens, { specific: false });
  return linked.unmatched.length === 0 && linked.unexplained.length === 0 ? linked.best : [];
}
