// Questions about the catalog itself: "what tags does BPS03 have", "list the pumps at BPS01", "which DMAs have a pressure
// tag", "what is the unit of T1 level", "how many tags on T2". The planner picks the tags from the catalog the asker may
// see, and the answer reads them from the source's tag table through the guard and the audit log like any query.
import type { IndexedTag, QueryToken, TagIndex } from './tag-catalog.ts';
import { kindTerms, linkTags, matchWeight, matchesOnlyBySite, stem } from './tag-catalog.ts';
import type { Operation, PlanResult } from './plan.ts';
import type { ResolvedWindow } from '../answer.ts';
import { dropOpeners } from './question-openers.ts';

/** What a catalog question lists: the tags, their units, or the assets or sites they belong to. */
export type CatalogList = 'tags' | 'unit' | 'assets' | 'sites';

/** The catalog words read from a question: the unit asked, the tags asked, how many; the kind is found among its words. */
export interface CatalogCue {
  asks: 'tags' | 'unit' | 'kind';
  count: boolean;
  /**
   * The word right after the question word ("which DMAs", "list the pumps", "sites w/ ..."): the kind listed, if it is
   * one. As written and as read ("zones" is read "dmas", "whch" is read "which"): the first that names a kind is it.
   */
  leads?: string[];
}

/** The word a listing starts with, after its question word: "which DMAs have", "list the pumps", "sites w/ chlorine tags". */
const LEAD_RE =
  /^\s*(?:(?:(?:can\s+you\s+|pls\s+|please\s+)?(?:list|lst|show|name)\s+(?:me\s+)?|(?:what|wat|which|wich)\s+(?:are\s+)?|how\s+many\s+)?(?:the\s+|all\s+(?:the\s+)?)?)([a-z]+)\b/;

/** "unit of", "what units", "in what unit", "uom". */
const UNIT_RE = /\b(?:engineering\s+)?(?:units?|uom|eng\s+units?)\b/;
const UNIT_ASKED_RE =
  /\b(?:what|wat|whats|which|wich)\b.*\b(?:units?|uom)\b|\b(?:units?|uom)\s+(?:of|for|is|are|does|do)\b|^\s*(?:units?|uom)\b/;
/** "tags", "measurements", "signals", "data points" asked for: listed or counted. */
const TAGS_RE = /\b(?:tags?|measurements?|signals?|instruments?|data\s+points?)\b/;
const ASKED_RE = /\b(?:what|wat|whats|which|wich|list|lst|show|how\s+many|are\s+there|do\s+we\s+have|is\s+there|got|has|have|with|w)\b/;
/** "list the pumps", "which reservoirs", "how many pumps": things of a kind asked for, with nothing measured of them. */
/** A plural noun, not a verb or pronoun ending in s ("was", "is", "has", "this"). */
const PLURAL = String.raw`(?!(?:was|is|has|does|goes|this|its|us|as|yes|less|address)\b)[a-z]{2,}s\b`;
const KIND_ASKED_RE = new RegExp(
  String.raw`^\s*(?:(?:can\s+you\s+|pls\s+|please\s+)?(?:list|lst|show|name)\b|(?:what|wat|which|wich)\s+(?:are\s+)?(?:the\s+|all\s+(?:the\s+)?)?${PLURAL}|how\s+many\s+${PLURAL}|(?:the\s+|all\s+(?:the\s+)?)?${PLURAL}\s+(?:at|in|on|of)\s+[a-z0-9]+(?:\s+[a-z0-9]+)?\s*\??\s*$)`,
);
/** "which pumps r at kirchberg": chat's "r" for "are", in a listing only (elsewhere it may be Pearson's r). */
const CHAT_ARE_RE = /(?<=^\s*(?:what|wat|which|wich)\s+[a-z]+s\s+)(?:r|u)\b/;
/** A question whose words measure, compute or time something is no catalog question. */
const NOT_CATALOG_RE =
  /\b(?:avg|average|mean|max|min|maximum|minimum|total|sum|trend|now|current|currently|latest|last|yesterday|today|since|running|above|below|alarms?|when)\b/;
