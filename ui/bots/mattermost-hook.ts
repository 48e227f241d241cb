// POST /hooks/mattermost: slash commands and outgoing webhooks, token-checked, mapped to a real otq principal.
import { Hono, type Context } from 'hono';
import type { AuditContext } from '../../audit/audit-record.ts';
import { answerWithin } from './answer-within.ts';
import { askSafely } from './ask-safely.ts';
import type { MattermostConfig } from './bot-config.ts';
import { deliverLater, socketAddress, type BotDeps } from './bot-deps.ts';
import { renderAnswerMarkdown } from './render-markdown.ts';
import { namedAnswer } from './named-answer.ts';
import { withVerification, type BotAnswer } from './verified-answer.ts';
import { matchesAny } from './safe-equal.ts';

type Fields = Record<string, string>;

const help =
  'Ask otq about plant data, e.g. `/otq max discharge pressure at BPS03 yesterday`.\n' +
  'Add `sql` first to see the SQL: `/otq sql average flow at BPS01 last 24 h`.';

export function createMattermostHook(deps: BotDeps, config: MattermostConfig): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const fields = await readFields(c);
    const requestId = deps.newRequestId();
    const system: AuditContext = { principal: null, channel: 'mattermost', requestId };
    const presented = (c.req.header('authorization') ?? '').replace(/^Token\s+/i, '') || fields['token'] || '';
    const tokens = config.tokenEnvs.map((name) => deps.env[name] ?? '').filter((t) => t !== '');
    if (presented === '' || tokens.length === 0 || !matchesAny(presented, tokens)) {
      await deps.runtime.audit.record('auth', system, {
        event: 'refused',
        reason:
          presented === '' ? 'missing token' : tokens.length === 0 ? 'no token configured (check bots.mattermost.tokenEnvs)' : 'bad token',
        platform: 'mattermost',
        platformUser: fields['user_name'] ?? fields['user_id'] ?? null,
        remote: (deps.clientAddress ?? socketAddress)(c) ?? null,
      });
      return c.json({ error: { code: 'AUTH_FAILED', message: 'invalid Mattermost token' } }, 401);
    }
    const isWebhook = fields['trigger_word'] !== undefined;
    // Ids and names in separate maps (own keys only): a user name equal to someone's id key is just an unknown name.
    const userId = ownValue(config.users, fields['user_id']) ?? ownValue(config.userNames, fields['user_name']);
    const principal = userId ? deps.runtime.principalFor(userId) : undefined;
    if (!principal) {
      await deps.runtime.audit.record('auth', system, {
        event: 'unmapped_user',
        platform: 'mattermost',
        platformUser: fields['user_name'] ?? fields['user_id'] ?? null,
      });
      return c.json(
        reply(
          isWebhook,
          'ephemeral',
          `Sorry @${fields['user_name'] ?? 'there'}, your Mattermost account is not linked to an otq user, so I cannot answer. Ask your otq administrator to add you under bots.mattermost.users.`,
        ),
      );
    }
    let text = (fields['text'] ?? '').trim();
    if (isWebhook && fields['trigger_word'] && text.startsWith(fields['trigger_word']))
      text = text.slice(fields['trigger_word'].length).trim();
    const showSql = /^sql\b/i.test(text);
    const question = showSql ? text.replace(/^sql\b/i, '').trim() : text;
    if (question === '' || /^help$/i.test(question)) return c.json(reply(isWebhook, 'ephemeral', help));

    const command = (fields['command'] ?? '').replace(/^\//, '');
    const personal = principal.roles.some((role) => config.personalDataRoles.includes(role));
    const responseType = personal ? 'ephemeral' : (config.commands[command]?.responseType ?? config.responseType);
    const context: AuditContext = { principal: principal.id, channel: 'mattermost', requestId };
    const render = (answer: BotAnswer) =>
      renderAnswerMarkdown(answer, {
        maxRows: config.maxTableRows,
        showSql,
        timezone: deps.runtime.config.timezone,
        ...(deps.publicUrl ? { link: `${deps.publicUrl}/?q=${encodeURIComponent(question)}` } : {}),
      });

    const pending = askSafely(deps.runtime, { principal, question, channel: 'mattermost', requestId })
      .then((answer) => namedAnswer(deps.runtime, principal, answer).catch(() => answer))
      .then((answer) => withVerification(deps.verified, answer));
    const timed = await answerWithin(pending, config.inlineBudgetMs, deps.sleep);
    if (timed.kind === 'inline') return c.json(reply(isWebhook, responseType, render(timed.answer)));

    const responseUrl = fields['response_url'];
    if (!responseUrl || !deps.egress.isAllowed(responseUrl)) {
      await deps.runtime.audit.record('report', context, {
        event: 'delivery_refused',
        platform: 'mattermost',
        url: responseUrl ?? null,
        reason: 'response_url host is not on egress.allowedHosts',
      });
      return c.json(
        reply(
          isWebhook,
          'ephemeral',
          'This question takes a while, and I am not allowed to post late answers to this server (its host is not on the egress allowlist). Please ask in the otq web UI.',
        ),
      );
    }
    deliverLater(deps, context, { platform: 'mattermost', url: responseUrl }, timed.answer, (answer) => ({
      response_type: responseType,
      text: render(answer),
    }));
    return c.json(reply(isWebhook, 'ephemeral', ':hourglass_flowing_sand: Working on it — the answer will follow here.'));
  });
  return app;
}

function reply(isWebhook: boolean, responseType: 'ephemeral' | 'in_channel', text: string): Record<string, string> {
  return isWebhook ? { response_type: 'comment', text } : { response_type: responseType, text };
}

async function readFields(c: Context): Promise<Fields> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
  }
  const body = await c.req.parseBody().catch(() => ({}));
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Fields;
}

function ownValue(map: Record<string, string>, key: string | undefined): string | undefined {
  return key !== undefined && key !== '' && Object.hasOwn(map, key) ? map[key] : undefined;
}
