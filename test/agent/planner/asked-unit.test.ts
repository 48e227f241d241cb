// Results asked in a unit, a change since a point and two named periods, as the planner reads them (reference catalog).
import { describe, expect, it } from 'vitest';
import { readAskedUnit } from '../../../agent/planner/asked-unit.ts';
import { conversionBetween, describeConversion, unitOf } from '../../../agent/planner/unit-table.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();

describe('the unit table', () => {
  it.each([
    ['m3/h', 'l/s', 1 / 3.6, 0, '1 m3/h = 0.2777778 L/s'],
    ['m3/h', 'ml/d', 0.024, 0, '1 m3/h = 0.024 ML/d'],
    ['bar', 'psi', 14.503773773, 0, '1 bar = 14.50377 psi'],
    ['bar', 'kpa', 100, 0, '1 bar = 100 kPa'],
    ['kWh', 'mwh', 0.001, 0, '1 kWh = 0.001 MWh'],
    ['°C', 'fahrenheit', 1.8, 32, '°F = °C x 1.8 + 32'],
  ])('%s in %s: x %d + %d (%s)', (from, to, factor, offset, text) => {
    const c = conversionBetween(unitOf(from)!, unitOf(to)!);
    expect(c?.factor).toBeCloseTo(factor, 8);
    expect(c?.offset).toBeCloseTo(offset, 8);
    expect(describeConversion(c!)).toBe(text);
  });

  it('never converts across dimensions', () => {
    expect(conversionBetween(unitOf('m')!, unitOf('bar')!)).toBeUndefined();
    expect(conversionBetween(unitOf('m3/h')!, unitOf('kwh')!)).toBeUndefined();
  });
});

describe('reading the unit a result is asked in', () => {
  const units = new Set(['kw', 'm3', 'bar', 'm3/h']);
  it.each([
    ['avg dma1 inflow yday in l/s', 'L/s'],
    ['bps01 pressure max yesterday psi', 'psi'],
    ['how much litres of hypo yesterday', 'L'],
    ['how much m3 of hypo yesterday', 'm3'],
    ['t2 level now in cm', 'cm'],
  ])('"%s" asks in %s', (text, unit) => {
    expect(readAskedUnit(text, units).asked?.def.unit).toBe(unit);
  });

  it.each(['hours bps01 pressure above 5 bar yesterday', 'bps01 kw yesterday', 'avg level in a day', 'flow in t1 yesterday'])(
    '"%s" asks in no unit',
    (text) => {
      expect(readAskedUnit(text, units).asked).toBeUndefined();
    },
  );
});

describe('plans in the asked unit', () => {
  it('"whats the dma01 inflow now in litres per second": the newest value converted, the conversion stated', () => {
    const p = planned('whats the dma01 inflow now in litres per second');
    expect(p.operation.kind).toBe('latest');
    expect(p.tags.map((t) => [t.name, t.unit])).toEqual([['DMA01/Inlet/Flow', 'L/s']]);
    expect(p.scale?.text).toBe('1 m3/h = 0.2777778 L/s');
  });

  it('"avg bps03 suction pressure yesterday in kPa" reads the pressure x 100', () => {
    const p = planned('avg bps03 suction pressure yesterday in kPa');
    expect(p.tags[0]?.name).toBe('BPS03/Header/SuctionPressure');
    expect(p.scale).toMatchObject({ from: 'bar', to: 'kPa', factor: 100, offset: 0 });
  });

  it('"hypochlorite dosed last week in litres": of the hypo tags, the dosing rate, integrated', () => {
    const p = planned('hypochlorite dosed last week in litres');
    expect(p.tags.map((t) => t.name)).toEqual(['WTP01/CL01/DosingRate']);
    expect(p.operation).toEqual({ kind: 'aggregate', fns: ['integral'] });
  });

  it('"how many megalitres went into DMA05 yesterday": the flow integrated to ML', () => {
    const p = planned('how many megalitres went into DMA05 yesterday');
    expect(p.tags[0]?.unit).toMatch(/^ML(\/d)?$/);
  });

  it('"energy used by bps01 pump 2 yesterday in MWh": the pump has no energy meter; its power, integrated', () => {
    const p = planned('energy used by bps01 pump 2 yesterday in MWh');
    expect(p.tags.map((t) => [t.name, t.unit])).toEqual([['BPS01/P02/Power', 'MW']]);
    expect(p.operation).toEqual({ kind: 'aggregate', fns: ['integral'] });
  });

  it.each([
    ['T3 level yesterday in psi', '"psi"'],
    ['dma5 flow yesterday in kwh', '"kwh"'],
  ])('"%s" is declined: a unit of another dimension', (question, quoted) => {
    const result = plan(question);
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toContain(quoted);
  });
});

describe('a change since a point, two periods compared', () => {
  it('"has T3 level gone up since yesterday": the value then, the value now and the change', () => {
    const p = planned('has T3 level gone up since yesterday');
    expect(p.operation).toEqual({ kind: 'aggregate', fns: ['first', 'last', 'delta'] });
    expect(p.window.from).toBe('2026-10-13T22:00:00.000Z');
  });

  it('"compare august and september average T2 level": September against August', () => {
    const p = planned('compare august and september average T2 level', '2026-10-15T08:30:00Z');
    expect(p.operation).toMatchObject({ kind: 'change', fn: 'avg', previous: { from: '2026-07-31T22:00:00.000Z' } });
    expect(p.window.from).toBe('2026-08-31T22:00:00.000Z');
  });
});
