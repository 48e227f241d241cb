// Brings a threshold written in one unit into the unit of the tag it is compared with: "below 30 psi" of a pressure in
// bar compares with 2.068 bar, "over 16 ft" of a level in m with 4.877 m. A unit of another dimension ("T1 level above
// 3 bar", "above 80 %" of a level in m) is declined, never compared as if it were the tag's.
import type { Decline, PlanResult } from './plan.ts';
import { sameUnit, unitMismatch } from './signal-units.ts';
import { conversionBetween, unitOf } from './unit-table.ts';

interface UnitTag {
  info: { name: string; unit?: string };
}

/** The limit in a tag's unit, with the sentence that says the conversion when there was one. */
export interface LimitInTagUnit {
  value: number;
  note?: string;
}

const round = (n: number): number => Number(n.toPrecision(6));

/** The limit `value` written in `unit` as a value in the tag's unit; undefined when the two do not convert. */
export function limitInTagUnit(value: number, unit: string | undefined, tag: UnitTag): LimitInTagUnit | undefined {
  if (!unit || sameUnit(unit, tag.info.unit)) return { value };
  const from = unitOf(unit);
  const to = unitOf(tag.info.unit);
  const conversion = from && to ? conversionBetween(from, to) : undefined;
  if (!conversion || !from || !to) return undefined;
  // Ten significant digits: more than any limit is written with, few enough for an exact SQL literal.
  const converted = Number((value * conversion.factor + conversion.offset).toPrecision(10));
  return {
    value: converted,
    note: `${value} ${from.unit} = ${round(converted)} ${to.unit} (${tag.info.name} is measured in ${to.unit})`,
  };
}

/**
 * A limit without a unit below 1 on a tag in % ("prv2 posn above 0.8"): a fraction (80 %) or a percentage (0.8 %)?
 * Both are positions a valve takes, so the question is declined, naming the number, instead of guessing.
 */
export function fractionOfPercent(values: readonly (number | undefined)[], unit: string | undefined, tag: UnitTag): Decline | null {
  if (unit || tag.info.unit?.trim() !== '%') return null;
  const fraction = values.find((v) => v !== undefined && v > 0 && v < 1);
  if (fraction === undefined) return null;
  return {
    kind: 'decline',
    reason: `I could not place the limit "${fraction}": ${tag.info.name} is measured in %, so it may be ${fraction} % or ${round(fraction * 100)} % (a fraction); write the limit with its unit, e.g. "above ${round(fraction * 100)} %"`,
  };
}

/**
 * The tags a limit with a unit can be compared with: those measured in that unit, else those whose unit converts to it
 * (same dimension); a decline naming the unit when none does. Without a unit every tag fits.
 */
export function tagsForLimit<T extends UnitTag>(unit: string | undefined, tags: readonly T[]): T[] | Decline {
  if (!unit) return [...tags];
  const same = tags.filter((t) => sameUnit(unit, t.info.unit));
  if (same.length > 0) return same;
  const convertible = tags.filter((t) => limitInTagUnit(1, unit, t) !== undefined);
  if (convertible.length > 0) return convertible;
  return tags.length > 0 ? unitMismatch(unit, tags) : [];
}

/** A plan with the conversion of its limit said before its numbers (plan notes lead the answer). */
export function withNote(planned: PlanResult, note: string | undefined): PlanResult {
  if (!note || planned.kind !== 'plan') return planned;
  return { ...planned, notes: [...(planned.notes ?? []), note] };
}
