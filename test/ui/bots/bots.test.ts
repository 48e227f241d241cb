// Mattermost and Teams endpoints over real HTTP: tokens and signatures, user mapping, inline and late answers, evidence.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditRecords } from '../../../audit/read-audit-records.ts';
import { createBotRoutes } from '../../../ui/bots/bot-routes.ts';
import type { BotDeps } from '../../../ui/bots/bot-deps.ts';
import { createEgress } from '../../../ui/bots/egress.ts';
import { createVerifiedStore } from '../../../ui/verified/verified-store.ts';
import { HttpReceiver } from '../../helpers/http-receiver.ts';
import { serveApp } from '../../helpers/serve-app.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

const mmToken = 'mm-secret-token-1234567890';
const teamsSecret = Buffer.from('teams shared secret of thirty-two!').toString('base64');
const never = () => new Promise<void>(() => {});
const immediately = () => Promise.resolve();

let test: TestRuntime;
let receiver: HttpReceiver;
let server: { url: string; close(): Promise<void> };
const deps = {} as BotDeps;

beforeAll(async () => {
  receiver = await HttpReceiver.start();
  test = await createTestRuntime({
    users: { alice: { roles: ['engineer'] }, sam: { roles: ['supervisor'] } },
    egress: { allowedHosts: ['127.0.0.1'] },
    bots: {
      mattermost: {
        tokenEnvs: ['OTQ_TEST_MM_TOKEN'],
        users: { u_alice: 'alice' },
        userNames: { sam_s: 'sam' },
        commands: { otq: { responseType: 'in_channel' } },
      },
      teams: { secretEnv: 'OTQ_TEST_TEAMS_SECRET', users: { 'aad-alice': 'alice' }, deliveryUrl: `${receiver.url}/teams-delivery` },
    },
  });
  Object.assign(deps, {
    runtime: test.runtime,
    egress: createEgress({ allowedHosts: ['127.0.0.1'] }),
    env: { OTQ_TEST_MM_TOKEN: mmToken, OTQ_TEST_TEAMS_SECRET: teamsSecret },
    sleep: never,
    newRequestId: () => `req-${Math.random().toString(36).slice(2)}`,
    pending: new Set<Promise<void>>(),
  } satisfies BotDeps);
  const app = new Hono();
  app.route('/hooks', createBotRoutes(deps));
  server = await serveApp(app);
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await test?.runtime.close();
});

