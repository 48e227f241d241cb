// GET /api/audit and /api/audit/verify: the evidence log for principals the guard allows the `audit_read` tool (role auditor).
import { Hono, type Context } from 'hono';
import { OtqError } from '../../core/errors.ts';
import { maskRecordErrors } from '../../audit/mask-values.ts';
import type { JsonObject } from '../../core/json.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { markRecorded } from '../refusals.ts';
import { auditQuerySchema, parseWith } from '../api-schemas.ts';
import { countDecision } from '../answer-response.ts';

export function auditRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/audit', async (c) => {
    const query = parseWith(auditQuerySchema, c.req.query());
    await authorizeAuditRead(deps, c, { action: 'read', ...query });
    if (!deps.auditReader) return notWired(c);
    // The audit role reads the log's shape, not plant data: engine and answer error texts come masked (mask-values.ts).
    const records = (await deps.auditReader.read(query)).map(maskRecordErrors);
    return c.json({ records, limit: query.limit });
  });
  app.get('/api/audit/verify', async (c) => {
    await authorizeAuditRead(deps, c, { action: 'verify' });
    if (!deps.auditReader) return notWired(c);
    return c.json(await deps.auditReader.verify());
  });
  return app;
}

/** Reading the evidence is itself evidence: the tool call and the guard's decision are recorded; a denial is 403. */
async function authorizeAuditRead(deps: AppDeps, c: Context<AppEnv>, args: JsonObject): Promise<void> {
  const principal = c.get('principal');
  const context = c.get('audit');
  const call = { tool: 'audit_read', args };
  await deps.runtime.audit.record('tool_call', context, call);
  const decision = await deps.runtime.guard.check(principal, call);
  countDecision(deps, decision.kind === 'allow' ? { kind: 'allow' } : decision);
  await deps.runtime.audit.record('policy_decision', context, {
    tool: 'audit_read',
    decision: decision.kind,
    rule: decision.kind === 'allow' ? null : decision.rule,
    reason: decision.kind === 'allow' ? null : decision.reason,
    policyBundle: deps.runtime.guard.bundleHash,
  });
  // The policy_decision record above is the refusal's evidence.
  if (decision.kind === 'deny') throw markRecorded(new OtqError('FORBIDDEN', `${decision.reason} (rule ${decision.rule})`));
}

function notWired(c: Context<AppEnv>): Response {
  return c.json(
    { error: { code: 'NOT_IMPLEMENTED', message: 'the audit reader is not wired into this server (createApp option auditReader)' } },
    501,
  );
}
