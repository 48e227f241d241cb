// The units a question may ask a result in ("in l/s", "in psi", "in MWh"): each unit's dimension and its factor (and
// offset) to the dimension's base unit, as data. A conversion is only ever made within one dimension.

/** What a unit measures; a conversion never crosses dimensions (a level is not a pressure). */
export type Dimension =
  | 'length'
  | 'pressure'
  | 'volume'
  | 'flow'
  | 'energy'
  | 'power'
  | 'temperature'
  | 'mass'
  | 'mass flow'
  | 'current'
  | 'concentration'
  | 'turbidity'
  | 'velocity';

/** One unit: base = value x toBase + offset (bases: m, kPa, m3, m3/h, kWh, kW, °C, kg, kg/h, A, mg/L, NTU, mm/s). */
export interface UnitDef {
  /** The unit as answers write it. */
  unit: string;
  dimension: Dimension;
  toBase: number;
  offset?: number;
  /**
   * Spellings as typed, lower case (questions are read in lower case). "ml" is the megalitre, as in water supply
   * (Ml, Ml/d); a millilitre is never a plant quantity.
   */
  spellings: readonly string[];
  /**
   * Spellings that name the unit without "in" before them ("avg inflow yday l/s", "how many litres"): only those that
   * are no word of a question otherwise (not "m", "a", "min", "h").
   */
  bare?: readonly string[];
}

const GALLON_M3 = 0.003785411784;

/** Integrating a rate (per hour, in its base) over hours gives the amount in this dimension's base. */
export const INTEGRAL_OF: Readonly<Partial<Record<Dimension, Dimension>>> = { flow: 'volume', power: 'energy', 'mass flow': 'mass' };