const HOW_MANY_RE = /\bhow\s+many\b|\bnumber\s+of\b|\bcount\b/;

const blank = (text: string, re: RegExp): string => text.replace(re, (m) => ' '.repeat(m.length));

/**
 * The catalog question a normalized question asks, with its catalog words blanked; null when it asks none. `written`:
 * the question as written, for the word that leads a listing.
 */
export function readCatalogAsk(text: string, written = text): { cue: CatalogCue; text: string } | null {
  const read = readCatalogWords(text);
  // The lead word as written (reading plurals can make "sites" the verb "sit"), and as read (a chat form of the question
  // word or of the kind: "whch pumps", "which zones"); a greeting before it asks nothing.
  const leads = [LEAD_RE.exec(dropOpeners(` ${written.toLowerCase()} `))?.[1], LEAD_RE.exec(text)?.[1]].filter((w) => w !== undefined);
  return read && leads.length > 0 ? { ...read, cue: { ...read.cue, leads: [...new Set(leads)] } } : read;
}

function readCatalogWords(text: string): { cue: CatalogCue; text: string } | null {
  const count = HOW_MANY_RE.test(text);
  if (UNIT_RE.test(text) && UNIT_ASKED_RE.test(text) && !/\bper\s+unit\b/.test(text))
    return { cue: { asks: 'unit', count: false }, text: blank(text, new RegExp(UNIT_RE.source, 'g')) };
  if (NOT_CATALOG_RE.test(text)) return null;
  if (TAGS_RE.test(text) && ASKED_RE.test(text))
    return { cue: { asks: 'tags', count }, text: blank(text, new RegExp(TAGS_RE.source, 'g')) };
  if (KIND_ASKED_RE.test(text)) return { cue: { asks: 'kind', count }, text: blank(text, CHAT_ARE_RE) };
  return null;
}

/** Generic words for the places of a catalog, listed as sites. */
const SITE_WORDS = new Set(['site', 'station', 'plant', 'location', 'place']);
/** Generic words for equipment, listed as assets. */
const ASSET_WORDS = new Set(['asset', 'equipment', 'device', 'thing', 'unit']);

/** A word that names the kind of thing listed: an asset kind of the catalog, a site family (DMA), a generic place word. */
function kindOf(index: TagIndex, token: QueryToken): { list: 'assets' | 'sites'; fits: (tag: IndexedTag) => boolean } | null {
  if (token.id) return null;
  const word = stem(token.text);
  if (SITE_WORDS.has(word)) return { list: 'sites', fits: () => true };
  if (ASSET_WORDS.has(word)) return { list: 'assets', fits: () => true };
  const ofKind = (tag: IndexedTag): boolean => kindTerms(tag.info.assetKind).includes(word);
  if (index.tags.some(ofKind)) return { list: 'assets', fits: ofKind };
  // "DMAs": the letters of the catalog's site codes.
  const siteLetters = (tag: IndexedTag): boolean => (tag.info.site ?? '').toLowerCase().replace(/\d+$/, '') === word;
  if (index.tags.some(siteLetters)) return { list: 'sites', fits: siteLetters };
  return null;
}

/** A tag the token names by the tag's own words or identifiers, or its site's (not by a description's mention). */
function names(token: QueryToken, tag: IndexedTag): boolean {
  if (token.id) {
    const key = `${token.id.letters}${token.id.num}`;
    const own = tag.ownIds.some((id) => `${id.letters}${id.num}` === key);
    const site = (tag.info.site ?? '').toLowerCase().replace(/^([a-z]+)0*(\d+)$/, '$1$2') === key;
    // "station 3": an identifier spelled by a word of the tag's own entities.
    const spelled = token.id.word !== undefined && matchWeight(token, tag) === 1.7;
    return own || site || spelled;
  }
  return matchWeight(token, tag) >= 0.9;
}

/** A word that names a place rather than what is measured there: an identifier, or a word only the tag's site carries. */
function placeWord(token: QueryToken, tags: readonly IndexedTag[]): boolean {
  return token.id !== undefined || tags.some((tag) => matchesOnlyBySite(token, tag));
}

