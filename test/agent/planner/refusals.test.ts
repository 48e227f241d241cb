// Right refusals: a control request is answered "otq only reads data" and recorded; questions that use the same verbs are not refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readControlRequest } from '../../../agent/planner/control-request.ts';
import { buildControlWords } from '../../../agent/planner/control-words.ts';
import { buildVocabulary } from '../../../agent/planner/vocabulary.ts';
import { readAuditRecords } from '../../../audit/read-audit-records.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;

async function ask(question: string, user = 'engineer'): Promise<Answer> {
  const principal = rt.runtime.principalFor(user)!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `refusal-${question}`, now: new Date('2026-10-15T08:30:00Z') });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('control requests', () => {
  it.each([
    'Please reset the overload alarm on BPS02 pump P01.',
    'Start pump P03 at booster station Sonnenhang.',
    'Can you close PRV02?',
    'ack all alarms',
    'set bps03 pressure setpoint 5.2 bar',
    'switch off dosing pump CL01',
    'could you please open PRV3 to 80%',
  ])('"%s" is answered: otq only reads data, nothing runs, and the refusal is recorded', async (question) => {
    const answer = await ask(question);
    expect(answer.answer).toMatch(/^otq only reads data; it cannot change the plant\./);
    expect(answer.sql).toBeNull();
    expect(answer.answeredBy).toBe('quick-planner');
    const records = await readAuditRecords({ dir: rt.auditDir });
    const refusal = records.find((r) => r.seq === answer.auditSeq[0]);
    expect(refusal?.kind).toBe('policy_decision');
    expect(refusal?.payload).toMatchObject({ decision: 'deny', rule: 'read-only' });
    expect(records.find((r) => r.seq === answer.auditSeq.at(-1))?.kind).toBe('answer');
  });

  it.each([
    'when did P2 at PS3 start yesterday',
    'starts of BPS02 P02 on 26 august',
    'which PRV was most open yesterday',
    'open alarms at BPS03',
    'change in average DMA03 flow last week',
    'how often did the hypochlorite dosing pump start yesterday',
    'stop',
  ])('"%s" is a question, not a request to act', (question) => {
    expect(readControlRequest(question, buildControlWords(buildVocabulary().control))).toBeNull();
  });
});