export const UNIT_TABLE: readonly UnitDef[] = [
  { unit: 'm', dimension: 'length', toBase: 1, spellings: ['m', 'metre', 'metres', 'meter', 'meters'], bare: ['metres', 'meters'] },
  {
    unit: 'cm',
    dimension: 'length',
    toBase: 0.01,
    spellings: ['cm', 'centimetres', 'centimeters'],
    bare: ['cm', 'centimetres', 'centimeters'],
  },
  { unit: 'mm', dimension: 'length', toBase: 0.001, spellings: ['mm', 'millimetres', 'millimeters'], bare: ['millimetres', 'millimeters'] },
  { unit: 'ft', dimension: 'length', toBase: 0.3048, spellings: ['ft', 'feet'], bare: ['feet'] },
  { unit: 'bar', dimension: 'pressure', toBase: 100, spellings: ['bar', 'bars'] },
  { unit: 'mbar', dimension: 'pressure', toBase: 0.1, spellings: ['mbar', 'millibar'], bare: ['mbar', 'millibar'] },
  {
    unit: 'kPa',
    dimension: 'pressure',
    toBase: 1,
    spellings: ['kpa', 'kilopascal', 'kilopascals'],
    bare: ['kpa', 'kilopascal', 'kilopascals'],
  },
  {
    // Metres of water column (head): the pressure of a water column that high, at standard gravity.
    unit: 'm head',
    dimension: 'pressure',
    toBase: 9.80665,
    spellings: ['m head', 'm of head', 'metres head', 'meters head', 'metres of head', 'meters of head', 'mwc', 'm wc', 'mh2o', 'm h2o'],
    bare: ['metres head', 'meters head', 'mwc', 'mh2o'],
  },
  { unit: 'MPa', dimension: 'pressure', toBase: 1000, spellings: ['mpa', 'megapascal', 'megapascals'], bare: ['mpa'] },
  { unit: 'Pa', dimension: 'pressure', toBase: 0.001, spellings: ['pa', 'pascal', 'pascals'], bare: ['pascal', 'pascals'] },
  { unit: 'psi', dimension: 'pressure', toBase: 6.894757293168, spellings: ['psi', 'psig'], bare: ['psi', 'psig'] },
  {
    unit: 'm3',
    dimension: 'volume',
    toBase: 1,
    spellings: ['m3', 'm³', 'cbm', 'cubic metres', 'cubic meters', 'cubic metre', 'cubic meter', 'cu m'],
    bare: ['m3', 'cubic metres', 'cubic meters', 'cbm'],
  },
  {
    unit: 'L',
    dimension: 'volume',
    toBase: 0.001,
    spellings: ['l', 'litres', 'liters', 'litre', 'liter', 'ltr'],
    bare: ['litres', 'liters', 'ltr'],
  },
  { unit: 'kL', dimension: 'volume', toBase: 1, spellings: ['kl', 'kilolitres', 'kiloliters'], bare: ['kilolitres', 'kiloliters'] },
  {
    unit: 'ML',
    dimension: 'volume',
    toBase: 1000,
    spellings: ['ml', 'megalitres', 'megaliters', 'megalitre', 'megaliter'],
    bare: ['ml', 'megalitres', 'megaliters'],
  },
  { unit: 'gal', dimension: 'volume', toBase: GALLON_M3, spellings: ['gal', 'gallons', 'us gallons'], bare: ['gallons'] },
  {
    unit: 'm3/h',
    dimension: 'flow',
    toBase: 1,
    spellings: ['m3/h', 'm³/h', 'm3/hr', 'cbm/h', 'cubic metres per hour', 'cubic meters per hour'],
  },
  { unit: 'm3/min', dimension: 'flow', toBase: 60, spellings: ['m3/min'] },
  { unit: 'm3/s', dimension: 'flow', toBase: 3600, spellings: ['m3/s', 'm³/s', 'cumecs'], bare: ['m3/s', 'cumecs'] },
  {
    unit: 'm3/d',
    dimension: 'flow',
    toBase: 1 / 24,
    spellings: ['m3/d', 'm³/d', 'm3/day', 'cubic metres per day'],
    bare: ['m3/d', 'm3/day'],
  },
  {
    unit: 'L/s',
    dimension: 'flow',
    toBase: 3.6,
    spellings: ['l/s', 'lps', 'l/sec', 'litres per second', 'liters per second', 'litres a second'],
    bare: ['l/s', 'lps', 'l/sec', 'litres per second', 'liters per second'],
  },
  {
    unit: 'L/min',
    dimension: 'flow',
    toBase: 0.06,
    spellings: ['l/min', 'lpm', 'litres per minute', 'liters per minute'],
    bare: ['l/min', 'lpm'],
  },
  { unit: 'L/h', dimension: 'flow', toBase: 0.001, spellings: ['l/h', 'l/hr', 'litres per hour', 'liters per hour'] },
  {
    unit: 'ML/d',
    dimension: 'flow',
    toBase: 1000 / 24,
    spellings: ['ml/d', 'mld', 'ml/day', 'megalitres per day', 'megaliters per day'],
    bare: ['ml/d', 'mld', 'ml/day', 'megalitres per day', 'megaliters per day'],
  },
  {
    unit: 'gpm',
    dimension: 'flow',
    toBase: GALLON_M3 * 60,
    spellings: ['gpm', 'gal/min', 'gallons per minute'],
    bare: ['gpm', 'gallons per minute'],
  },
  { unit: 'MGD', dimension: 'flow', toBase: (GALLON_M3 * 1e6) / 24, spellings: ['mgd'], bare: ['mgd'] },
  { unit: 'Wh', dimension: 'energy', toBase: 0.001, spellings: ['wh'] },
  { unit: 'kWh', dimension: 'energy', toBase: 1, spellings: ['kwh', 'kilowatt hours', 'kilowatt-hours'], bare: ['kwh', 'kilowatt hours'] },
  {
    unit: 'MWh',
    dimension: 'energy',
    toBase: 1000,
    spellings: ['mwh', 'megawatt hours', 'megawatt-hours'],
    bare: ['mwh', 'megawatt hours'],
  },
  { unit: 'GWh', dimension: 'energy', toBase: 1e6, spellings: ['gwh'], bare: ['gwh'] },
  { unit: 'MJ', dimension: 'energy', toBase: 1 / 3.6, spellings: ['mj', 'megajoules'], bare: ['megajoules'] },
  { unit: 'GJ', dimension: 'energy', toBase: 1000 / 3.6, spellings: ['gj', 'gigajoules'], bare: ['gj', 'gigajoules'] },
  { unit: 'W', dimension: 'power', toBase: 0.001, spellings: ['w', 'watts'], bare: ['watts'] },
  { unit: 'kW', dimension: 'power', toBase: 1, spellings: ['kw', 'kilowatts', 'kilowatt'] },
  { unit: 'MW', dimension: 'power', toBase: 1000, spellings: ['mw', 'megawatts', 'megawatt'], bare: ['megawatts'] },
  { unit: 'hp', dimension: 'power', toBase: 0.745699872, spellings: ['hp', 'horsepower'], bare: ['horsepower'] },
  {
    unit: '°C',
    dimension: 'temperature',
    toBase: 1,
    spellings: ['°c', 'degc', 'celsius', 'centigrade', 'deg c'],
    bare: ['celsius', 'centigrade'],
  },
  {
    unit: '°F',
    dimension: 'temperature',
    toBase: 5 / 9,
    offset: -160 / 9,
    spellings: ['°f', 'degf', 'fahrenheit', 'deg f', 'f'],
    bare: ['°f', 'degf', 'fahrenheit'],
  },
  { unit: 'K', dimension: 'temperature', toBase: 1, offset: -273.15, spellings: ['k', 'kelvin'], bare: ['kelvin'] },
  { unit: 'kg', dimension: 'mass', toBase: 1, spellings: ['kg', 'kilograms', 'kilos'], bare: ['kilograms', 'kilos'] },
  { unit: 't', dimension: 'mass', toBase: 1000, spellings: ['t', 'tonnes', 'tons', 'tonne'], bare: ['tonnes'] },
  { unit: 'kg/h', dimension: 'mass flow', toBase: 1, spellings: ['kg/h', 'kg/hr'] },
  { unit: 'kg/d', dimension: 'mass flow', toBase: 1 / 24, spellings: ['kg/d', 'kg/day'], bare: ['kg/d', 'kg/day'] },
  { unit: 'A', dimension: 'current', toBase: 1, spellings: ['a', 'amps', 'amperes'] },
  { unit: 'mA', dimension: 'current', toBase: 0.001, spellings: ['ma', 'milliamps'], bare: ['milliamps'] },
  { unit: 'mg/L', dimension: 'concentration', toBase: 1, spellings: ['mg/l', 'ppm'], bare: ['ppm'] },
  { unit: 'NTU', dimension: 'turbidity', toBase: 1, spellings: ['ntu'] },
  // Filtered and final water are read in thousandths of an NTU: "> 200 mNTU" is 0.2 NTU, never 200 NTU.
  { unit: 'mNTU', dimension: 'turbidity', toBase: 0.001, spellings: ['mntu', 'milli-ntu', 'milli ntu'], bare: ['mntu'] },
  { unit: 'mm/s', dimension: 'velocity', toBase: 1, spellings: ['mm/s', 'mm/sec', 'millimetres per second', 'millimeters per second'] },
  {
    unit: 'in/s',
    dimension: 'velocity',
    toBase: 25.4,
    spellings: ['in/s', 'in/sec', 'ips', 'inches per second'],
    bare: ['ips', 'inches per second'],
  },
  { unit: 'µg/L', dimension: 'concentration', toBase: 0.001, spellings: ['µg/l', 'ug/l', 'ppb'], bare: ['ug/l', 'ppb'] },
];

