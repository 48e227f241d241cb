// POST /hooks/teams: a Teams outgoing webhook, HMAC-verified over the raw body, mapped to a real otq principal.
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import type { AuditContext } from '../../audit/audit-record.ts';
import { answerWithin } from './answer-within.ts';
import { askSafely } from './ask-safely.ts';
import type { TeamsConfig } from './bot-config.ts';
import { deliverLater, socketAddress, type BotDeps } from './bot-deps.ts';
import { renderAnswerMarkdown } from './render-markdown.ts';
import { namedAnswer } from './named-answer.ts';
import { withVerification, type BotAnswer } from './verified-answer.ts';
import { chartUnits, columnDisplays, displayCell } from '../display-format.ts';
import { safeEqual } from './safe-equal.ts';
import { createReplayGuard, type ReplayVerdict } from './replay-guard.ts';

interface TeamsActivity {
  type?: string;
  id?: string;
  /** ISO-8601 instant the activity was sent (UTC). */
  timestamp?: string;
  conversation?: { id?: string };
  text?: string;
  from?: { id?: string; name?: string; aadObjectId?: string };
}

const replayReasons: Record<Exclude<ReplayVerdict, 'ok'>, string> = {
  no_id: 'the activity has no id',
  no_timestamp: 'the activity has no valid timestamp',
  stale: 'the activity is older than the acceptance window (a replay, or a clock far off)',
  future: 'the activity is dated ahead of the acceptance window (clock far off)',
  replayed: 'the activity id was already answered (replay)',
};

export function createTeamsHook(deps: BotDeps, config: TeamsConfig): Hono {
  const app = new Hono();
  const replay = deps.replay ?? createReplayGuard(config.maxActivityAgeSeconds * 1000);
  const nowMs = deps.nowMs ?? Date.now;
  const remoteOf = deps.clientAddress ?? socketAddress;
  app.post('/', async (c) => {
    const raw = await c.req.text();
    const requestId = deps.newRequestId();
    const secret = deps.env[config.secretEnv] ?? '';
    const header = c.req.header('authorization') ?? '';
    const presented = header.replace(/^HMAC\s+/i, '');
    const expected = secret === '' ? '' : createHmac('sha256', Buffer.from(secret, 'base64')).update(raw, 'utf8').digest('base64');
    let activity: TeamsActivity = {};
    try {
      activity = JSON.parse(raw) as TeamsActivity;
    } catch {
      activity = {};
    }
    if (secret === '' || !/^HMAC\s+/i.test(header) || !safeEqual(presented, expected)) {
      await deps.runtime.audit.record(
        'auth',
        { principal: null, channel: 'teams', requestId },
        {
          event: 'refused',
          reason:
            secret === ''
              ? `no secret configured (environment variable ${config.secretEnv} is empty)`
              : header === ''
                ? 'missing signature'
                : 'bad signature',
          platform: 'teams',
          platformUser: activity.from?.aadObjectId ?? null,
          remote: remoteOf(c) ?? null,
        },
      );
      return c.json({ error: { code: 'AUTH_FAILED', message: 'invalid Teams HMAC signature' } }, 401);
    }
    // A valid signature proves Teams sent this body once; the timestamp and the id make sure it is answered once.
    const activityId = activity.id === undefined ? undefined : `${activity.conversation?.id ?? ''}|${activity.id}`;
    const verdict = replay.check(activityId, activity.timestamp, nowMs());
    if (verdict !== 'ok') {
      await deps.runtime.audit.record(
        'auth',
        { principal: null, channel: 'teams', requestId },
        {
          event: 'refused',
          reason: replayReasons[verdict],
          platform: 'teams',
          platformUser: activity.from?.aadObjectId ?? null,
          activityId: activity.id ?? null,
          activityTimestamp: activity.timestamp ?? null,
          remote: remoteOf(c) ?? null,
        },
      );
      return c.json({ error: { code: 'AUTH_FAILED', message: `Teams activity refused: ${replayReasons[verdict]}` } }, 401);
    }
    const aad = activity.from?.aadObjectId;
    const userId = aad && Object.hasOwn(config.users, aad) ? config.users[aad] : undefined;
    const principal = userId ? deps.runtime.principalFor(userId) : undefined;
    if (!principal) {
      await deps.runtime.audit.record(
        'auth',
        { principal: null, channel: 'teams', requestId },
        { event: 'unmapped_user', platform: 'teams', platformUser: activity.from?.aadObjectId ?? null },
      );
      return c.json(
        message(
          `Sorry ${activity.from?.name ?? ''}, your Teams account is not linked to an otq user, so I cannot answer. Ask your otq administrator to add your AAD object id under bots.teams.users.`.replace(
            '  ',
            ' ',
          ),
        ),
      );
    }
    const text = stripMentions(activity.text ?? '');
    const showSql = /^sql\b/i.test(text);
    const question = showSql ? text.replace(/^sql\b/i, '').trim() : text;
    if (question === '' || /^help$/i.test(question))
      return c.json(message('Ask me about plant data, e.g. "max discharge pressure at BPS03 yesterday". Start with "sql" to see the SQL.'));

    const context: AuditContext = { principal: principal.id, channel: 'teams', requestId };
    const pending = askSafely(deps.runtime, { principal, question, channel: 'teams', requestId })
      .then((answer) => namedAnswer(deps.runtime, principal, answer).catch(() => answer))
      .then((answer) => withVerification(deps.verified, answer));
    const timed = await answerWithin(pending, config.inlineBudgetMs, deps.sleep);
    if (timed.kind === 'inline') return c.json(renderTeams(timed.answer, config, showSql, deps.runtime.config.timezone));

    const deliveryUrl = config.deliveryUrl;
    if (!deliveryUrl)
      return c.json(
        message(
          'This question takes longer than Teams allows for a reply, and no delivery webhook is configured (bots.teams.deliveryUrl). Please ask in the otq web UI.',
        ),
      );
    deliverLater(deps, context, { platform: 'teams', url: deliveryUrl }, timed.answer, (answer) =>
      renderTeams(answer, config, showSql, deps.runtime.config.timezone),
    );
    return c.json(message('Working on it — the answer will be posted to this channel.'));
  });
  return app;
}

