// What answers say: the time of an extreme, the leader of a group, volumes by direction, alarm acknowledgements, status words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `shape-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string, row = 0): unknown => answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)];

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the time of an extreme', () => {
  it('"when was the max discharge pressure at BPS03 yesterday" answers the maximum and when it was first reached', async () => {
    const answer = await ask('when was the max discharge pressure at BPS03 yesterday');
    expect(answer.columns.map((c) => c.name)).toContain('time');
    expect(answer.answer).toMatch(/maximum 5\.04 bar, first reached at 2026-10-14 15:57/);
  });

  it('"at what time was the final water chlorine lowest on 8 October" is the minimum with its time, not a decline', async () => {
    const answer = await ask('At what time was the final water chlorine lowest on 8 October?');
    expect(answer.answer).toMatch(/minimum 0\.00889 mg\/L, first reached at 2026-10-08 12:28/);
  });

  it('without "when" the maximum carries no time column', async () => {
    const answer = await ask('max discharge pressure at BPS03 yesterday');
    expect(answer.columns.map((c) => c.name)).not.toContain('time');
    expect(cell(answer, 'max_value')).toBeCloseTo(5.0399, 3);
  });
});

describe('the leader of a group, status words, staleness by heartbeat', () => {
  it('"which tank is lowest rn" names the lowest tank and its value first', async () => {
    const answer = await ask('which tank is lowest rn', '2026-09-20T10:00:00Z');
    expect(answer.rows).toHaveLength(1);
    expect(answer.rows[0]?.[0]).toBe('T3/Tank/Level');
    expect(answer.answer).toMatch(/is the lowest now: 3\.158 m at 2026-09-20 12:00/);
  });

  it('"rank the tanks by level now" gives every tank, highest first', async () => {
    const answer = await ask('rank the tanks by level now', '2026-09-20T10:00:00Z');
    expect(answer.rows.map((r) => r[0])).toEqual(['T1/Tank/Level', 'T2/Tank/Level', 'T3/Tank/Level']);
  });

  it('a pump status says running or stopped, and a 46-min-old status sample (hourly heartbeat) is not stale', async () => {
    const running = await ask('is BPS02 P1 running');
    expect(running.answer).toMatch(/was running \(1\) at 2026-10-15 09:44/);
    expect(running.notes.join('\n')).not.toMatch(/stale/);
    const stopped = await ask('Is pump P01 at BPS02 running right now?', '2026-08-26T14:30:00Z');
    expect(stopped.answer).toMatch(/was stopped \(0\)/);
  });
});

describe('acknowledgements', () => {
  it('"which alarms are still unacknowledged" lists the activations with no acknowledgement up to now', async () => {
    const answer = await ask('Which alarms are still unacknowledged?', '2026-10-29T03:20:00Z');
    expect(answer.rows.map((r) => r[answer.columns.findIndex((c) => c.name === 'tag')])).toEqual([
      'BPS03/P02/Vibration',
      'BPS03/Header/DischargePressure',
      'DMA05/CP01/Pressure',
    ]);
    expect(answer.answer).toMatch(/^3 unacknowledged alarms/);
  });

  it('"unacked alarms at T1 today" says there are none, and where it looked', async () => {
    const answer = await ask('unacked alarms at T1 today', '2026-10-29T03:21:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/^No unacknowledged alarms .*today/);
  });

  it('"average time to acknowledge" is activation to acknowledgement, not to clear', async () => {
    const answer = await ask('What was the average time to acknowledge alarms in October?', '2026-11-01T08:00:00Z');
    // 16.012 min: each of the 11 alarms with its own ack (30 Oct: two raw turbidity raises, two acks); pairing both with the
    // first ack at or after them gave 15.029.
    expect(Number(cell(answer, 'mean_minutes_to_ack'))).toBeCloseTo(16.012, 2);
    const clear = await ask('average time to clear alarms in October', '2026-11-01T08:00:00Z');
    expect(clear.columns.map((c) => c.name)).toContain('mean_minutes_to_clear');
  });
});

describe('acknowledgement words are read, not declined', () => {
  it.each([
    ['Which alarms from last week have not been acknowledged yet?', undefined],
    ['crit alarms unackd this wk', 1],
  ])('"%s" lists the unacknowledged alarms', async (question, priority) => {
    const answer = await ask(question);
    expect(answer.notes).toContainEqual(
      expect.stringMatching(new RegExp(`^understood: alarm-list${priority ? ` \\(priority ${priority} alarms\\)` : ''}`)),
    );
    expect(answer.answer).toMatch(/unacknowledged/);
  });
});

describe('control requests in other forms, and questions about control', () => {
  it.each(['can someone switch P2 off', 'I need pump P3 at BPS03 started.', 'get PRV2 closed pls', 'pls reset the alarm on T1'])(
    '"%s" is answered "otq only reads data" and recorded',
    async (question) => {
      const answer = await ask(question);
      expect(answer.answer).toMatch(/^otq only reads data; it cannot change the plant/);
      expect(answer.auditSeq.length).toBeGreaterThan(0);
      expect(answer.sql).toBeNull();
    },
  );

  it.each([
    ['When was pump P02 at BPS02 started on 26 August?', 'first started at 2026-08-26 02:20'],
    ['when was BPS02 P1 switched off on aug 26', 'first stopped at 2026-08-26 16:05'],
  ])('"%s" stays a question: %s', async (question, said) => {
    const answer = await ask(question);
    expect(answer.answer).toContain(said);
  });
});

describe('amounts by direction', () => {
  it.each([
    ['How much water went into tank T3 yesterday?', 'T3/Tank/InletFlow', 'integral_value'],
    ['how much out of T2 yday', 'T2/Tank/OutletFlow', 'integral_value'],
    ['How much did BPS02 pump yesterday?', 'BPS02/Header/FlowTotal', 'delta_value'],
    ['m3 pumpd by bps03 yday', 'BPS03/Header/FlowTotal', 'delta_value'],
  ])('"%s" is the volume of %s', async (question, tag, column) => {
    const answer = await ask(question);
    expect(answer.notes).toContainEqual(expect.stringContaining(`of ${tag} `));
    expect(answer.columns.map((c) => c.name)).toContain(column);
  });

  it('"how much did pump P1 at BPS02 pump" says the pump has no flow tag and answers with the station totaliser', async () => {
    const answer = await ask('how much did pump P1 at BPS02 pump yesterday');
    expect(answer.answer).toMatch(/^P1 has no flow tag; answered with /);
    expect(Number(cell(answer, 'delta_value'))).toBeCloseTo(3943.671, 2);
  });
});

describe('night flow after the data ends', () => {
  it('"dma3 night flow last night" with no data in the night hours says so and where the data ends', async () => {
    const answer = await ask('dma3 night flow last night', '2026-11-01T07:00:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/^No night flow for .* no good data in the night hours .* Data of this tag ends 2026-11-01 00:55/);
  });
});

describe('a flat line', () => {
  it('a series of the frozen T3 chlorine analyser notes the flat line; a normal day does not', async () => {
    const frozen = await ask('T3 outlet chlorine on 20 Sept');
    expect(frozen.notes).toContainEqual(expect.stringMatching(/^flat line: T3\/Outlet\/ChlorineResidual stayed at exactly 0\.47 mg\/L/));
    const normal = await ask('T3 outlet chlorine on 24 Sept');
    expect(normal.notes.join('\n')).not.toMatch(/flat line/);
  });
});
