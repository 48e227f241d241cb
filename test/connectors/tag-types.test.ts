// Tag types from recent values: status codes, counters with rare resets, analog otherwise; name, description and unit as cues.
import { describe, expect, it } from 'vitest';
import { inferTagType, matchesTagPattern, windowHoursFor, type TagValueStats } from '../../connectors/tag-types.ts';

const stats = (over: Partial<TagValueStats>): TagValueStats => ({
  samples: 336,
  distinct: 200,
  integral: false,
  min: 0,
  max: 10,
  steps: 335,
  increases: 160,
  decreases: 170,
  resets: 0,
  repeats: 5,
  ...over,
});

describe('inferTagType', () => {
  it.each([
    ['on/off values without a unit', stats({ distinct: 2, integral: true, min: 0, max: 1 }), { name: 'P1_RUN' }, 'status'],
    ['three valve states', stats({ distinct: 3, integral: true, min: 0, max: 2 }), { name: 'V7_POS', description: 'Valve 7' }, 'status'],
    [
      'constant 0 that says status',
      stats({ distinct: 1, integral: true, min: 0, max: 0 }),
      { name: 'P9', description: 'pump 9 status' },
      'status',
    ],
    ['constant 0 that says nothing', stats({ distinct: 1, integral: true, min: 0, max: 0 }), { name: 'FLOW_9', unit: 'l/s' }, 'analog'],
    ['whole numbers in bar', stats({ distinct: 3, integral: true, min: 1, max: 3 }), { name: 'PT_4', unit: 'bar' }, 'analog'],
    ['a counter with one reset', stats({ increases: 330, decreases: 1, resets: 1 }), { name: 'FQ_1', unit: 'm³' }, 'counter'],
    ['a counter stored by exception', stats({ increases: 335, decreases: 0 }), { name: 'E_MAIN', unit: 'kWh' }, 'counter'],
    ['a total that rarely moves', stats({ increases: 20, decreases: 0 }), { name: 'V_TOT', description: 'volume total' }, 'counter'],
    ['a level that rises and falls', stats({}), { name: 'L_T1', unit: 'm' }, 'analog'],
    ['a counter that also falls a little', stats({ increases: 300, decreases: 3, resets: 0 }), { name: 'FQ_2', unit: 'm³' }, 'analog'],
    ['too many resets for a counter', stats({ increases: 200, decreases: 100, resets: 100 }), { name: 'SAW', unit: 'm' }, 'analog'],
    ['no samples, says running', undefined, { name: 'P2_RUNNING' }, 'status'],
    ['no samples at all', undefined, { name: 'T_3', unit: '°C' }, 'analog'],
  ])('%s', (_label, input, tag, expected) => {
    expect(inferTagType(input, tag).type).toBe(expected);
  });

  it('says why', () => {
    expect(inferTagType(stats({ distinct: 2, integral: true, min: 0, max: 1 }), { name: 'P1_RUN' }).reason).toBe(
      '2 values (0..1) in 336 samples',
    );
    expect(inferTagType(stats({ increases: 330, decreases: 1, resets: 1 }), { name: 'FQ_1' }).reason).toBe(
      'rose in 330 of 335 steps, never fell, 1 reset',
    );
  });
});

describe('the bounded sample', () => {
  it('reads two weeks of a small historian and one day of a huge one', () => {
    expect(windowHoursFor(24 * 40)).toBe(14 * 24);
    expect(windowHoursFor(500_000)).toBe(48);
    expect(windowHoursFor(50_000_000)).toBe(24);
  });
});

describe('type patterns', () => {
  it('match whole names with * for any characters, case-insensitively', () => {
    expect(matchesTagPattern('P*_RUN', 'p12_run')).toBe(true);
    expect(matchesTagPattern('P*_RUN', 'P12_RUNNING')).toBe(false);
    expect(matchesTagPattern('FQ.1', 'FQx1')).toBe(false);
  });
});