function slashCommand(fields: Record<string, string>, token = mmToken) {
  return fetch(`${server.url}/hooks/mattermost`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Token ${token}` },
    body: new URLSearchParams({
      channel_id: 'c1',
      channel_name: 'ops',
      command: '/otq',
      team_domain: 'plant',
      team_id: 't1',
      trigger_id: 'x',
      user_id: 'u_alice',
      user_name: 'alice',
      response_url: `${receiver.url}/mm-response`,
      text: 'what is the level in tank T1 right now?',
      ...fields,
    }).toString(),
  });
}

let activitySeq = 0;
function teamsMessage(activity: Record<string, unknown>, sign = true, secret = teamsSecret) {
  const body = JSON.stringify({
    type: 'message',
    id: `act-${++activitySeq}`,
    timestamp: new Date().toISOString(),
    conversation: { id: 'conv-1' },
    text: '<at>otq</at> what is the level in tank T1 right now?',
    from: { id: '29:1', name: 'Alice', aadObjectId: 'aad-alice' },
    ...activity,
  });
  const signature = createHmac('sha256', Buffer.from(secret, 'base64')).update(body, 'utf8').digest('base64');
  return fetch(`${server.url}/hooks/teams`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sign ? { authorization: `HMAC ${signature}` } : {}) },
    body,
  });
}

async function records(kind: string) {
  return (await readAuditRecords({ dir: test.auditDir })).filter((r) => r.kind === kind);
}

describe('Mattermost slash command', () => {
  it('answers a mapped user inline, in channel, acting as that user, with evidence', async () => {
    deps.sleep = never;
    const response = await slashCommand({});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toMatch(/Evidence: audit seq \d+/);
    // Names first: the sentence says the tag's name, and one line says which path it stands for.
    const sentence = body.text.split('\n')[0]!;
    expect(sentence).toMatch(/^Tank T1 water level/);
    expect(sentence).not.toContain('T1/Tank/Level');
    expect(body.text).toMatch(/Tags: Tank T1 water level[^=\n]* = T1\/Tank\/Level/);
    const answers = await records('answer');
    const last = answers.at(-1)!;
    expect(last.principal).toBe('alice');
    expect(last.channel).toBe('mattermost');
    expect(last.payload['question']).toBe('what is the level in tank T1 right now?');
  });

  it('refuses a bad token with 401 and records the refusal', async () => {
    const before = (await records('auth')).length;
    const response = await slashCommand({}, 'wrong-token');
    expect(response.status).toBe(401);
    const auth = await records('auth');
    expect(auth.length).toBe(before + 1);
    expect(auth.at(-1)!.payload).toMatchObject({ event: 'refused', reason: 'bad token', platform: 'mattermost' });
  });

  it('records the socket address, not an X-Forwarded-For the client wrote', async () => {
    await fetch(`${server.url}/hooks/mattermost`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Token wrong', 'x-forwarded-for': '10.9.9.9' },
      body: 'text=hello&user_id=u_alice',
    });
    expect((await records('auth')).at(-1)!.payload['remote']).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });

  it('looks user names up only among names: a name equal to an id key does not act as that user', async () => {
    const answersBefore = (await records('answer')).length;
    const response = await slashCommand({ user_id: 'u_mallory', user_name: 'u_alice' });
    expect(((await response.json()) as { text: string }).text).toContain('not linked to an otq user');
    expect((await records('answer')).length).toBe(answersBefore);
    const byName = await slashCommand({ user_id: 'u_sam_unmapped', user_name: 'sam_s', text: 'help' });
    expect(((await byName.json()) as { text: string }).text).toContain('Ask otq about plant data');
  });

  it('refuses a missing token', async () => {
    const response = await fetch(`${server.url}/hooks/mattermost`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hello&user_id=u_alice',
    });
    expect(response.status).toBe(401);
  });

  it('politely refuses an unmapped user and runs nothing', async () => {
    const answersBefore = (await records('answer')).length;
    const response = await slashCommand({ user_id: 'u_mallory', user_name: 'mallory' });
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('not linked to an otq user');
    expect((await records('answer')).length).toBe(answersBefore);
    expect((await records('auth')).at(-1)!.payload).toMatchObject({ event: 'unmapped_user', platformUser: 'mallory' });
  });

  it('never posts in channel for a role with personal data', async () => {
    const response = await slashCommand({ user_id: 'u_sam', user_name: 'sam_s' });
    const body = (await response.json()) as { response_type: string };
    expect(body.response_type).toBe('ephemeral');
  });

  it('acknowledges a slow answer at once and posts it to response_url later', async () => {
    deps.sleep = immediately;
    const before = receiver.received.length;
    const response = await slashCommand({ text: 'sql what is the level in tank T1 right now?' });
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Working on it');
    await receiver.waitFor(before + 1);
    const delivered = receiver.received.at(-1)!;
    expect(delivered.path).toBe('/mm-response');
    expect(delivered.json).toMatchObject({ response_type: 'in_channel' });
    expect((delivered.json as { text: string }).text).toMatch(/Evidence: audit seq/);
    await Promise.all(deps.pending);
    expect((await records('report')).at(-1)!.payload).toMatchObject({ event: 'delivered', platform: 'mattermost' });
    deps.sleep = never;
  });

  it('does not post late answers to a host outside the egress allowlist', async () => {
    deps.sleep = immediately;
    const response = await slashCommand({ response_url: 'https://mattermost.example.com/hooks/x' });
    const body = (await response.json()) as { text: string };
    expect(body.text).toContain('egress allowlist');
    expect((await records('report')).at(-1)!.payload).toMatchObject({ event: 'delivery_refused' });
    deps.sleep = never;
  });

  it('answers outgoing webhooks as a comment, without the trigger word', async () => {
    const response = await fetch(`${server.url}/hooks/mattermost`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: mmToken,
        trigger_word: '#otq',
        text: '#otq what is the level in tank T1 right now?',
        user_id: 'u_alice',
        user_name: 'alice',
        channel_id: 'c',
        post_id: 'p',
        team_id: 't',
        timestamp: '1',
      }),
    });
    const body = (await response.json()) as { response_type: string };
    expect(body.response_type).toBe('comment');
    expect((await records('answer')).at(-1)!.payload['question']).toBe('what is the level in tank T1 right now?');
  });
});

describe('Teams outgoing webhook', () => {
  it('answers a correctly signed message from a mapped user', async () => {
    const response = await teamsMessage({});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: string; text: string };
    expect(body.type).toBe('message');
    expect(body.text).toMatch(/Evidence: audit seq/);
    expect((await records('answer')).at(-1)!).toMatchObject({ principal: 'alice', channel: 'teams' });
  });

  it('answers "help" with the help text, as Mattermost does, instead of asking the planner for a tag called help', async () => {
    const before = (await records('answer')).length;
    const body = (await (await teamsMessage({ text: '<at>otq</at> help' })).json()) as { text: string };
    expect(body.text).toMatch(/^Ask me about plant data, e\.g\. "max discharge pressure at BPS03 yesterday"/);
    expect((await records('answer')).length).toBe(before);
  });

  it('refuses a wrong signature and a missing one, and records both', async () => {
    const wrong = await teamsMessage({}, true, Buffer.from('another secret').toString('base64'));
    expect(wrong.status).toBe(401);
    const missing = await teamsMessage({}, false);
    expect(missing.status).toBe(401);
    const reasons = (await records('auth')).slice(-2).map((r) => r.payload['reason']);
    expect(reasons).toEqual(['bad signature', 'missing signature']);
  });

  it('refuses a body altered after signing', async () => {
    const body = JSON.stringify({ type: 'message', text: 'hi', from: { aadObjectId: 'aad-alice' } });
    const signature = createHmac('sha256', Buffer.from(teamsSecret, 'base64')).update(body).digest('base64');
    const response = await fetch(`${server.url}/hooks/teams`, {
      method: 'POST',
      headers: { authorization: `HMAC ${signature}` },
      body: body.replace('hi', 'ho'),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a replayed activity and an old one, and records both', async () => {
    const body = JSON.stringify({
      type: 'message',
      id: 'act-replay',
      timestamp: new Date().toISOString(),
      conversation: { id: 'conv-1' },
      text: 'help',
      from: { aadObjectId: 'aad-alice' },
    });
    const signature = createHmac('sha256', Buffer.from(teamsSecret, 'base64')).update(body, 'utf8').digest('base64');
    const send = () => fetch(`${server.url}/hooks/teams`, { method: 'POST', headers: { authorization: `HMAC ${signature}` }, body });
    expect((await send()).status).toBe(200);
    const again = await send();
    expect(again.status).toBe(401);
    expect((await records('auth')).at(-1)!.payload).toMatchObject({ event: 'refused', reason: expect.stringContaining('replay') });
    const old = await teamsMessage({ timestamp: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect(old.status).toBe(401);
    expect((await records('auth')).at(-1)!.payload['reason']).toContain('older than the acceptance window');
    const undated = await teamsMessage({ timestamp: undefined });
    expect(undated.status).toBe(401);
  });

  it('politely refuses an unmapped sender', async () => {
    const response = await teamsMessage({ from: { id: '29:2', name: 'Eve', aadObjectId: 'aad-eve' } });
    const body = (await response.json()) as { text: string };
    expect(body.text).toContain('not linked to an otq user');
  });

  it('acknowledges a slow answer and delivers it through the configured webhook', async () => {
    deps.sleep = immediately;
    const before = receiver.received.length;
    const response = await teamsMessage({});
    expect(((await response.json()) as { text: string }).text).toContain('Working on it');
    await receiver.waitFor(before + 1);
    expect(receiver.received.at(-1)!.path).toBe('/teams-delivery');
    expect(receiver.received.at(-1)!.json).toMatchObject({ type: 'message' });
    await Promise.all(deps.pending);
    deps.sleep = never;
  });
});

describe('verified answers in bot messages', () => {
  it('says "✓ Verified by" when the answer means the same as a verified one, in Mattermost and Teams alike', async () => {
    deps.sleep = never;
    const dir = mkdtempSync(join(tmpdir(), 'otq-bot-verified-'));
    const store = createVerifiedStore(join(dir, 'verified-answers.jsonl'));
    deps.verified = store;
    try {
      const question = 'what is the level in tank T1 right now?';
      const before = ((await (await slashCommand({ text: question })).json()) as { text: string }).text;
      expect(before).not.toContain('Verified by');
      // A supervisor verified the same question earlier: same source and SQL apart from its time literals.
      const earlier = await test.runtime.ask({
        principal: { id: 'sam', roles: ['supervisor'] },
        question,
        channel: 'web',
        requestId: 'verified-earlier',
      });
      expect(earlier.sql).toBeTruthy();
      await store.add({
        question: 'level of tank T1 now',
        answer: earlier.answer,
        source: earlier.source!,
        sql: earlier.sql!,
        verifiedBy: 'sam',
        verifiedByName: 'Sam Supervisor',
        verifiedAt: '2026-10-30T10:00:00.000Z',
        evidence: earlier.auditSeq,
        verificationSeq: 1,
      });
      const mattermost = ((await (await slashCommand({ text: question })).json()) as { text: string }).text;
      expect(mattermost.split('\n\n')[1]).toBe('**✓ Verified by Sam Supervisor on 2026-10-30 (as “level of tank T1 now”)**');
      const teams = ((await (await teamsMessage({})).json()) as { text: string }).text;
      expect(teams).toContain('**✓ Verified by Sam Supervisor on 2026-10-30 (as “level of tank T1 now”)**');
      // Another question (another SQL) carries no badge.
      const other = ((await (await slashCommand({ text: 'max level of tank T2 today' })).json()) as { text: string }).text;
      expect(other).not.toContain('Verified by');
    } finally {
      delete deps.verified;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the web app', () => {
  it('serves the bot endpoints outside the API auth, with their own checks', async () => {
    const { createApp } = await import('../../../ui/create-app.ts');
    const app = createApp(test.runtime, { bots: deps });
    const refused = await app.request('/hooks/mattermost', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=nope&text=hi',
    });
    expect(refused.status).toBe(401);
    const body = new URLSearchParams({ token: mmToken, command: '/otq', text: 'help', user_id: 'u_alice', user_name: 'alice' }).toString();
    const ok = await app.request('/hooks/mattermost', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { text: string }).text).toContain('Ask otq about plant data');
  });
});
