// The quick planner end to end over the reference dataset: real DuckDB, real guard, real audit log, through ask().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { signalPieces } from '../../helpers/signal-gold.ts';

let rt: TestRuntime;
const now = new Date('2026-10-15T08:30:00Z');

async function ask(
  question: string,
  user = 'engineer',
  extra: { history?: Parameters<TestRuntime['runtime']['ask']>[0]['history']; now?: Date } = {},
): Promise<Answer> {
  const principal = rt.runtime.principalFor(user);
  if (!principal) throw new Error(`no user ${user}`);
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `test-${question}`, now, ...extra });
}

async function gold(sql: string): Promise<unknown[][]> {
  return (await rt.runtime.connectors.get('historian')!.query(sql)).rows;
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('quick planner over the sample historian', () => {
  it('answers the latest level with value, unit, time, quality, the SQL, window and evidence', async () => {
    const answer = await ask("What's the level in tank T1 right now?");
    const [expected] = await gold(
      `SELECT value FROM samples WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'T1/Tank/Level') AND ts <= TIMESTAMPTZ '2026-10-15 08:30:00+00' ORDER BY ts DESC LIMIT 1`,
    );
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.rows[0]?.[1]).toBeCloseTo(Number(expected?.[0]), 9);
    expect(answer.answer).toMatch(/T1\/Tank\/Level .* was \d+(\.\d+)? m at 2026-10-15 10:\d\d Europe\/Berlin, quality good/);
    expect(answer.sql).toMatch(/\bsamples\b/);
    expect(answer.window?.timezone).toBe('Europe/Berlin');
    expect(answer.decision?.kind).not.toBe('deny');
    expect(answer.auditSeq.length).toBeGreaterThanOrEqual(4);
  });

  it('flags a latest value that is not current instead of presenting it as now', async () => {
    const fresh = await ask("What's the level in tank T1 right now?");
    expect(fresh.notes.some((n) => n.startsWith('stale data'))).toBe(false);
    // The reference data ends 2026-11-01 00:00 UTC; asked two days later, the newest sample is about 48 h old.
    const late = await ask("What's the level in tank T1 right now?", 'engineer', { now: new Date('2026-11-02T23:00:00Z') });
    expect(late.rows).toHaveLength(1);
    expect(late.notes).toContainEqual(expect.stringMatching(/^stale data: the newest sample of T1\/Tank\/Level is \d+ h old/));
  });

  it('says there were no samples rather than "maximum no data" when a window holds none', async () => {
    // The reference data ends 2026-11-01 00:00 UTC.
    const answer = await ask('max level of T3 in the last 12 hours', 'engineer', { now: new Date('2026-11-02T12:00:00Z') });
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toMatch(
      /^No samples of T3\/Tank\/Level .* last 12 hours \(2026-11-02 01:00 – 2026-11-02 13:00 Europe\/Berlin\)\. Data of this tag ends 2026-11-01 00:59 \+01:00, before this window\.$/,
    );
    expect(answer.rows).toEqual([]);
  });

  it("says when an aggregate's data stops well before the end of its window", async () => {
    // The reference data ends 2026-11-01 00:00 UTC: "today" at 12:00 UTC holds one hour of it.
    const answer = await ask('max T1 level today', 'engineer', { now: new Date('2026-11-01T12:00:00Z') });
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.notes).toContainEqual(
      expect.stringMatching(/^incomplete data: the newest sample of T1\/Tank\/Level in this window is from 2026-11-01 00:\d\d/),
    );
    const complete = await ask('max T1 level yesterday');
    expect(complete.notes.some((n) => n.startsWith('incomplete data'))).toBe(false);
    const series = await ask('hourly T1 level today', 'engineer', { now: new Date('2026-11-01T12:00:00Z') });
    expect(series.answer).toContain(': 1 bucket;');
    expect(series.notes).toContainEqual(
      'incomplete data: the last hour with data starts 2026-11-01 00:00 — the rest of the window has no data',
    );
    const whole = await ask('hourly T1 level yesterday');
    expect(whole.notes.some((n) => n.startsWith('incomplete data'))).toBe(false);
  });

  it('flags a value "at" a moment when the sample found is much older than that moment', async () => {
    // The reference data ends 2026-11-01 00:00 UTC; 08:00 Berlin that day is 8 h later.
    const answer = await ask('T1 level at 8am today', 'engineer', { now: new Date('2026-11-01T12:00:00Z') });
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.notes).toContainEqual(
      expect.stringMatching(/^stale data: the last sample of T1\/Tank\/Level is \d+ h older than the moment asked about/),
    );
    const fresh = await ask('T1 level at 8am today');
    expect(fresh.notes.some((n) => n.startsWith('stale data'))).toBe(false);
  });

  it.each([
    ['is pump 1 at BPS02 running?', 'BPS02/P01/Running'],
    ['status of pump 2 at BPS01', 'BPS01/P02/Running'],
  ])('answers "%s" with the running feedback, not an ask-back over every pump tag', async (question, tag) => {
    const answer = await ask(question);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.notes).toContainEqual(
      `understood: latest of ${tag}, latest value as of 2026-10-15 10:30 (2026-10-08 10:30 – 2026-10-15 10:30 Europe/Berlin)`,
    );
  });

  it('reads a counter over a period as what it counted (its change), and will not average its readings', async () => {
    const [expected] = await gold(
      `SELECT arg_max(value, ts) - arg_min(value, ts) FROM ${signalPieces('2026-10-13 22:00:00+00', '2026-10-14 22:00:00+00')} AS s WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'BPS03/Header/EnergyTotal')
         AND quality = 192 AND ts >= TIMESTAMPTZ '2026-10-13 22:00:00+00' AND ts < TIMESTAMPTZ '2026-10-14 22:00:00+00'`,
    );
    for (const question of ['energy BPS03 yesterday', 'how much energy BPS03 yesterday']) {
      const answer = await ask(question);
      expect(answer.answeredBy).toBe('quick-planner');
      expect(answer.answer).toContain(': change ');
      expect(Number(answer.rows[0]?.[0])).toBeCloseTo(Number(expected?.[0]), 6);
    }
    const average = await ask('average energy BPS03 yesterday');
    expect(average.answeredBy).toBe('none');
    expect(average.answer).toContain('counts a running total');
  });

  it('reads "drop below" and "rise above" as thresholds, and "when did" as the first crossing', async () => {
    const stretches = await ask('how long was T2 level below 3.2 m yesterday');
    expect(stretches.notes).toContainEqual(expect.stringMatching(/^understood: threshold of T2\/Tank\/Level/));
    expect(stretches.answer).toMatch(/ below 3\.2 m /);
    const below = await ask('when did T2 level drop below 3.8 m yesterday');
    expect(below.answeredBy).toBe('quick-planner');
    expect(below.notes).toContainEqual(expect.stringMatching(/^understood: crossing of T2\/Tank\/Level/));
    // The first stretch below the limit that begins inside the window, as a plain reading of the step signal finds it.
    const [first] = await gold(
      `SELECT min(ts) FROM (SELECT ts, value, lag(value) OVER (ORDER BY ts) AS prev FROM samples WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'T2/Tank/Level') AND quality = 192 AND ts > TIMESTAMPTZ '2026-10-13 00:00:00+00' AND ts < TIMESTAMPTZ '2026-10-14 22:00:00+00') WHERE value < 3.8 AND prev >= 3.8 AND ts > TIMESTAMPTZ '2026-10-13 22:00:00+00'`,
    );
    expect(String(below.rows[0]?.[0])).toBe(String(first?.[0]));
    expect(below.answer).toMatch(/first went below 3\.8 m at /);
  });

  it('resolves synonyms from config (PS1 -> BPS01) and gives the average with its unit and window', async () => {
    const answer = await ask('average flow at PS1 over the last 24 h');
    const [expected] = await gold(
      `SELECT sum(value * w) / sum(w) FROM ${signalPieces('2026-10-14 08:30:00+00', '2026-10-15 08:30:00+00')} AS s WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'BPS01/Header/Flow') AND quality = 192`,
    );
    expect(answer.rows[0]?.[0]).toBeCloseTo(Number(expected?.[0]), 6);
    expect(answer.answer).toContain('m3/h');
    expect(answer.window?.label).toBe('last 24 hours (2026-10-14 10:30 – 2026-10-15 10:30 Europe/Berlin)');
  });

  it('draws series as a chart spec and reports excluded bad-quality samples', async () => {
    const answer = await ask('daily min and max of tank 1 level last week');
    expect(answer.rows).toHaveLength(7);
    expect(answer.chart).toMatchObject({
      kind: 'line',
      x: 'bucket',
      series: [
        { column: 'min_value', unit: 'm' },
        { column: 'max_value', unit: 'm' },
      ],
    });
    const [bad] = await gold(
      `SELECT count(*) FILTER (WHERE quality <> 192) FROM samples WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'T1/Tank/Level') AND ts >= TIMESTAMPTZ '2026-10-04 22:00:00+00' AND ts < TIMESTAMPTZ '2026-10-11 22:00:00+00'`,
    );
    if (Number(bad?.[0]) > 0) expect(answer.notes.join(' ')).toMatch(/samples .* were not good quality and were excluded/);
  });

  it('asks back with candidates instead of guessing', async () => {
    const answer = await ask('P02 power yesterday');
    expect(answer.sql).toBeNull();
    expect(answer.candidates).toEqual(expect.arrayContaining(['BPS01/P02/Power', 'BPS03/P02/Power']));
    expect(answer.answer).toMatch(/which one do you mean/);
  });

  it('declines what it does not understand and says what', async () => {
    const answer = await ask('why did BPS02 trip in august?');
    expect(answer.answeredBy).toBe('none');
    expect(answer.answer).toContain('"why"');
  });

  it('does not answer "min T1 level until yesterday" for a whole day: it names what it did not read ("until")', async () => {
    const answer = await ask('min T1 level until yesterday');
    expect(answer.answeredBy).toBe('none');
    expect(answer.answer).toContain('"until"');
  });

  it.each([
    ['average BPS01 station flow last night', 'last night (2026-10-14 22:00 – 2026-10-15 06:00 Europe/Berlin)'],
    ['max T1 level yesterday afternoon', 'yesterday afternoon (2026-10-14 12:00 – 2026-10-14 18:00 Europe/Berlin)'],
  ])('answers "%s" for that part of the day only, not the whole day', async (question, window) => {
    const answer = await ask(question);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.window?.label).toBe(window);
  });

  it('renders a policy denial as the answer, with rule and reason and the audit evidence', async () => {
    const answer = await ask('average flow at PS1 over the last 24 h', 'auditor');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.decision?.kind).toBe('deny');
    expect(answer.answer).toMatch(/^Denied by policy \(.+\): /);
    expect(answer.rows).toEqual([]);
    expect(answer.auditSeq.length).toBeGreaterThanOrEqual(2);
  });

  it('follows up on the previous turn ("and the day before?")', async () => {
    const first = await ask('avg BPS03 suction pressure yesterday');
    const second = await ask('and the day before?', 'engineer', {
      history: [
        {
          question: 'avg BPS03 suction pressure yesterday',
          sql: first.sql,
          source: first.source,
          answer: first.answer,
          ...(first.window ? { window: first.window } : {}),
        },
      ],
    });
    expect(second.answeredBy).toBe('quick-planner');
    expect(second.window?.from).toBe('2026-10-12T22:00:00.000Z');
    expect(second.window?.to).toBe('2026-10-13T22:00:00.000Z');
    expect(second.answer).toContain('BPS03/Header/SuctionPressure');
  });
});
