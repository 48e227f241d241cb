// Mounts the configured bot endpoints (/hooks/mattermost, /hooks/teams); unconfigured ones answer 404.
import { Hono } from 'hono';
import type { BotDeps } from './bot-deps.ts';
import { createMattermostHook } from './mattermost-hook.ts';
import { createTeamsHook } from './teams-hook.ts';

export function createBotRoutes(deps: BotDeps): Hono {
  const app = new Hono();
  const bots = deps.runtime.config.bots;
  if (bots?.mattermost) app.route('/mattermost', createMattermostHook(deps, bots.mattermost));
  if (bots?.teams) app.route('/teams', createTeamsHook(deps, bots.teams));
  return app;
}
