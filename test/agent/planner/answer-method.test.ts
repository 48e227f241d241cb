// The method on every planner answer (issue 14): the line a person reads, the `method` object, the coverage caveat that
// leads a thin answer, and "data ends" when the window was clipped at the newest data. Real DuckDB over the reference data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { formatDuration, formatPercent, methodLine } from '../../../agent/planner/answer-method.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
const now = new Date('2026-10-15T08:30:00Z');

async function ask(question: string, at = now): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer');
  if (!principal) throw new Error('no user engineer');
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `method-${question}`, now: at });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the method line', () => {
  it('reads durations, shares and gaps as people say them', () => {
    expect(formatDuration(86_400_000)).toBe('24 h');
    expect(formatDuration(14 * 60_000)).toBe('14 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(90 * 86_400_000)).toBe('90 d');
    // 99.96 % is not "100 %": coverage is never rounded up to complete.
    expect(formatPercent(0.9996)).toBe('99.9 %');
    expect(formatPercent(1)).toBe('100 %');
    const line = methodLine(
      {
        aggregation: 'time-weighted average',
        interpolation: { kind: 'step', why: 'default for status' },
        window: { from: '2026-10-14T22:00:00.000Z', to: '2026-10-15T22:00:00.000Z', seconds: 86_400 },
        coverage: 0.997,
        gaps: { count: 1, longestMinutes: 14 },
      },
      'Europe/Berlin',
    );
    expect(line).toBe('time-weighted average (step, default for status) over 24 h, 99.7 % good coverage, 1 gap of 14 min');
  });
});

describe('the method on planner answers', () => {
  it('an average says it is time-weighted, with its interpolation, window, coverage and gaps', async () => {
    const answer = await ask('average level of tank T3 yesterday');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.method).toMatchObject({
      aggregation: 'time-weighted average',
      interpolation: { kind: 'step', why: 'default for analog' },
      window: { from: '2026-10-13T22:00:00.000Z', to: '2026-10-14T22:00:00.000Z', seconds: 86_400 },
      gaps: { count: 0, longestMinutes: 0 },
    });
    expect(answer.method?.coverage).toBeGreaterThan(0.99);
    expect(answer.method?.line).toMatch(
      /^time-weighted average \(step, default for analog\) over 24 h, \d+(\.\d)? % good coverage, no gaps$/,
    );
  });

  it('the arithmetic mean only when asked for "the mean of the readings", and the line says so', async () => {
    const weighted = await ask('average inlet flow of tank T3 yesterday');
    const readings = await ask('mean of the readings of the inlet flow of tank T3 yesterday');
    expect(readings.method?.aggregation).toBe('arithmetic mean of the readings');
    expect(readings.method?.interpolation.kind).toBe('none');
    expect(readings.answer).toMatch(/mean of the readings \d/);
    // Deadband compression stores more rows while the flow moves: the two differ on this tag.
    expect(readings.rows[0]?.[0]).not.toBeCloseTo(Number(weighted.rows[0]?.[0]), 1);
  });

  it('run-hours name the status rule that chose step', async () => {
    const answer = await ask('how long did pump P01 at BPS03 run yesterday');
    expect(answer.method?.aggregation).toMatch(/^run-hours and starts of the step signal/);
    expect(answer.method?.interpolation).toEqual({ kind: 'step', why: 'rule 1: dataType=status' });
  });

  it('a window thinner than the coverage threshold leads with the caveat and still gives the number', async () => {
    // DMA05 lost communication 2026-10-13 18:00 – 23:40 UTC: of 15:00 – 21:00 UTC, half has good data.
    const answer = await ask('average flow of DMA05 yesterday between 17:00 and 23:00', new Date('2026-10-14T06:00:00Z'));
    expect(answer.method?.coverage).toBeCloseTo(0.5, 2);
    expect(answer.answer).toMatch(
      /^Low coverage: only 50 % of the window has good data \(1 gap of 3 h\); the number covers only that part of it\. /,
    );
    expect(answer.answer).toMatch(/average \d+(\.\d+)? /);
    expect(answer.method?.line).toMatch(/% good coverage, 1 gap of/);
  });

  it('a window clipped at the newest data says where the data ends, in plant time with its offset', async () => {
    // The reference data ends 2026-11-01 00:00 UTC; asked on 1 November at 18:00 about "today".
    const answer = await ask('average level of tank T3 today', new Date('2026-11-01T17:00:00Z'));
    expect(answer.method?.window.dataEnd).toMatch(/^2026-10-31T23:5\d/);
    expect(answer.answer).toMatch(/Data ends 2026-11-01 00:5\d \+01:00; the numbers cover the window up to it\.$/);
    expect(answer.method?.line).toMatch(/data ends 2026-11-01 00:5\d \+01:00$/);
  });

  it('an alarm count has a method without interpolation or coverage', async () => {
    const answer = await ask('how many alarms yesterday');
    expect(answer.method).toMatchObject({
      aggregation: 'count of alarm activations',
      interpolation: { kind: 'none' },
      coverage: null,
      gaps: null,
    });
  });
});
