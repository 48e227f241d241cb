// Findings of the u20 writers (German time forms and words, follow-ups that name only a period or a statistic, "which
// ran longer, p1 or p2", the day the clocks changed), read by general rules: the time zone, the thesaurus, the history.
import { describe, expect, it } from 'vitest';
import { clockChangeRule } from '../../../agent/planner/clock-change-rule.ts';
import { readChatConnectives } from '../../../agent/planner/chat-connectives.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();
const turn = (question: string) => ({ question, sql: null, source: null, answer: '' });

describe('clockChangeRule: the day the clocks changed, from the time zone', () => {
  const at = (now: string, timezone: string) => ({ now: new Date(now), timezone, shifts: [] });

  it('finds the newest 25-hour day for "went back" and the newest 23-hour day for "went forward" in Europe/Berlin', () => {
    const back = clockChangeRule('on the day the clocks went back', at('2026-10-28T09:00:00Z', 'Europe/Berlin'));
    expect(back).toMatchObject({ from: new Date('2026-10-24T22:00:00Z'), to: new Date('2026-10-25T23:00:00Z') });
    const forward = clockChangeRule('the day the clocks went forward', at('2026-10-28T09:00:00Z', 'Europe/Berlin'));
    expect(forward).toMatchObject({ from: new Date('2026-03-28T23:00:00Z'), to: new Date('2026-03-29T22:00:00Z') });
  });

  it('follows the zone: America/New_York changed back on 1 November 2026; UTC never changes', () => {
    const ny = clockChangeRule('dst day', at('2026-11-05T12:00:00Z', 'America/New_York'));
    expect(ny).toMatchObject({ from: new Date('2026-11-01T04:00:00Z'), to: new Date('2026-11-02T05:00:00Z') });
    expect(clockChangeRule('the day the clocks went back', at('2026-11-05T12:00:00Z', 'UTC'))).toBeNull();
  });

  it('reads "the DST night" as the night the change fell in (22:00 to 06:00)', () => {
    const night = clockChangeRule('in the dst night', at('2026-10-28T09:00:00Z', 'Europe/Berlin'));
    expect(night).toMatchObject({ from: new Date('2026-10-24T20:00:00Z'), to: new Date('2026-10-25T05:00:00Z') });
  });
});

describe('"btw": by the way around the question, between inside it', () => {
  it('drops an opening or closing "btw" and keeps "btw 1 and 4"', () => {
    expect(readChatConnectives(' btw what was t1 level yday ').trim()).toBe('what was t1 level yday');
    expect(readChatConnectives(' t1 level yday btw ').trim()).toBe('t1 level yday');
    expect(readChatConnectives(' t1 lvl min btw 1 and 4 am ')).toContain('btw 1 and 4');
  });
});

describe('German time forms and words', () => {
  it('"zw. 2 und 4 heute früh" is 02:00 to 04:00 this morning', () => {
    const result = plan('max zulauf DMA05 zw. 2 und 4 heute früh', '2026-10-27T08:00:00Z');
    expect(result.kind === 'plan' && result.window).toMatchObject({ from: '2026-10-27T01:00:00.000Z', to: '2026-10-27T03:00:00.000Z' });
  });

  it('"from 26.10. 06:00 to 28.10. 18:00" reads both dotted days with their clocks', () => {
    const result = plan('run hrs bps03 p2 from 26.10. 06:00 to 28.10. 18:00', '2026-10-30T08:00:00Z');
    expect(result.kind === 'plan' && result.window).toMatchObject({ from: '2026-10-26T05:00:00.000Z', to: '2026-10-28T17:00:00.000Z' });
  });

  it('"1.-7. okt" is a run of days, not filter flows 1 to 7', () => {
    const result = plan('corr T1 lvl vs hl outlet flow 1.-7. okt', '2026-10-09T09:00:00Z');
    expect(result.kind === 'plan' && result.window).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-07T22:00:00.000Z' });
  });

  it('Rohwasser, Saugdruck and Nachtverbrauch name raw water, suction pressure and the night flow', () => {
    const raw = plan('m³ rohwasser intake lst 24h?', '2026-09-03T04:00:00Z');
    expect(raw.kind === 'plan' && raw.tags.map((t) => t.name)).toEqual(['WTP01/Intake/RawFlow']);
    const suction = plan('BPS01 saugdruck avg heute bis jetzt', '2026-10-22T12:30:00Z');
    expect(suction.kind === 'plan' && suction.window).toMatchObject({ from: '2026-10-21T22:00:00.000Z', to: '2026-10-22T12:30:00.000Z' });
    const night = plan('nachtverbrauch dma04 heut nacht', '2026-09-24T05:45:00Z');
    expect(night.kind === 'plan' && night.operation).toMatchObject({ kind: 'night-flow' });
  });
});

describe('follow-ups naming only a period or a statistic', () => {
  it('"and the min?" keeps the window and swaps the statistic', () => {
    const result = plan('and the min?', '2026-10-27T09:00:00Z', [turn('max discharge pressure bps03 yday')]);
    expect(result.kind === 'plan' && result.window).toMatchObject({ from: '2026-10-25T23:00:00.000Z', to: '2026-10-26T23:00:00.000Z' });
    expect(result.kind === 'plan' && result.operation).toMatchObject({ fns: ['min'] });
  });

  it('"same for last week" asks the earlier question over last week', () => {
    const result = plan('same for last week', '2026-10-22T07:00:00Z', [turn('BPS03 energy use yesterday in kWh')]);
    expect(result.kind === 'plan' && result.window).toMatchObject({ from: '2026-10-11T22:00:00.000Z', to: '2026-10-18T22:00:00.000Z' });
  });
});

describe('"which pump ran longer, p1 or p2"', () => {
  it('ranks the run-hours of both members written out', () => {
    const result = plan('which pump ran longer yday at kirchberg, p1 or p2?', '2026-08-28T06:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'run-hours', rankBy: 'run_hours', limit: 2 });
  });
});
