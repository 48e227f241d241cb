// "How much water went into T3", "how much did BPS02 pump": the amount that flowed into, out of or through a named thing
// is the volume of its flow tag on that side, found from the catalog's own words (inlet/outlet in names and descriptions).
import { rateUnit } from './signal-units.ts';
import { stem, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';

/** Which side of a thing the question's words point at. */
export type FlowSide = 'inlet' | 'outlet' | 'through';

const AMOUNT_RE = /\bhow much\b|\bvolume\b|\bm3\b|\bcubic met(?:re|er)s\b/;
const INTO_RE = /\b(?:into|in to|entering|entered|fed|feed(?:ing)?|supplied to|supply to|inflow|went in|came in)\b/;
const OUT_RE = /\b(?:out of|drawn|withdrawn|left|leaving|sent out|outflow|discharged|delivered from|came out|went out)\b|\bout\b/;
const THROUGH_RE = /\b(?:pump(?:ed|d|s)?|deliver(?:ed|s)?|suppl(?:y|ied)|moved|sent|push(?:ed)?)\b/;

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

const isVolumeFlow = (t: IndexedTag): boolean =>
  (t.info.dataType?.toLowerCase() === 'counter' && /^m3$|^m³$|^l$/i.test(t.info.unit ?? '')) || rateUnit(t.info.unit)?.amount === 'm3';

/**
 * The flow tags (rates in volume per time, and volume totalisers) of the things the question names by identifier, on
 * the side asked: null when the question names no identifier or no such tag is found (the usual linking then decides).
 */
export function amountTags(index: TagIndex, tokens: readonly QueryToken[], side: FlowSide): IndexedTag[] | null {
  const ids = tokens.filter((t) => t.id).map((t) => `${t.id!.letters}${t.id!.num}`);
  if (ids.length === 0) return null;
  const named = index.tags.filter((t) => ids.every((id) => t.terms.has(id)) && isVolumeFlow(t));
  const sided =
    side === 'through'
      ? named.filter((t) => !SIDE_TERMS.inlet.some((w) => t.terms.has(stem(w))))
      : named.filter((t) => SIDE_TERMS[side].some((w) => t.terms.has(stem(w))));
  // A thing with one flow and its totaliser (a station header) answers "through"; more than that is no single amount.
  const rates = sided.filter((t) => t.info.dataType?.toLowerCase() !== 'counter');
  return sided.length > 0 && rates.length <= 1 ? sided : null;
}
