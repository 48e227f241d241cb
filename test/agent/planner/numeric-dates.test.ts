// Numeric dates in the site's order (planner.dateOrder): 03/10/2026 is 3 October on a day-first site and 10 March on a
// month-first one; a date the order cannot make ("10/13/2026" day first) is declined naming it, never read the other way.
import { describe, expect, it } from 'vitest';
import { readNumericDate, invalidNumericDate } from '../../../agent/planner/numeric-date.ts';
import { plannerConfigSchema } from '../../../agent/planner/planner-config.ts';
import { parseConfigText } from '../../../app/config/load-config.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();
const NOW = '2026-10-05T08:00:00Z';

describe('readNumericDate', () => {
  it('reads slashes in the order given, dots day first, a leading four-digit year as year/month/day', () => {
    expect(readNumericDate('03/10/2026', 'dmy')).toEqual({ day: 3, month: 10, year: 2026 });
    expect(readNumericDate('03/10/2026', 'mdy')).toEqual({ day: 10, month: 3, year: 2026 });
    expect(readNumericDate('26/10/03', 'ymd')).toEqual({ day: 3, month: 10, year: 2026 });
    expect(readNumericDate('4.10.2026', 'mdy')).toEqual({ day: 4, month: 10, year: 2026 });
    expect(readNumericDate('2026/10/03', 'mdy')).toEqual({ day: 3, month: 10, year: 2026 });
    expect(readNumericDate('03/10', 'dmy')).toEqual({ day: 3, month: 10 });
  });

  it('says why a date is none in the order instead of swapping day and month', () => {
    expect(readNumericDate('10/13/2026', 'dmy')).toMatchObject({ invalid: expect.stringContaining('no month 13') });
    expect(readNumericDate('31/02/2026', 'dmy')).toMatchObject({ invalid: expect.stringContaining('no day 31') });
    expect(readNumericDate('10/13/2026', 'mdy')).toEqual({ day: 13, month: 10, year: 2026 });
    expect(invalidNumericDate('avg t1 lvl 13/31', 'dmy')?.reason).toContain('planner.dateOrder: dmy');
    // A ratio or a count beside a slash is no date the planner declines over.
    expect(invalidNumericDate('pumps 0/3 running', 'dmy')).toBeUndefined();
  });
});

describe('planner.dateOrder in otq.yaml', () => {
  it('defaults to dmy and takes mdy and ymd', () => {
    expect(plannerConfigSchema.parse(undefined).dateOrder).toBe('dmy');
    expect(plannerConfigSchema.parse({ dateOrder: 'mdy' }).dateOrder).toBe('mdy');
  });

  it('refuses another value naming the key', () => {
    expect(() => parseConfigText('planner:\n  dateOrder: dm\n', '/etc/otq.yaml')).toThrow(/planner\.dateOrder/);
  });
});

describe('numeric dates in questions (the reference planner: day first)', () => {
  it('"avg t1 lvl 03/10" and "... on 03/10/2026" average 3 October, plant time', () => {
    for (const question of ['avg t1 lvl 03/10', 'What was the average T1 level on 03/10/2026?']) {
      const result = plan(question, NOW);
      expect(result.kind).toBe('plan');
      if (result.kind === 'plan') expect(result.window).toMatchObject({ from: '2026-10-02T22:00:00.000Z', to: '2026-10-03T22:00:00.000Z' });
    }
  });

  it('declines "10/13/2026" and "2026/13/10" naming the date, rather than answering 13 October', () => {
    for (const question of ['What was the average T1 level on 10/13/2026?', 'avg T1 lvl 2026/13/10']) {
      const result = plan(question, NOW);
      expect(result.kind).toBe('decline');
      if (result.kind === 'decline') expect(result.reason).toMatch(/no month 13/);
    }
  });

  it('an ISO date is read the same whatever the order', () => {
    const result = plan('avg T1 lvl 2026-10-03', NOW);
    expect(result.kind === 'plan' && result.window?.from).toBe('2026-10-02T22:00:00.000Z');
  });
});