/**
 * The plan of a catalog question over one catalog: the tags its words name (every word on each tag), narrowed to a
 * kind when the question asks for things of a kind ("which pumps ...", "list the reservoirs"), then listed as tags,
 * units, assets or sites. Null when a question that looked like a listing names no kind ("what are the pressures at
 * DMA02"): it is planned as any other. A decline says what did not fit.
 */
export function planCatalog(input: {
  index: TagIndex;
  source: string;
  tokens: readonly QueryToken[];
  cue: CatalogCue;
  hasSites: boolean;
  window: ResolvedWindow;
}): PlanResult | null {
  const { index, cue } = input;
  // The kind listed is named first ("which DMAs have ...", "sites w/ chlorine tags", "list the pumps at BPS01"); a kind
  // word later names a place or a thing ("measurements at booster station Kirchberg", "unit of bps03 pump vibration").
  const leads: QueryToken[] = (cue.leads ?? []).map((text) => ({ text }));
  const first: QueryToken | undefined = (cue.asks !== 'unit' ? leads.find((t) => kindOf(index, t)) : undefined) ?? leads[0];
  const kind = cue.asks !== 'unit' && first ? kindOf(index, first) : null;
  if (cue.asks === 'kind' && !kind) return null;
  // The kind's own word is no filter of the tags ("pumps" at BPS01 are the tags of pump assets, read from the kind).
  const own = kind && first ? input.tokens.findIndex((t) => !t.id && stem(t.text) === stem(first.text)) : -1;
  const rest = input.tokens.filter((_, i) => i !== own);
  if (cue.asks === 'unit' && rest.length === 0)
    return { kind: 'decline', reason: 'say which tag the unit is asked of, e.g. "unit of T1 level"' };
  // "which pumps at BPS03 have a spare motor": without "tag" or "measurement", a listing of things names only places.
  const measured = cue.asks === 'kind' ? rest.find((token) => !placeWord(token, index.tags)) : undefined;
  if (measured)
    return {
      kind: 'decline',
      reason: `I could not place "${measured.text}" in a list of ${first?.text ?? 'things'}: the catalog lists what is measured ("which pumps have a vibration tag") or what is at a place ("pumps at BPS03"), nothing else about them`,
    };
  let tags: IndexedTag[];
  if (cue.asks === 'unit') {
    // "unit of T1 level": the tags the words name most specifically (T1/Tank/Level, not every T1 tag with a level).
    const linked = linkTags(index, rest);
    tags = linked.unmatched.length > 0 || linked.unexplained.length > 0 ? [] : linked.best;
  } else {
    tags = index.tags.filter((tag) => rest.every((token) => names(token, tag)));
    if (kind) tags = tags.filter(kind.fits);
  }
  if (tags.length === 0)
    return {
      kind: 'decline',
      reason: `no tag of the catalog is named by all of ${input.tokens.map((t) => `"${t.text}"`).join(', ')}`,
    };
  const list: CatalogList = cue.asks === 'unit' ? 'unit' : (kind?.list ?? 'tags');
  if (list === 'sites' && !input.hasSites)
    return { kind: 'decline', reason: 'the catalog of this source maps no sites of its assets, so sites cannot be listed' };
  const operation: Operation = { kind: 'catalog', list, ...(cue.count ? { count: true } : {}) };
  const what = list === 'unit' ? 'units' : list;
  return {
    kind: 'plan',
    source: input.source,
    tags: tags.map((t) => ({
      id: t.info.id,
      name: t.info.name,
      ...(t.info.unit !== undefined ? { unit: t.info.unit } : {}),
      ...(t.info.description !== undefined ? { description: t.info.description } : {}),
    })),
    window: input.window,
    operation,
    understood: `catalog: ${cue.count ? 'how many ' : ''}${what} of the ${tags.length} tag${tags.length === 1 ? '' : 's'} named by ${input.tokens
      .map((t) => `"${t.text}"`)
      .join(', ')}`,
  };
}
