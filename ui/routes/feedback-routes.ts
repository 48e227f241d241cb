// Answer feedback and verified answers. POST /api/feedback: thumbs up/down and "wrong because ..." on an answer this
// server gave the asker (an audit record). /api/verified: a role granted the `verify_answer` tool marks an answer
// verified (its question, source and SQL are stored, with the evidence), lists and retires them.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { OtqError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { markRecorded } from '../refusals.ts';
import { readJsonBody } from '../api-schemas.ts';
import { countDecision } from '../answer-response.ts';
import type { RememberedAnswer } from '../answer-memory.ts';

/** The guard tool that lets a role vouch for answers (granted to supervisors in the shipped policy). */
export const VERIFY_TOOL = 'verify_answer';

const requestIdSchema = z.string().min(1).max(100);

export const feedbackRequestSchema = z
  .object({
    requestId: requestIdSchema,
    rating: z.enum(['up', 'down']),
    /** "wrong because ...": what the asker says is wrong (or right) about the answer. */
    reason: z.string().trim().max(1000, 'keep the reason under 1000 characters').optional(),
  })
  .strict();

export const verifyRequestSchema = z.object({ requestId: requestIdSchema }).strict();
export const retireRequestSchema = z.object({ reason: z.string().trim().min(1, 'say why the answer is retired').max(1000) }).strict();

export function feedbackRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/api/feedback', async (c) => {
    const body = await readJsonBody(c, feedbackRequestSchema);
    const remembered = recallOwn(deps, c, body.requestId);
    const record = await deps.runtime.audit.record('feedback', c.get('audit'), {
      action: 'rating',
      answerRequestId: body.requestId,
      rating: body.rating,
      reason: body.reason ?? null,
      ...aboutAnswer(remembered),
    });
    return c.json({ auditSeq: record.seq });
  });

  app.post('/api/verified', async (c) => {
    const body = await readJsonBody(c, verifyRequestSchema);
    await authorize(deps, c, { action: 'verify', answerRequestId: body.requestId });
    const remembered = recallOwn(deps, c, body.requestId);
    const { answer } = remembered;
    if (!answer.sql || !answer.source || answer.decision?.kind === 'deny' || answer.columns.length === 0)
      throw new OtqError('USAGE', 'only an answer with data (a query that ran) can be verified');
    const principal = c.get('principal');
    const verifiedAt = deps.clock().toISOString();
    const record = await deps.runtime.audit.record('feedback', c.get('audit'), {
      action: 'verified',
      answerRequestId: body.requestId,
      ...aboutAnswer(remembered),
    });
    const entry = await deps.verified.add({
      question: remembered.question,
      answer: answer.answer,
      source: answer.source,
      sql: answer.sql,
      ...(answer.window ? { window: answer.window.label } : {}),
      verifiedBy: principal.id,
      verifiedByName: principal.displayName ?? principal.id,
      verifiedAt,
      evidence: answer.auditSeq,
      verificationSeq: record.seq,
    });
    return c.json({ verified: entry });
  });

  app.get('/api/verified', async (c) => {
    await authorize(deps, c, { action: 'list' });
    return c.json({ verified: await deps.verified.list() });
  });

  app.post('/api/verified/:id/retire', async (c) => {
    const body = await readJsonBody(c, retireRequestSchema);
    const id = c.req.param('id');
    await authorize(deps, c, { action: 'retire', verifiedId: id });
    const principal = c.get('principal');
    const existing = (await deps.verified.list()).find((e) => e.id === id && !e.retired);
    if (!existing) throw new OtqError('NOT_FOUND', `no active verified answer ${id}`);
    const record = await deps.runtime.audit.record('feedback', c.get('audit'), {
      action: 'retired',
      verifiedId: id,
      question: existing.question,
      reason: body.reason,
    });
    const retired = await deps.verified.retire(id, principal.id, deps.clock().toISOString(), body.reason, record.seq);
    if (!retired) throw new OtqError('NOT_FOUND', `no active verified answer ${id}`);
    return c.json({ verified: retired });
  });

  return app;
}

/** An answer this server gave this principal recently; anything else is 404 (no hint that another user's exists). */
function recallOwn(deps: AppDeps, c: Context<AppEnv>, requestId: string): RememberedAnswer {
  const remembered = deps.answers.recall(requestId, c.get('principal').id);
  if (!remembered)
    throw new OtqError('NOT_FOUND', 'no such answer: feedback and verification refer to your own answers of the last 24 hours');
  return remembered;
}

function aboutAnswer(remembered: RememberedAnswer): JsonObject {
  const { answer } = remembered;
  return {
    question: remembered.question,
    answeredBy: answer.answeredBy,
    source: answer.source,
    sql: answer.sql,
    evidence: answer.auditSeq,
  };
}

/** Verifying and retiring are guarded tool calls: the call and the decision are recorded; a denial is 403. */
async function authorize(deps: AppDeps, c: Context<AppEnv>, args: JsonObject): Promise<void> {
  const principal = c.get('principal');
  const context = c.get('audit');
  const call = { tool: VERIFY_TOOL, args };
  await deps.runtime.audit.record('tool_call', context, call);
  const decision = await deps.runtime.guard.check(principal, call);
  countDecision(deps, decision.kind === 'allow' ? { kind: 'allow' } : decision);
  await deps.runtime.audit.record('policy_decision', context, {
    tool: VERIFY_TOOL,
    decision: decision.kind,
    rule: decision.kind === 'allow' ? null : decision.rule,
    reason: decision.kind === 'allow' ? null : decision.reason,
    policyBundle: deps.runtime.guard.bundleHash,
  });
  // The policy_decision record above is the refusal's evidence.
  if (decision.kind === 'deny') throw markRecorded(new OtqError('FORBIDDEN', `${decision.reason} (rule ${decision.rule})`));
}
