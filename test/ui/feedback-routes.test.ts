// Feedback and verified answers through app.request(): ratings are evidence; only a granted role verifies, lists and
// retires; a later question with the same meaning carries "verified by"; nobody rates or verifies another's answer.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../ui/create-app.ts';
import { askResponseSchema } from '../../ui/api-schemas.ts';
import { createFakeRuntime } from './fake-runtime.ts';
import { call } from './http-helpers.ts';

const clock = () => new Date('2026-03-02T08:00:00Z');
function setup() {
  const runtime = createFakeRuntime({ server: { auth: { tokens: [], proxy: { header: 'x-user', trustedAddresses: ['127.0.0.1'] } } } });
  const app = createApp(runtime, { clock, rateLimit: false, log: () => {} });
  const as = (user: string, path: string, json?: unknown) => call(app, path, { headers: { 'x-user': user }, ...(json ? { json } : {}) });
  const ask = async (user: string, question: string) => askResponseSchema.parse(await (await as(user, '/api/ask', { question })).json());
  return { runtime, as, ask };
}

describe('POST /api/feedback', () => {
  it('records a thumbs-down with its reason, the question, the SQL and the evidence of the rated answer', async () => {
    const { runtime, as, ask } = setup();
    const answer = await ask('engineer', 'flow of pump 1 today');
    const res = await as('engineer', '/api/feedback', { requestId: answer.requestId, rating: 'down', reason: 'pump 1 was off today' });
    expect(res.status).toBe(200);
    const { auditSeq } = (await res.json()) as { auditSeq: number };
    const record = runtime.records.find((r) => r.seq === auditSeq)!;
    expect(record.kind).toBe('feedback');
    expect(record.principal).toBe('engineer');
    expect(record.payload).toMatchObject({
      action: 'rating',
      rating: 'down',
      reason: 'pump 1 was off today',
      question: 'flow of pump 1 today',
      answerRequestId: answer.requestId,
      sql: answer.sql,
      evidence: answer.auditSeq,
    });
  });

  it('refuses feedback on an answer the caller did not get, without saying whether it exists', async () => {
    const { as, ask } = setup();
    const answer = await ask('engineer', 'flow of pump 1 today');
    const foreign = await as('supervisor', '/api/feedback', { requestId: answer.requestId, rating: 'up' });
    const unknown = await as('supervisor', '/api/feedback', { requestId: 'no-such-answer', rating: 'up' });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await unknown.text());
    expect((await as('engineer', '/api/feedback', { requestId: answer.requestId, rating: 'meh' })).status).toBe(400);
  });
});

describe('verified answers', () => {
  it('a supervisor verifies an answer; a later question with the same meaning says who verified it and when', async () => {
    const { runtime, as, ask } = setup();
    const first = await ask('supervisor', 'flow of pump 1 today');
    expect(first.verified).toBeUndefined();
    const res = await as('supervisor', '/api/verified', { requestId: first.requestId });
    expect(res.status).toBe(200);
    const { verified } = (await res.json()) as {
      verified: { id: string; question: string; sql: string; verifiedBy: string; evidence: number[] };
    };
    expect(verified).toMatchObject({
      question: 'flow of pump 1 today',
      sql: first.sql,
      verifiedBy: 'supervisor',
      evidence: first.auditSeq,
    });
    expect(runtime.records.filter((r) => r.kind === 'feedback').map((r) => r.payload['action'])).toEqual(['verified']);

    const later = await ask('engineer', 'pump 1 flow today please');
    expect(later.verified).toEqual({
      id: verified.id,
      question: 'flow of pump 1 today',
      by: 'supervisor',
      at: clock().toISOString(),
      evidence: first.auditSeq,
    });
  });

  it('an engineer may not verify, list or retire (403, recorded as guard decisions) and sees no verify control', async () => {
    const { runtime, as, ask } = setup();
    const answer = await ask('engineer', 'flow of pump 1 today');
    expect((await as('engineer', '/api/verified', { requestId: answer.requestId })).status).toBe(403);
    expect((await as('engineer', '/api/verified')).status).toBe(403);
    expect((await as('engineer', '/api/verified/x/retire', { reason: 'wrong' })).status).toBe(403);
    expect(
      runtime.records
        .filter((r) => r.kind === 'policy_decision' && r.payload['tool'] === 'verify_answer')
        .map((r) => r.payload['decision']),
    ).toEqual(['deny', 'deny', 'deny']);
    expect(await (await as('engineer', '/api/me')).json()).toMatchObject({ canVerify: false });
    expect(await (await as('supervisor', '/api/me')).json()).toMatchObject({ canVerify: true });
  });

  it('lists verified answers and retires one with a reason; a retired answer no longer vouches for anything', async () => {
    const { runtime, as, ask } = setup();
    const first = await ask('supervisor', 'flow of pump 1 today');
    const { verified } = (await (await as('supervisor', '/api/verified', { requestId: first.requestId })).json()) as {
      verified: { id: string };
    };
    const listed = (await (await as('supervisor', '/api/verified')).json()) as { verified: { id: string; retired?: unknown }[] };
    expect(listed.verified.map((v) => v.id)).toEqual([verified.id]);
    expect((await as('supervisor', `/api/verified/${verified.id}/retire`, { reason: '' })).status).toBe(400);
    const retired = await as('supervisor', `/api/verified/${verified.id}/retire`, { reason: 'flow meter replaced' });
    expect(retired.status).toBe(200);
    expect((await as('supervisor', `/api/verified/${verified.id}/retire`, { reason: 'again' })).status).toBe(404);
    expect((await ask('engineer', 'flow of pump 1 today')).verified).toBeUndefined();
    const after = (await (await as('supervisor', '/api/verified')).json()) as { verified: { retired?: { reason: string; by: string } }[] };
    expect(after.verified[0]!.retired).toMatchObject({ reason: 'flow meter replaced', by: 'supervisor' });
    expect(runtime.records.filter((r) => r.kind === 'feedback').map((r) => r.payload['action'])).toEqual(['verified', 'retired']);
  });
});
