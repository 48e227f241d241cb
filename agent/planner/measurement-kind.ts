// The kind of a measurement: the head word of its name ("DischargePressure", "OutletPressure" and "Pressure" are all
// pressures; "PressureSetpoint" is a setpoint, "FlowTotal" a total), read from the catalog's own measurement names.
import { measurementTerms } from './catalog-words.ts';
import type { IndexedTag } from './tag-index.ts';

/** The head term of a tag's measurement: the last word of its name (English compounds end in their head). */
export function measurementHead(tag: IndexedTag): string | undefined {
  return measurementTerms(tag.info).at(-1);
}

/**
 * A group named by a bare measurement word ("which pressure was highest") is every measurement of that kind, not only
 * the one whose whole name is the word: of `candidates` (tags that fit the question's other words as well), those whose
 * measurement has the same head as the group's one-word measurement. The group itself when its measurement is a
 * compound (the question named it more closely) or no other measurement of the kind fits.
 */
export function sameKindTags(group: readonly IndexedTag[], candidates: readonly IndexedTag[]): IndexedTag[] {
  const first = group[0];
  if (!first || measurementTerms(first.info).length !== 1) return [...group];
  const head = measurementHead(first);
  const kin = candidates.filter((t) => !group.includes(t) && measurementHead(t) === head);
  return kin.length === 0 ? [...group] : [...group, ...kin];
}
