// How a threshold is read out of a question: comparator, number (decimal comma, negative, thousands), the unit written
// after it in any spelling of the unit table, a status value, and the comparisons that give no number.
import { describe, expect, it } from 'vitest';
import { parseNumber, readThreshold, vagueComparison } from '../../../agent/planner/threshold-expression.ts';
import { limitInTagUnit, tagsForLimit } from '../../../agent/planner/limit-units.ts';

const cue = (text: string) => readThreshold(text)?.cue;

describe('readThreshold', () => {
  it('reads the unit written after the number, glued or spaced, in any spelling', () => {
    expect(cue('dma2 cp press under 30 psi on 3 oct')).toEqual({ comparator: 'below', value: 30, unit: 'psi' });
    expect(cue('t1 lvl over 16ft yday')).toEqual({ comparator: 'above', value: 16, unit: 'ft' });
    expect(cue('raw temp > 64°f hrs')).toEqual({ comparator: 'above', value: 64, unit: '°f' });
    expect(cue('cl2 undr 300 ug/l')).toEqual({ comparator: 'below', value: 300, unit: 'ug/l' });
    expect(cue('ps2 p1 amps >95a when')).toEqual({ comparator: 'above', value: 95, unit: 'a' });
    expect(cue('current over 95 amps')).toEqual({ comparator: 'above', value: 95, unit: 'a' });
  });

  it('reads decimal commas, negative numbers and thousands', () => {
    expect(cue('t1 outlet cl2 below 0,3 on the 8th')).toEqual({ comparator: 'below', value: 0.3 });
    expect(cue('ps3 suction below -0,1 bar')).toEqual({ comparator: 'below', value: -0.1, unit: 'bar' });
    expect(cue('raw flow above 1,400 m3/h')).toEqual({ comparator: 'above', value: 1400, unit: 'm3/h' });
    expect(parseNumber('minus 2')).toBe(-2);
  });

  it('reads a pump\'s longest run as its running state, and leaves "ran longest" to the run-hours', () => {
    const run = { comparator: 'above', value: 0.5, status: true };
    expect(cue('how long did bps01 p1 run in its longest run last wk')).toEqual(run);
    expect(cue('what was the longest continuous run of pump p1 at bps01 last week')).toEqual(run);
    expect(cue('bps1 p1 longest running spell l/wk')).toEqual(run);
    expect(cue('which pump ran longest last wk')).toBeUndefined();
    expect(cue('t2 lvl under 3m longest run l/wk')).toEqual({ comparator: 'below', value: 3, unit: 'm' });
  });

  it('reads chat spellings of the comparator', () => {
    expect(cue('ovr 4.5 m t2 lvl')?.comparator).toBe('above');
    expect(cue('dipped below 2.5 bar')?.comparator).toBe('below');
    expect(cue('went over 20 ntu')).toEqual({ comparator: 'above', value: 20, unit: 'ntu' });
  });

  it('reads the verbs that cross a limit by themselves, on the side they name', () => {
    expect(cue('ps3 disch press topped 5 bar when')).toEqual({ comparator: 'above', value: 5, unit: 'bar' });
    expect(cue('bps3 pres broke 5 bar 2day')).toEqual({ comparator: 'above', value: 5, unit: 'bar' });
    expect(cue('t2 lvl 1st breached 4 m')).toEqual({ comparator: 'above', value: 4, unit: 'm' });
    expect(cue('level climbed past 5.2 m')).toEqual({ comparator: 'above', value: 5.2, unit: 'm' });
    expect(cue('t1 lt went sub 3.1 m')).toEqual({ comparator: 'below', value: 3.1, unit: 'm' });
    expect(cue('t1 lvl slipped under 3.1m')).toEqual({ comparator: 'below', value: 3.1, unit: 'm' });
  });

  it('does not read a ranking\'s "top 3" as a limit', () => {
    expect(cue('top 3 filters by max head loss last week')).toBeUndefined();
    expect(cue('tops 5 dmas by inflow')).toBeUndefined();
  });

  it('reads a status value as the state: 0 stopped, 1 running', () => {
    expect(cue('hrs ps2 p1 run status 0 on')).toEqual({ comparator: 'below', value: 0.5, status: true });
    expect(cue('how long was running = 1')).toEqual({ comparator: 'above', value: 0.5, status: true });
  });

  it('does not read a count or a duration as a limit', () => {
    expect(cue('more than 2 pumps running')).toBeUndefined();
    expect(cue('more than 3 times')).toBeUndefined();
    expect(cue('t2 lvl > 4.6 hrs l/wk')).toEqual({ comparator: 'above', value: 4.6 });
  });
});

describe('vagueComparison', () => {
  it('names comparisons that give no number', () => {
    expect(vagueComparison('cl2 at dma 1 above normal l/wk?')).toBe('above normal');
    expect(vagueComparison('t2 above its normal operating level')).toBe('above its normal operating level');
    expect(vagueComparison('ps3 p2 vib near hi lim this wk?')).toBe('near hi lim');
    expect(vagueComparison('close to the low alarm limit')).toBe('close to the low alarm limit');
  });

  it('leaves numbers and catalog limits alone', () => {
    expect(vagueComparison('above its high alarm limit')).toBeNull();
    expect(vagueComparison('over 4.5 m last week')).toBeNull();
  });
});

describe('a limit in another unit than the tag', () => {
  const bar = { info: { name: 'DMA02/CP01/Pressure', unit: 'bar' } };
  const metre = { info: { name: 'T1/Tank/Level', unit: 'm' } };

  it('is converted into the tag unit, and the conversion said', () => {
    const limit = limitInTagUnit(30, 'psi', bar);
    expect(limit?.value).toBeCloseTo(2.06843, 5);
    expect(limit?.note).toMatch(/30 psi = 2\.06843 bar/);
    expect(limitInTagUnit(16, 'ft', metre)?.value).toBeCloseTo(4.8768, 6);
    expect(limitInTagUnit(4.5, 'bar', bar)).toEqual({ value: 4.5 });
  });

  it('is declined across dimensions, naming the unit', () => {
    expect(limitInTagUnit(3, 'bar', metre)).toBeUndefined();
    expect(tagsForLimit('bar', [metre])).toMatchObject({ kind: 'decline', reason: expect.stringMatching(/"bar"/) });
    expect(tagsForLimit('%', [metre])).toMatchObject({ kind: 'decline' });
  });

  it('prefers the tags measured in the unit written', () => {
    const kpa = { info: { name: 'X/kPa', unit: 'kPa' } };
    expect(tagsForLimit('kpa', [bar, kpa])).toEqual([kpa]);
    expect(tagsForLimit('kpa', [bar, metre])).toEqual([bar]);
  });
});
