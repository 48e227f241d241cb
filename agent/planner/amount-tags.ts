// "How much water went into T3", "how much did BPS02 pump": the amount that flowed into, out of or through a named thing
// is the volume of its flow tag on that side, found from the catalog's own words (inlet/outlet in names and descriptions).
import { rateUnit } from './signal-units.ts';
import { matchWeight, splitTerms, stem, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';

/** Which side of a thing the question's words point at. */
export type FlowSide = 'inlet' | 'outlet' | 'through';

/**
 * Words asking for an amount that flowed, not a rate: "how much", "volume", "m3" (not "m3/h"), "the most water", and the
 * outflow verbs that name an amount by themselves ("what did WTP01 send out", "T1 sent out yday").
 */
export const AMOUNT_RE =
  /\bhow much\b|\bvolume\b|\bm3\b(?!\/)|\bcubic met(?:re|er)s\b|\bsen(?:d|ds|t|ding) out\b|\b(?:most|least|more|less) water\b/;
const INTO_RE =
  /\b(?:into|in to|entering|entered|fed|feed(?:ing)?|supplied to|supply to|sent to|delivered to|pumped to|inflow|went in|came in)\b/;
const OUT_RE =
  /\b(?:out of|drawn|withdrawn|left|leaving|sen(?:d|ds|t|ding) out|outflow|discharged|delivered from|came out|went out)\b|\bout\b/;
const THROUGH_RE = /\b(?:pump(?:ed|d|s)?|deliver(?:ed|s)?|suppl(?:y|ied)|moved|sent|push(?:ed)?|through|thru|passed)\b/;

/** The side a question asks an amount of, or null when it asks no amount or names no side. */
export function readFlowSide(text: string): FlowSide | null {
  if (!AMOUNT_RE.test(text)) return null;
  if (INTO_RE.test(text)) return 'inlet';
  if (OUT_RE.test(text)) return 'outlet';
  if (THROUGH_RE.test(text)) return 'through';
  return null;
}

/** Words of the catalog that name each side (a tank's InletFlow, a station's discharge header). */
const SIDE_TERMS: Record<'inlet' | 'outlet', string[]> = {
  inlet: ['inlet', 'in', 'inflow'],
  outlet: ['outlet', 'out', 'outflow', 'discharge'],
};

/** A flow in volume per time (m3/h, L/s, L/h) or a volume totaliser (m3, L). */
export const isVolumeFlow = (t: IndexedTag): boolean =>
  (t.info.dataType?.toLowerCase() === 'counter' && /^m3$|^m³$|^l$/i.test(t.info.unit ?? '')) ||
  rateUnit(t.info.unit)?.quantity === 'volume';

/**
 * The flow tags (rates in volume per time, and volume totalisers) of the things the question names by identifier, on
 * the side asked: null when the question names no identifier or no such tag is found (the usual linking then decides).
 */
export function amountTags(index: TagIndex, tokens: readonly QueryToken[], side: FlowSide): IndexedTag[] | null {
  const ids = tokens.filter((t) => t.id);
  if (ids.length === 0) return null;
  // Named as the linker reads it: "T1", "filter 3" (F03), "pump 2" (P02).
  const carrying = index.tags.filter((t) => ids.every((id) => matchWeight(id, t) > 0) && isVolumeFlow(t));
  // The thing's own flows, when it has some: "T1 sent out" is T1's outlet, not the plant's "treated water flow to Tank T1".
  const ownId = (t: IndexedTag, token: QueryToken): boolean => {
    const { letters, num, word } = token.id!;
    return (
      t.ownIds.some((o) => o.num === num && (o.letters === letters || (word !== undefined && word.startsWith(o.letters)))) ||
      t.siteTerms.has(`${letters}${num}`)
    );
  };
  const own = carrying.filter((t) => ids.every((id) => ownId(t, id)));
  const named = own.length > 0 ? own : carrying;
  const sided =
    side === 'through'
      ? named.filter((t) => !SIDE_TERMS.inlet.some((w) => t.terms.has(stem(w))))
      : named.filter((t) => SIDE_TERMS[side].some((w) => t.terms.has(stem(w))));
  // A thing with one flow and its totaliser (a station header) answers "through"; more than that is no single amount.
  const rates = (tags: IndexedTag[]) => tags.filter((t) => t.info.dataType?.toLowerCase() !== 'counter');
  if (sided.length > 0 && rates(sided).length <= 1) return sided;
  // Several flows on that side ("WTP01 sent out": the high-lift outlet, and each filter's "outlet flow"): the side named in
  // the tag's own name (HL/OutletFlow) is the thing's, a side its description mentions belongs to a part of it.
  if (side === 'through') return null;
  const sideInName = sided.filter((t) => splitTerms(t.info.name).some((term) => SIDE_TERMS[side].includes(stem(term))));
  return sideInName.length > 0 && rates(sideInName).length <= 1 ? sideInName : null;
}
