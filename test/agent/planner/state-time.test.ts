import { describe, expect, it } from 'vitest';
import { readStateReport, unrecordedStateWord } from '../../../agent/planner/state-time.ts';

describe('readStateReport', () => {
  it.each([
    ['availability of p02 at bps03 last month', 'availability', 'availability'],
    ['% uptime bps01 pmp1 last wk', 'availability', '% uptime'],
    ['percent of time running p1 yesterday', 'availability', 'percent of time running'],
    ['downtime all bps02 pumps last 24h', 'downtime', 'downtime'],
    ['hours bps01 p2 offline on 3rd oct', 'downtime', 'offline'],
    ['how long were the hl pumps down yesterday', 'downtime', 'down'],
  ])('%s -> %s', (text, report, word) => {
    const read = readStateReport(text);
    expect(read?.report).toBe(report);
    expect(read?.word).toBe(word);
    expect(read?.text).not.toContain(word);
  });

  it.each([
    'data availability t1 level last 24h',
    'how many times was bps02 offline in august',
    'when was p1 down',
    'is t1 level up or down',
  ])('reads no state time in %s', (text) => expect(readStateReport(text)).toBeNull());
});

describe('unrecordedStateWord', () => {
  it('names a state no running status records, when a time in it is asked', () => {
    expect(unrecordedStateWord('how long was bps02 p1 tripped last month', null)).toBe('tripped');
    expect(unrecordedStateWord('MTBF of P2', null)).toBe('mtbf');
    expect(unrecordedStateWord('availability p2 excl standby', 'availability')).toBe('standby');
  });
  it('leaves the moment of a trip to the crossing shapes', () => {
    expect(unrecordedStateWord('when did P2 @ PS3 trip on the 29th', null)).toBeNull();
    expect(unrecordedStateWord('p2 ps3 trip time 29th', null)).toBeNull();
  });
});