const BY_SPELLING: ReadonlyMap<string, UnitDef> = new Map(
  UNIT_TABLE.flatMap((u) => [u.unit.toLowerCase(), ...u.spellings].map((s) => [s, u] as const)),
);

/** The unit of a spelling (a catalog unit such as "m3/h", or as typed: "litres", "psi"); undefined when not in the table. */
export function unitOf(spelling: string | undefined): UnitDef | undefined {
  if (!spelling) return undefined;
  const key = spelling.trim().toLowerCase().replace(/³/g, '3').replace(/\s+/g, ' ');
  return BY_SPELLING.get(key) ?? BY_SPELLING.get(key.replace(/\s+/g, ''));
}

/** Every spelling of the table, longest first (for reading them out of a question). */
export const SPELLINGS: readonly string[] = [...BY_SPELLING.keys()].sort((a, b) => b.length - a.length);

/** Spellings read without "in" before them. */
export const BARE_SPELLINGS: ReadonlySet<string> = new Set(UNIT_TABLE.flatMap((u) => u.bare ?? []));

/** A linear map value -> value x factor + offset from one unit to another of the same dimension. */
export interface UnitConversion {
  from: string;
  to: string;
  factor: number;
  offset: number;
}

/** The conversion from `from` to `to`; undefined across dimensions. */
export function conversionBetween(from: UnitDef, to: UnitDef): UnitConversion | undefined {
  if (from.dimension !== to.dimension) return undefined;
  const factor = from.toBase / to.toBase;
  const offset = ((from.offset ?? 0) - (to.offset ?? 0)) / to.toBase;
  return { from: from.unit, to: to.unit, factor, offset };
}

const round = (n: number): number => Number(n.toPrecision(7));

/** "1 m3/h = 0.277778 L/s", "°F = °C x 1.8 + 32": the conversion as a person checks it. */
export function describeConversion(c: UnitConversion): string {
  if (c.offset === 0) return `1 ${c.from} = ${round(c.factor)} ${c.to}`;
  return `${c.to} = ${c.from} x ${round(c.factor)} ${c.offset < 0 ? '-' : '+'} ${round(Math.abs(c.offset))}`;
}