/** Removes `<at>Name</at>` mentions and other markup Teams puts around the text. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

function message(text: string): { type: 'message'; text: string } {
  return { type: 'message', text };
}

/** Markdown text, plus an Adaptive Card table when the answer has rows. */
export function renderTeams(answer: BotAnswer, config: TeamsConfig, showSql: boolean, timezone = 'UTC'): Record<string, unknown> {
  const text = renderAnswerMarkdown({ ...answer, columns: [], rows: [] }, { maxRows: 0, showSql, timezone });
  const display = columnDisplays(answer.columns, answer.rows, chartUnits(answer.chart));
  if (answer.rows.length === 0 || answer.decision?.kind === 'deny') return message(text);
  const shown = answer.rows.slice(0, config.maxTableRows);
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      {
        type: 'Table',
        columns: answer.columns.map(() => ({ width: 1 })),
        rows: [answer.columns.map((c) => c.name), ...shown.map((r) => r.map((cell, i) => displayCell(cell, display[i]!, timezone)))].map(
          (cells, i) => ({
            type: 'TableRow',
            cells: cells.map((value) => ({
              type: 'TableCell',
              items: [{ type: 'TextBlock', text: value, wrap: true, ...(i === 0 ? { weight: 'Bolder' } : {}) }],
            })),
          }),
        ),
      },
      ...(answer.rows.length > shown.length
        ? [{ type: 'TextBlock', text: `… ${answer.rows.length - shown.length} more rows`, isSubtle: true }]
        : []),
    ],
  };
  return { type: 'message', text, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}
