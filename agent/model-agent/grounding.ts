// The grounding check of a model answer: every number (with its unit) and every time in the text must appear in, or
// round from, a tool result of the same request (or the question itself); a unit must be one the results name.
import type { Grounding } from '../answer.ts';
import { extractClaims, type NumberToken, type TimeToken } from './claims.ts';

/** What the request's tool results, question and conversation contain, as the check compares it. */
export interface Evidence {
  numbers: number[];
  /** "YYYY-MM-DD HH:MM" wall clocks of every instant, in plant time and in UTC (minute floored and rounded). */
  walls: Set<string>;
  dates: Set<string>;
  clocks: Set<string>;
  years: Set<number>;
  /** Normalised units named in tool results ("bar", "m3/h"). */
  units: Set<string>;
  /** True when at least one query returned data (rows, even zero of them) for this request. */
  hasData: boolean;
  /** Plant time zone: answers state times in it (or in UTC). */
  timezone: string;
}

export interface EvidenceInput {
  /** Texts of the tool results the model read. */
  toolTexts: readonly string[];
  /** The question, earlier turns and the current-time line. */
  conversation: readonly string[];
  /** The model's own tool arguments: the windows it asked for count as times, their numbers do not. */
  toolArgs: readonly string[];
  /** Whether a query returned data. */
  hasData: boolean;
  /** Plant time zone: the answer states times in it. */
  timezone: string;
  /** Every unit of the visible catalog: a number followed by one of these makes a unit claim. */
  catalogUnits: readonly string[];
}

/** Lower-case, superscripts and carets folded: "m³/h", "m^3/h" and "M3/H" are one unit. */
export function normalizeUnit(unit: string): string {
  return unit.toLowerCase().replace(/³/g, '3').replace(/²/g, '2').replace(/\^/g, '').replace(/\s+/g, '');
}

const GENERIC_UNITS = new Set(
  'h hr hrs hour hours min mins minute minutes s sec secs second seconds ms day days week weeks % percent ‰'.split(' '),
);

function wallParts(instant: Date, timezone: string): { date: string; clock: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, clock: `${get('hour')}:${get('minute')}` };
}

/** The instant of a date-time written with an offset ("Z", "UTC", "+01", "+0100", "+01:00"), else null. */
function instantOf(token: TimeToken): Date | null {
  const date = token.dates[0];
  if (!date || !token.clock || !token.offset) return null;
  const digits = token.offset.replace(':', '');
  const offset = token.offset === 'Z' || token.offset === 'UTC' ? 'Z' : `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  const parsed = new Date(`${date}T${token.clock}:00${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : new Date(parsed.getTime() + token.seconds * 1000);
}

/** Walls of an instant in the plant zone and UTC, with the minute floored and rounded (07:29:31 is 07:29 and 07:30). */
function addInstant(evidence: Evidence, instant: Date, timezone: string): void {
  const floored = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
  const rounded = new Date(Math.round(instant.getTime() / 60_000) * 60_000);
  for (const at of [floored, rounded])
    for (const zone of [timezone, 'UTC']) {
      const { date, clock } = wallParts(at, zone);
      evidence.walls.add(`${date} ${clock}`);
      evidence.dates.add(date);
      evidence.clocks.add(clock);
      evidence.years.add(Number(date.slice(0, 4)));
    }
}

function addTimes(evidence: Evidence, tokens: readonly TimeToken[], timezone: string): void {
  for (const token of tokens) {
    const instant = instantOf(token);
    if (instant) {
      addInstant(evidence, instant, timezone);
      continue;
    }
    for (const date of token.dates) {
      evidence.dates.add(date);
      evidence.years.add(Number(date.slice(0, 4)));
      if (token.clock) evidence.walls.add(`${date} ${token.clock}`);
    }
    if (token.clock) evidence.clocks.add(token.clock);
    if (token.year) evidence.years.add(token.year);
  }
}

/** A cell of a JSON row line: numbers are values, ISO strings are instants, numeric strings (DECIMAL, BIGINT) are values. */
function addCell(evidence: Evidence, cell: unknown, timezone: string): void {
  if (typeof cell === 'number') evidence.numbers.push(cell);
  else if (typeof cell === 'string') {
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell)) evidence.numbers.push(Number(cell));
    else addProse(evidence, cell, timezone);
  } else if (typeof cell === 'boolean') evidence.numbers.push(cell ? 1 : 0);
}

function addProse(evidence: Evidence, text: string, timezone: string): void {
  const claims = extractClaims(text);
  for (const n of claims.numbers) evidence.numbers.push(...n.values);
  addTimes(evidence, claims.times, timezone);
}

