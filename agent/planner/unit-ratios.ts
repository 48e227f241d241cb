// Units spoken as "X per Y". A spoken rate or concentration the thesaurus knows ("m3 per hour", "mg per litre") is
// that unit wherever it stands, not only after a number: "ps1 flow in m3 per hour" asks the flow in m3/h, not hourly
// volumes. What is left as "A per B" with B an amount (a volume, an energy: "kwh per m3", "energy per m3 pumped") asks
// a ratio of two quantities (a specific energy), which no plan computes: it is named instead of answering A alone.
import { unitOf } from './unit-table.ts';
import type { Vocabulary } from './vocabulary.ts';
import { escapeRe } from './phrase-pattern.ts';

const spokenRates = new WeakMap<Vocabulary, { re: RegExp; unit: ReadonlyMap<string, string> } | null>();

/** The thesaurus' spoken units that divide ("m3 per hour", "mg per litre", "cubic metres an hour"), as one pattern. */
function spokenRatesOf(vocabulary: Vocabulary): { re: RegExp; unit: ReadonlyMap<string, string> } | null {
  let compiled = spokenRates.get(vocabulary);
  if (compiled === undefined) {
    const unit = new Map(vocabulary.units.filter(([w, u]) => /\s(?:per|an|a)\s/.test(w) && u.includes('/')));
    const phrases = [...unit.keys()].sort((a, b) => b.length - a.length);
    compiled =
      phrases.length === 0 ? null : { re: new RegExp(`(?<![a-z0-9_])(?:${phrases.map(escapeRe).join('|')})(?![a-z0-9_])`, 'g'), unit };
    spokenRates.set(vocabulary, compiled);
  }
  return compiled;
}

/** The question with each spoken rate unit written as the unit ("in m3 per hour" -> "in m3/h"). */
export function writeSpokenRates(text: string, vocabulary: Vocabulary): string {
  const compiled = spokenRatesOf(vocabulary);
  return compiled ? text.replace(compiled.re, (phrase) => compiled.unit.get(phrase) ?? phrase) : text;
}

/** Dimensions of an amount: what a ratio divides by ("per m3", "per kWh"); a time ("per hour") makes a rate instead. */
const AMOUNTS = new Set(['volume', 'energy', 'mass']);

/**
 * "kwh per m3", "energy/m3", "cost per kwh": the words of a ratio whose divisor is an amount, when the two together
 * are no unit of their own (mg/L is one); null when there is none.
 */
export function findRatio(text: string): string | null {
  for (const match of text.matchAll(/(?<![a-z0-9_])([a-z0-9°%]+)(?:\s+per\s+(?:a\s+|one\s+|each\s+)?|\/)([a-z0-9³]+)(?![a-z0-9_/])/g)) {
    const [words, top, bottom] = match as unknown as [string, string, string];
    const divisor = unitOf(bottom);
    if (!divisor || !AMOUNTS.has(divisor.dimension) || bottom.length < 2) continue;
    if (unitOf(`${top}/${bottom}`)) continue;
    return words;
  }
  return null;
}

/** The decline naming the ratio. */
export function ratioDecline(words: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${words}": it asks for a ratio of two quantities (one per unit of another), which the quick planner does not compute; ask for each on its own`,
  };
}
