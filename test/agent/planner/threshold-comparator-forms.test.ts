// How a limit is read when it is said in other words: the limit included ("at least", "not above", "≥", "51 A+"),
// figures of speech ("north of", "beyond"), "sub-3.8 m", spoken numbers, a side alone ("above hi"), and yes-or-no
// questions held over the window ("did it stay below", "was it always above", "never went over").
import { describe, expect, it } from 'vitest';
import { readThreshold } from '../../../agent/planner/threshold-expression.ts';
import { readLimitWords } from '../../../agent/planner/limit-words.ts';
import { writeSpokenNumbers } from '../../../agent/planner/spoken-numbers.ts';
import { thresholdCondition } from '../../../agent/planner/threshold-sql.ts';

const cue = (text: string) => readThreshold(text)?.cue;

describe('a limit said with the limit itself included', () => {
  it('reads "at least", "no less than", "not below" as at or above', () => {
    for (const text of [
      't2 level at least 3.8 m yday',
      't2 level no less than 3.8 m',
      't2 level not below 3.8 m',
      't2 greater than or equal to 3.8 m',
    ])
      expect(cue(text)).toEqual({ comparator: 'above', value: 3.8, unit: 'm', inclusive: true });
  });

  it('reads "at most", "no higher than", "not above" as at or below, never as above', () => {
    for (const text of [
      't2 level at most 3.8 m',
      'cp press no higher than 3 bar',
      't2 level not above 3.8 m',
      't2 less than or equal to 3.8 m',
    ])
      expect(cue(text)).toMatchObject({ comparator: 'below', inclusive: true });
  });

  it('reads the side written after the number: "51 a+", "85 a and up", "3.8 m or less"', () => {
    expect(cue('bps2 p2 amps 51 a+ yday')).toEqual({ comparator: 'above', value: 51, unit: 'a', inclusive: true });
    expect(cue('ps1 p1 amps 85 a and up')).toEqual({ comparator: 'above', value: 85, unit: 'a', inclusive: true });
    expect(cue('t2 level 3.8 m or less yday')).toEqual({ comparator: 'below', value: 3.8, unit: 'm', inclusive: true });
  });

  it('does not read a count with its side after it as a limit', () => {
    expect(cue('2 or more pumps running')).toBeUndefined();
    expect(cue('3 or more times last week')).toBeUndefined();
  });

  it('compiles the limit included as >= and <=', () => {
    expect(thresholdCondition({ comparator: 'above', value: 6, inclusive: true })).toBe('v >= 6');
    expect(thresholdCondition({ comparator: 'below', value: 3.8 })).toBe('v < 3.8');
  });
});

describe('other words for a side', () => {
  it('reads figures of speech and "sub-" on their side', () => {
    expect(cue('tank t1 north of 5 m')).toEqual({ comparator: 'above', value: 5, unit: 'm' });
    expect(cue('prv outlet pressure beyond 3.6 bar')).toEqual({ comparator: 'above', value: 3.6, unit: 'bar' });
    expect(cue('t2 hours sub-3.8 m yday')).toEqual({ comparator: 'below', value: 3.8, unit: 'm' });
    expect(cue('ps3 suction below -0,1 bar')).toEqual({ comparator: 'below', value: -0.1, unit: 'bar' });
  });

  it('reads a side alone as the alarm limit where the phrase ends', () => {
    expect(readLimitWords('hours clearwell below lo    ')?.cue).toMatchObject({ side: 'low', comparator: 'below' });
    expect(readLimitWords('vibration over the hi    , how long')?.cue).toMatchObject({ side: 'high', comparator: 'above' });
    expect(readLimitWords('t2 above high lift pressure')).toBeNull();
  });
});

describe('yes-or-no questions held over the window', () => {
  it('answers "did it stay below" and "was it always above" by the stretches on the other side, limit included', () => {
    expect(cue('did t3 stay below 4.1 m all this month')).toEqual({ comparator: 'above', value: 4.1, unit: 'm', inclusive: true });
    expect(cue('was t2 level always above 3.8 m yesterday')).toEqual({ comparator: 'below', value: 3.8, unit: 'm', inclusive: true });
  });

  it('answers "never below" and "didn\'t go over" by the stretches on that side', () => {
    expect(cue('t2 level never below 3.8 m yesterday')).toEqual({ comparator: 'below', value: 3.8, unit: 'm' });
    expect(cue("t2 level didn't go over 3.8 m yesterday")).toEqual({ comparator: 'above', value: 3.8, unit: 'm' });
  });

  it('keeps "how long did it stay below" a time below', () => {
    expect(cue('how long did t2 stay below 3 m')).toEqual({ comparator: 'below', value: 3, unit: 'm' });
  });
});

describe('writeSpokenNumbers', () => {
  it('writes numbers in words before a unit as figures', () => {
    expect(writeSpokenNumbers(' t3 under three and a half metres yday ', ['metres'])).toBe(' t3 under 3.5 metres yday ');
    expect(writeSpokenNumbers(' over six bar ', [])).toBe(' over 6 bar ');
    expect(writeSpokenNumbers(' under 3 and a half m ', [])).toBe(' under 3.5 m ');
  });

  it('leaves words that are no measurement alone', () => {
    expect(writeSpokenNumbers(' which one was higher ', [])).toBe(' which one was higher ');
    expect(writeSpokenNumbers(' pump one a current ', [])).toBe(' pump one a current ');
  });
});