/** Collects the evidence of one request. JSON-array lines (query rows) are read cell by cell, other lines as prose. */
export function collectEvidence(input: EvidenceInput): Evidence {
  const evidence: Evidence = {
    numbers: [],
    walls: new Set(),
    dates: new Set(),
    clocks: new Set(),
    years: new Set(),
    units: new Set(),
    hasData: input.hasData,
    timezone: input.timezone,
  };
  const units = [...new Set(input.catalogUnits.map(normalizeUnit))].filter(Boolean);
  for (const text of input.toolTexts) {
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      let cells: unknown = undefined;
      if (trimmed.startsWith('[')) {
        try {
          cells = JSON.parse(trimmed);
        } catch {
          cells = undefined;
        }
      }
      if (Array.isArray(cells)) for (const cell of cells) addCell(evidence, cell, input.timezone);
      else addProse(evidence, line, input.timezone);
    }
    const words = new Set(
      text
        .replace(/[“”"'(),;:[\]<>=]/g, ' ')
        .split(/\s+/)
        .map((w) => normalizeUnit(w.replace(/\.$/, ''))),
    );
    for (const unit of units) if (words.has(unit)) evidence.units.add(unit);
  }
  for (const text of input.conversation) addProse(evidence, text, input.timezone);
  for (const text of input.toolArgs) addTimes(evidence, extractClaims(text).times, input.timezone);
  return evidence;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function roundSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(Math.min(21, Math.max(1, digits))));
}

/** Whether `stated` (as written, with its decimals and significant digits) is `value` or rounds from it (within 5 %). */
export function roundsFrom(stated: number, token: Pick<NumberToken, 'decimals' | 'significant'>, value: number): boolean {
  const x = Math.abs(stated);
  const v = Math.abs(value);
  if (x === v) return true;
  if (x === 0) return roundTo(v, Math.max(token.decimals, 1)) === 0;
  if (Math.abs(v - x) / x > 0.05) return false;
  return Math.abs(roundTo(v, token.decimals) - x) < 1e-9 * x || Math.abs(roundSignificant(v, token.significant) - x) < 1e-9 * x;
}

function numberTraced(token: NumberToken, evidence: Evidence): boolean {
  const percent = token.unit === '%' || token.unit === 'percent';
  return token.values.some((x) => evidence.numbers.some((v) => roundsFrom(x, token, v) || (percent && roundsFrom(x, token, v * 100))));
}

function timeTraced(token: TimeToken, evidence: Evidence): boolean {
  if (token.year !== undefined) return evidence.years.has(token.year);
  const instant = instantOf(token);
  if (instant) {
    return [evidence.timezone, 'UTC'].some((zone) => {
      const { date, clock } = wallParts(instant, zone);
      return evidence.walls.has(`${date} ${clock}`);
    });
  }
  if (token.dates.length > 0 && token.clock) return token.dates.some((d) => evidence.walls.has(`${d} ${token.clock}`));
  if (token.dates.length > 0) return token.dates.some((d) => evidence.dates.has(d));
  return token.clock !== undefined && evidence.clocks.has(token.clock);
}

/** Checks a model answer against the evidence of its request. */
export function checkGrounding(text: string, evidence: Evidence, catalogUnits: readonly string[]): Grounding {
  const catalog = new Set(catalogUnits.map(normalizeUnit));
  const claims = extractClaims(text);
  const traced: string[] = [];
  const untraced: string[] = [];
  for (const token of claims.numbers) {
    if (token.reference) continue;
    const unit = token.unit ? normalizeUnit(token.unit) : undefined;
    const isCatalogUnit = unit !== undefined && catalog.has(unit);
    const label = token.unit && (isCatalogUnit || GENERIC_UNITS.has(token.unit)) ? `${token.text} ${token.unit}` : token.text;
    if (!numberTraced(token, evidence)) untraced.push(label);
    else if (isCatalogUnit && !evidence.units.has(unit)) untraced.push(`${label} (no query result names the unit ${token.unit})`);
    else traced.push(label);
  }
  for (const token of claims.times) (timeTraced(token, evidence) ? traced : untraced).push(token.text);
  const total = traced.length + untraced.length;
  if (!evidence.hasData) {
    return {
      status: 'no-data',
      traced,
      untraced,
      summary: `not based on data: no query returned data for this answer${untraced.length > 0 ? `; it states ${untraced.join(', ')}` : ''}`,
    };
  }
  if (untraced.length > 0) {
    return {
      status: 'ungrounded',
      traced,
      untraced,
      summary: `not traced to any query result of this question: ${untraced.join(', ')} (${traced.length} of ${total} traced)`,
    };
  }
  return {
    status: 'grounded',
    traced,
    untraced,
    summary: total === 0 ? 'no numbers or times to trace' : `all ${total} numbers and times traced to query results of this question`,
  };
}
