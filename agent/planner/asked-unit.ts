// A result asked in a unit ("avg inflow yday in l/s", "hypo dosed last wk in m3", "max pressure psi"): read the unit out
// of the question, then convert the plan's signal into it (same dimension), integrate a rate into an asked amount, or
// decline a unit of another dimension ("T1 level in bar"). The conversions come from unit-table.ts.
import type { AggFn, Operation, Plan, PlanResult } from './plan.ts';
import { RATE_UNITS } from './signal-units.ts';
import { numberLiteral } from './sql-dialect.ts';
import {
  BARE_SPELLINGS,
  conversionBetween,
  describeConversion,
  INTEGRAL_OF,
  SPELLINGS,
  unitOf,
  type UnitConversion,
  type UnitDef,
} from './unit-table.ts';

/** A unit the question asks its result in, as written. */
export interface AskedUnit {
  written: string;
  def: UnitDef;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Single letters other than m and l ("in a day", "in t1") are no unit after "in".
const AFTER_IN = SPELLINGS.filter((s) => s.length > 1 || s === 'm' || s === 'l');
const END = '(?=$|[\\s?.,!;:)])';
const IN_RE = new RegExp(`(?:^|\\s)(?:in|as|into|in units of)\\s+(${AFTER_IN.map(escape).join('|')})${END}`);
const BARE_RE = new RegExp(
  `(^|\\s)(${[...BARE_SPELLINGS]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})${END}`,
);

/**
 * The unit the result is asked in, and the text without it. A unit after a number ("above 5 bar", "500 litres") is a
 * quantity of the question, not the unit of its answer; a unit some catalog tag is measured in is read only after "in"
 * ("bps01 kw" names the power measurement).
 */
export function readAskedUnit(
  text: string,
  catalogUnits: ReadonlySet<string>,
  original: string = text,
): { text: string; asked?: AskedUnit } {
  const blank = (index: number, length: number): string => text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
  const inMatch = IN_RE.exec(text);
  if (inMatch && !/\d\s*$/.test(text.slice(0, inMatch.index))) {
    const def = unitOf(inMatch[1]);
    if (def) return { text: blank(inMatch.index, inMatch[0].length), asked: { written: inMatch[1]!, def } };
  }
  // "last week in MW": the time expression read took the "in" with it; the unit is still in the text.
  const inOriginal = IN_RE.exec(original);
  if (inOriginal && !/\d\s*$/.test(original.slice(0, inOriginal.index))) {
    const written = inOriginal[1]!;
    const def = unitOf(written);
    const left = new RegExp(`(^|\\s)(${escape(written)})${END}`).exec(text);
    if (def && left) return { text: blank(left.index + left[1]!.length, written.length), asked: { written, def } };
  }
  for (let from = 0; from < text.length;) {
    const rest = text.slice(from);
    const bare = BARE_RE.exec(rest);
    if (!bare) break;
    const at = from + bare.index + bare[1]!.length;
    const written = bare[2]!;
    const def = unitOf(written);
    const before = text.slice(0, at);
    const afterNumber = /\d\s*$/.test(before);
    // "how much m3", "how many kwh": right after the amount words even a catalog unit is the unit asked.
    const afterAmount = /\bhow (?:much|many)\s+$/.test(before);
    if (def && !afterNumber && (afterAmount || !catalogUnits.has(written)))
      return { text: blank(at, written.length), asked: { written, def } };
    from = at + written.length;
  }
  return { text };
}

/** Whether a tag's values can be given in the asked unit: the same dimension, or a rate whose total is the asked amount. */
export function fitsAskedUnit(tagUnit: string | undefined, asked: AskedUnit): boolean {
  const own = unitOf(tagUnit);
  if (!own) return (tagUnit ?? '').toLowerCase() === asked.written.toLowerCase();
  return own.dimension === asked.def.dimension || INTEGRAL_OF[own.dimension] === asked.def.dimension;
}

/**
 * "hypo used yday litres": of the tags a name fits (dose setpoint mg/L, dosing rate L/h, tank level %), those whose
 * values can be given in the asked unit; all of them when none can (the decline then says why).
 */
export function narrowToAskedUnit<T extends { info: { unit?: string } }>(tags: readonly T[], asked: AskedUnit): T[] {
  const fitting = tags.filter((t) => fitsAskedUnit(t.info.unit, asked));
  return fitting.length > 0 ? fitting : [...tags];
}

/** Operations whose numbers are in the tag's unit (a duration, a count, a time or a correlation are not). */
function valuesInTagUnit(op: Operation): boolean {
  switch (op.kind) {
    case 'latest':
    case 'at':
    case 'series':
    case 'rank':
    case 'compare':
    case 'total':
    case 'change':
    case 'bucket-rank':
    case 'night-flow':
      return !('fn' in op) || op.fn !== 'count';
    case 'aggregate':
      return !op.fns.includes('count');
    default:
      return false;
  }
}

/** The same operation computing the integral instead of its statistic (an amount asked of a rate). */
function asIntegral(op: Operation): Operation | null {
  switch (op.kind) {
    case 'aggregate':
      return { kind: 'aggregate', fns: ['integral'] };
    case 'compare':
    case 'total':
    case 'change':
    case 'rank':
    case 'bucket-rank':
      return { ...op, fn: 'integral' as AggFn };
    case 'series':
      return { ...op, fns: ['integral'] };
    default:
      return null;
  }
}

const dimensionText = (def: UnitDef): string => `${/^[aeiou]/.test(def.dimension) ? 'an' : 'a'} ${def.dimension}`;

/**
 * The plan with its signal in the asked unit: `scale` converts every value read (so averages, extremes, changes and
 * integrals come out in it) and the tags carry the asked unit. An amount asked of a rate (m3 of a flow in L/h, MWh of a
 * power in kW) integrates the rate, converted first to a rate whose integral is that amount. Declines a unit of another
 * dimension, a unit the tag's own unit cannot be converted from, and shapes whose numbers are not in the tag's unit.
 */
export function applyAskedUnit(plan: Plan, asked: AskedUnit): PlanResult {
  const units = [...new Set(plan.tags.map((t) => t.unit ?? ''))];
  const named = `"${asked.written}"`;
  if (units.length !== 1)
    return {
      kind: 'decline',
      reason: `the answer is asked in ${named}, but the matched tags are measured in different units (${units.join(', ')})`,
    };
  const tagUnit = units[0]!;
  const tagNames = plan.tags
    .slice(0, 3)
    .map((t) => t.name)
    .join(', ');
  const own = unitOf(tagUnit);
  if (!own) {
    if (tagUnit.toLowerCase() === asked.written.toLowerCase()) return plan;
    return {
      kind: 'decline',
      reason: `the answer is asked in ${named}, but ${tagNames} is measured in ${tagUnit || 'no unit'}, which has no conversion to it`,
    };
  }
  if (!valuesInTagUnit(plan.operation))
    return {
      kind: 'decline',
      reason: `the answer is asked in ${named}, but what this question computes (${plan.operation.kind}) is not in the unit of ${tagNames}`,
    };
  let operation = plan.operation;
  let target: UnitDef | undefined = asked.def;
  if (INTEGRAL_OF[own.dimension] === asked.def.dimension) {
    // An amount of a rate: integrate a rate whose integral is the asked amount (L -> L/h, m3 -> m3/h, MWh -> MW).
    const integral = asIntegral(operation);
    const rate = RATE_UNITS.find((r) => r.amount.toLowerCase() === asked.def.unit.toLowerCase());
    target = rate ? unitOf(rate.rate) : undefined;
    if (!integral || !target)
      return {
        kind: 'decline',
        reason: `the answer is asked in ${named}, an amount, but no total of ${tagNames} (${tagUnit}) can be given in it`,
      };
    operation = integral;
  } else if (own.dimension !== asked.def.dimension) {
    return {
      kind: 'decline',
      reason: `the answer is asked in ${named} (${dimensionText(asked.def)}), but ${tagNames} is measured in ${tagUnit} (${dimensionText(own)}); ask in a unit of ${own.dimension}`,
    };
  }
  const conversion = conversionBetween(own, target);
  if (!conversion) return { kind: 'decline', reason: `the answer is asked in ${named}, which ${tagUnit} does not convert to` };
  if (conversion.factor === 1 && conversion.offset === 0 && operation === plan.operation) return plan;
  return {
    ...plan,
    operation,
    tags: plan.tags.map((t) => ({ ...t, unit: target.unit })),
    scale: { ...conversion, text: describeConversion(conversion) },
    understood: `${plan.understood}, in ${asked.def.unit}`,
  };
}

/** A plan's scale as SQL around a value expression: `(value * factor + offset)`; the expression itself without one. */
export function scaledValue(value: string, scale: UnitConversion | undefined): string {
  if (!scale) return value;
  const literal = (n: number): string => numberLiteral(Number(n.toPrecision(12)));
  return `(${value} * ${literal(scale.factor)}${scale.offset !== 0 ? ` + ${literal(scale.offset)}` : ''})`;
}
