// Rates and what integrating them over time gives (m3/h over hours -> m3, L/s -> m3, kW -> kWh): the table the planner
// uses for "how much / volume / total" of a rate. A unit not in the table is no rate: its sum over time is refused.

/** What a rate's integral measures: said in the answer ("volume 4,147 m3", "energy 212 kWh"). */
export type Quantity = 'volume' | 'energy' | 'mass';

/** One rate unit and its integral. */
export interface RateUnit {
  /** The rate's unit as the table spells it ("m3/h", "L/s", "kW"). */
  rate: string;
  /** The unit of the integral ("m3", "L", "kWh"). */
  amount: string;
  quantity: Quantity;
  /** Amount per rate unit held for one second: 1 m3/h for 1 s = 1/3600 m3; 1 L/s for 1 s = 0.001 m3. */
  perSecond: number;
}

/**
 * The table. Spellings are matched exactly after normalising spaces, superscripts (m³ = m3) and `per`; letter case is
 * kept where it changes the unit (MW is not mW, ML/d is not mL/d), so each accepted spelling is listed.
 */
const TABLE: readonly (RateUnit & { aliases?: readonly string[] })[] = [
  { rate: 'm3/h', amount: 'm3', quantity: 'volume', perSecond: 1 / 3600, aliases: ['m3/hr', 'cbm/h'] },
  { rate: 'm3/min', amount: 'm3', quantity: 'volume', perSecond: 1 / 60 },
  { rate: 'm3/s', amount: 'm3', quantity: 'volume', perSecond: 1 },
  { rate: 'm3/d', amount: 'm3', quantity: 'volume', perSecond: 1 / 86_400, aliases: ['m3/day'] },
  { rate: 'L/s', amount: 'm3', quantity: 'volume', perSecond: 1 / 1000, aliases: ['l/s', 'lps'] },
  { rate: 'L/min', amount: 'm3', quantity: 'volume', perSecond: 1 / 60_000, aliases: ['l/min', 'lpm'] },
  { rate: 'L/h', amount: 'L', quantity: 'volume', perSecond: 1 / 3600, aliases: ['l/h', 'l/hr', 'L/hr'] },
  { rate: 'ML/d', amount: 'ML', quantity: 'volume', perSecond: 1 / 86_400, aliases: ['Ml/d', 'MLD'] },
  { rate: 'gpm', amount: 'gal', quantity: 'volume', perSecond: 1 / 60, aliases: ['gal/min', 'GPM'] },
  { rate: 'MGD', amount: 'Mgal', quantity: 'volume', perSecond: 1 / 86_400, aliases: ['mgd'] },
  { rate: 'kg/h', amount: 'kg', quantity: 'mass', perSecond: 1 / 3600 },
  { rate: 'W', amount: 'Wh', quantity: 'energy', perSecond: 1 / 3600 },
  { rate: 'kW', amount: 'kWh', quantity: 'energy', perSecond: 1 / 3600, aliases: ['kw', 'KW'] },
  { rate: 'MW', amount: 'MWh', quantity: 'energy', perSecond: 1 / 3600 },
];

/** The rates of the table (without their alternative spellings). */
export const RATE_UNITS: readonly RateUnit[] = TABLE.map(({ rate, amount, quantity, perSecond }) => ({
  rate,
  amount,
  quantity,
  perSecond,
}));

const BY_SPELLING: ReadonlyMap<string, RateUnit> = new Map(
  TABLE.flatMap(({ aliases, ...unit }) => [unit.rate, ...(aliases ?? [])].map((spelling) => [spelling, unit] as const)),
);

/** "m³ / h", "m^3/h", "m3 per h" -> "m3/h"; letter case untouched. */
function normalise(unit: string): string {
  return unit
    .trim()
    .replace(/³/g, '3')
    .replace(/\^3/g, '3')
    .replace(/\s+per\s+/gi, '/')
    .replace(/\s+/g, '');
}

/** The rate a unit measures, or null when the unit is no rate over time (a level, a pressure, a count, a concentration). */
export function rateUnit(unit: string | undefined): RateUnit | null {
  if (!unit) return null;
  return BY_SPELLING.get(normalise(unit)) ?? null;
}

/** "1 m3/h for 1 h = 1 m3", "1 L/s for 1 h = 3.6 m3": the conversion as a person checks it. */
export function conversionText(unit: RateUnit): string {
  const perHour = Math.round(unit.perSecond * 3600 * 1e9) / 1e9;
  return `1 ${unit.rate} for 1 h = ${perHour} ${unit.amount}`;
}

/** A unit as typed or as the catalog spells it, in one spelling: "degC", "c", "°C" -> "°c"; "m³/h" -> "m3/h". */
const unitKey = (unit: string): string => {
  const u = unit.trim().toLowerCase().replace(/³/g, '3');
  return /^(°c|c|degc|deg)$/.test(u) ? '°c' : u;
};

/** Whether a unit written in a question ("above 70 %") is the unit a tag is measured in. */
export const sameUnit = (asked: string, tagUnit: string | undefined): boolean =>
  tagUnit !== undefined && unitKey(asked) === unitKey(tagUnit);

/** The decline for a limit whose unit no matched tag is measured in: naming the unit, never comparing across units. */
export const unitMismatch = (
  unit: string,
  tags: readonly { info: { name: string; unit?: string } }[],
): { kind: 'decline'; reason: string } => ({
  kind: 'decline',
  reason: `the limit is given in "${unit}", but the matched ${tags.length === 1 ? 'tag' : 'tags'} ${tags
    .slice(0, 3)
    .map((t) => `${t.info.name} (${t.info.unit ?? 'no unit'})`)
    .join(', ')} ${tags.length === 1 ? 'is' : 'are'} not measured in it; name the measurement that is in ${unit}`,
});
