// A unit the answer is asked in ("DMA02 pressure in psi", "pump current in kW"): read out of the question before the
// tags are linked, then held against the plan's tags. otq never converts units, so a unit no planned tag is kept in is
// asked back (the same asset has a tag in that unit) or declined, naming it, instead of answered in another unit.
import type { Ambiguous, Decline, Plan, PlanTag } from './plan.ts';
import { askBack } from './ask-back.ts';
import { rateUnit, sameUnit } from './signal-units.ts';
import type { IndexedTag, TagIndex } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The unit asked for: as written in the question, and as a catalog spells it. */
export interface AskedUnit {
  written: string;
  unit: string;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Operations whose answer is not in the tag's own unit (hours, counts, r, alarms): a unit word there is not checked. */
const OWN_UNIT_FREE = new Set(['run-hours', 'threshold', 'together', 'correlation', 'shift-log', 'crossing']);

const compiled = new WeakMap<Vocabulary, Map<string, { re: RegExp; unitOf: ReadonlyMap<string, string> }>>();

/**
 * "in <unit>", "as <unit>", "using <unit>" for every unit the thesaurus (spoken forms and the units it knows) or the
 * catalog spells. One-letter units ("a", "m", "h") are left out: "in a week" asks for no amperes.
 */
function patternOf(vocabulary: Vocabulary, indexes: readonly TagIndex[]): { re: RegExp; unitOf: ReadonlyMap<string, string> } {
  const byCatalog = compiled.get(vocabulary) ?? new Map<string, { re: RegExp; unitOf: ReadonlyMap<string, string> }>();
  compiled.set(vocabulary, byCatalog);
  const catalogUnits = [...new Set(indexes.flatMap((index) => index.tags.map((t) => t.info.unit?.toLowerCase() ?? '')))].filter((u) => u);
  const key = catalogUnits.sort().join('|');
  let found = byCatalog.get(key);
  if (!found) {
    const unitOf = new Map<string, string>();
    for (const [spoken, unit] of vocabulary.units)
      for (const written of [spoken, unit]) if (!unitOf.has(written)) unitOf.set(written, unit);
    for (const unit of catalogUnits) if (!unitOf.has(unit)) unitOf.set(unit, unit);
    const written = [...unitOf.keys()].filter((w) => w.length > 1 && w !== 'in').sort((a, b) => b.length - a.length);
    found = {
      re: new RegExp(`(?<=^|[^a-z0-9_])(?:in|as|into|using)\\s+(?:units of\\s+)?(${written.map(escapeRe).join('|')})(?=$|[^a-z0-9_/%])`),
      unitOf,
    };
    byCatalog.set(key, found);
  }
  return found;
}

/** Takes the asked unit out of the text (blanked, so positions hold); the text unchanged when none is asked. */
export function readAskedUnit(text: string, vocabulary: Vocabulary, indexes: readonly TagIndex[]): { text: string; asked?: AskedUnit } {
  const { re, unitOf } = patternOf(vocabulary, indexes);
  const match = re.exec(text);
  const written = match?.[1];
  if (!match || !written) return { text };
  const blanked = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
  return { text: blanked, asked: { written, unit: unitOf.get(written) ?? written } };
}

/** Whether the answer for this tag comes out in the asked unit: its own, or its integral's (kW -> kWh; L/h -> L, not m3). */
function fits(asked: AskedUnit, tag: PlanTag): boolean {
  const integral = rateUnit(tag.unit)?.amount;
  return sameUnit(asked.unit, tag.unit) || (integral !== undefined && sameUnit(asked.unit, integral));
}

/**
 * Null when every tag of the plan answers in the asked unit; else an ask-back over the planned tags and the same
 * assets' tags kept in that unit ("current in kW": the motor current, or the pump's power), or a decline naming it.
 */
export function checkAskedUnit(
  plan: Plan,
  asked: AskedUnit,
  index: TagIndex,
  question: string,
  entityWords: readonly string[],
): Decline | Ambiguous | null {
  if (OWN_UNIT_FREE.has(plan.operation.kind) || plan.operation.kind.startsWith('alarm') || plan.tags.length === 0) return null;
  if (plan.tags.every((t) => fits(asked, t))) return null;
  const planned = plan.tags.map((t) => index.tags.find((x) => x.info.name === t.name)).filter((t): t is IndexedTag => t !== undefined);
  const assets = new Set(planned.map((t) => t.info.asset).filter((a): a is string => a !== undefined));
  const inUnit = index.tags.filter((t) => t.info.asset !== undefined && assets.has(t.info.asset) && sameUnit(asked.unit, t.info.unit));
  const kept = plan.tags.map((t) => `${t.name} (${t.unit ? `in ${t.unit}` : 'no unit'})`).join(', ');
  if (inUnit.length > 0 && planned.length > 0) {
    const without = question.replace(
      new RegExp(`\\b(?:in|as|into|using)\\s+(?:units of\\s+)?${escapeRe(asked.written)}(?=$|[^a-z0-9_/%])`, 'i'),
      ' ',
    );
    return askBack(
      `"${asked.written}" is not the unit of ${kept}, and otq does not convert units; ${inUnit.map((t) => t.info.name).join(', ')} ${inUnit.length === 1 ? 'is' : 'are'} in ${asked.written}. Which one do you mean?`,
      [...planned, ...inUnit],
      without,
      entityWords,
    );
  }
  return {
    kind: 'decline',
    reason: `I could not place "${asked.written}": ${kept} ${plan.tags.length === 1 ? 'is' : 'are'} not recorded in ${asked.written}, and otq does not convert units`,
  };
}
