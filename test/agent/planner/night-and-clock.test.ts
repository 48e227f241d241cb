// Night hours and clock spans: "2-4am last night" is on the day the night ends, a clock span on a written date crosses
// midnight into the next day, "max night flow" is declined with what to ask instead, and an answer names its night.
import { describe, expect, it } from 'vitest';
import { nightOf } from '../../../agent/planner/night-words.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

const windowOf = (question: string, now: string): { from: string; to: string } | string => {
  const result = plan(question, now);
  return result.kind === 'plan' && result.window ? { from: result.window.from, to: result.window.to } : result.kind;
};

describe('clock hours of a night', () => {
  it('"max DMA03 inflow 2-4am last night" is 02:00-04:00 of the morning the night ended, not of the evening it began', () => {
    expect(windowOf('max DMA03 inflow 2-4am last night', '2026-10-15T08:30:00Z')).toEqual({
      from: '2026-10-15T00:00:00.000Z',
      to: '2026-10-15T02:00:00.000Z',
    });
  });

  it('"between 22:00 and 02:00 last night" still starts on the evening', () => {
    expect(windowOf('avg T1 level between 22:00 and 02:00 last night', '2026-10-15T08:30:00Z')).toEqual({
      from: '2026-10-14T20:00:00.000Z',
      to: '2026-10-15T00:00:00.000Z',
    });
  });
});

describe('a clock span on a written date', () => {
  it.each([
    'What was the average T1 level between 22:00 and 02:00 on 3 October?',
    'avg T1 lvl btwn 2200 and 0200 3 oct',
    'avg T1 level between 22:00 and 02:00 on 03/10/2026',
  ])('"%s" runs from 22:00 on 3 October to 02:00 on the 4th', (question) => {
    expect(windowOf(question, '2026-10-05T08:00:00Z')).toEqual({ from: '2026-10-03T20:00:00.000Z', to: '2026-10-04T00:00:00.000Z' });
  });

  it('two numeric dates make a period: "01/10-03/10", "from 01/10 to 03/10"', () => {
    for (const question of ['avg T1 lvl 01/10-03/10', 'avg T1 lvl from 01/10 to 03/10'])
      expect(windowOf(question, '2026-10-05T08:00:00Z')).toEqual({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-03T22:00:00.000Z' });
  });

  it('a four-digit value band is no clock span ("between 1000 and 1200")', () => {
    const result = plan('how long was DMA02 flow between 1000 and 1200 yesterday', '2026-10-05T08:00:00Z');
    expect(result.kind).not.toBe('plan');
  });
});

describe('night flow', () => {
  it('"the night of 3 October" takes the night-flow hours of the morning of the 4th', () => {
    expect(windowOf('mnf dma2 night of 3 oct', '2026-10-05T08:00:00Z')).toMatchObject({ from: '2026-10-03T20:00:00.000Z' });
  });

  it('"max night flow" and "peak nite flow" are declined naming the word, with what to ask instead', () => {
    for (const [question, word] of [
      ['max night flow dma4 last night', 'max'],
      ['peak nite flow dma 5 lst nite', 'peak'],
    ] as const) {
      const result = plan(question);
      expect(result.kind).toBe('decline');
      if (result.kind === 'decline') expect(result.reason).toMatch(new RegExp(`"${word}".*02:00–04:00 last night`));
    }
  });

  it('"which DMA had the highest night flow last night" still ranks the areas', () => {
    const result = plan('which DMA had the highest night flow last night');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'night-flow', order: 'desc' });
  });

  it('an answer names the night by the evening it began and the hours it took', () => {
    expect(nightOf('2026-10-04 02:00', 2, '02:00–04:00')).toBe('the night of 3–4 Oct 2026 (its hours from 2026-10-04 02:00, 02:00–04:00)');
    expect(nightOf('2026-10-31 22:00', 22, '22:00–02:00')).toBe(
      'the night of 31 Oct 2026 – 1 Nov 2026 (its hours from 2026-10-31 22:00, 22:00–02:00)',
    );
  });
});
