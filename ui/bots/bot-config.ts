// Configuration slice for the Mattermost and Teams bots: tokens from environment variables, user mapping.
import { z } from 'zod';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, e.g. OTQ_MM_TOKEN');

export const mattermostConfigSchema = z
  .object({
    /** Environment variables holding the slash-command / outgoing-webhook tokens (one per command or hook). */
    tokenEnvs: z.array(envName).min(1),
    /** Mattermost user_id -> otq user id (a key of `users`). Ids are fixed by Mattermost; prefer them. */
    users: z.record(z.string().min(1), z.string().min(1)).default({}),
    /**
     * Mattermost user_name -> otq user id, looked up only when the user_id is not mapped. A separate map: a user name
     * that equals another user's id key never acts as that user. Use it only where users cannot rename themselves.
     */
    userNames: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Default response type; per command name (without the slash) overrides. */
    responseType: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
    commands: z.record(z.string().min(1), z.object({ responseType: z.enum(['ephemeral', 'in_channel']) }).strict()).default({}),
    /** Roles whose results may hold personal data: always answered ephemerally. */
    personalDataRoles: z.array(z.string()).default(['supervisor']),
    /** Answer inline when ready within this many ms, else acknowledge and post to response_url. */
    inlineBudgetMs: z.number().int().min(100).max(2500).default(2000),
    maxTableRows: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const teamsConfigSchema = z
  .object({
    /** Environment variable holding the outgoing webhook's base64 HMAC secret. */
    secretEnv: envName,
    /** AAD object id -> otq user id. */
    users: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Activities older (or dated further ahead) than this are refused; their ids are remembered this long (replay). */
    maxActivityAgeSeconds: z.number().int().min(30).max(3600).default(300),
    /** Incoming webhook / workflow URL for answers that take longer than the inline budget. */
    deliveryUrl: z.string().url().optional(),
    inlineBudgetMs: z.number().int().min(100).max(4500).default(4000),
    maxTableRows: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const botsConfigSchema = z.object({ mattermost: mattermostConfigSchema.optional(), teams: teamsConfigSchema.optional() }).strict();

export type MattermostConfig = z.infer<typeof mattermostConfigSchema>;
export type TeamsConfig = z.infer<typeof teamsConfigSchema>;
export type BotsConfig = z.infer<typeof botsConfigSchema>;
