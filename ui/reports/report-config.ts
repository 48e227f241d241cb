// Configuration slice for scheduled reports: what to run, as whom, when, in which formats, delivered where.
import { z } from 'zod';
import { timeZoneName } from '../../core/time-zone.ts';

export const reportDestinationSchema = z.union([
  z.object({ folder: z.string().min(1) }).strict(),
  z.object({ mattermost: z.string().url().describe('Mattermost incoming webhook URL') }).strict(),
  z.object({ teams: z.string().url().describe('Teams incoming webhook / workflow URL') }).strict(),
  z.object({ webhook: z.string().url().describe('generic webhook receiving the report as JSON') }).strict(),
]);

export const reportDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'report names are lower-case, digits, - and _'),
    /** Cron expression (5 or 6 fields), evaluated in `timezone` with DST handled. */
    cron: z.string().min(9),
    timezone: timeZoneName.optional(),
    /** The otq user the report runs as (a key of `users`): its scopes apply. */
    user: z.string().min(1),
    question: z.string().min(1).optional(),
    sql: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    formats: z
      .array(z.enum(['csv', 'markdown', 'html']))
      .min(1)
      .default(['markdown']),
    destinations: z.array(reportDestinationSchema).min(1),
    /** What to do at start when a scheduled run was missed while otq was down. */
    missed: z.enum(['run-once', 'skip']).default('run-once'),
    /** Flag the report as stale when the newest sample is older than this many minutes. */
    staleAfterMinutes: z.number().int().min(1).optional(),
    retries: z.number().int().min(0).max(10).default(3),
  })
  .strict()
  .refine((r) => (r.question === undefined) !== (r.sql === undefined), { message: 'give either question or sql (with source), not both' })
  .refine((r) => r.sql === undefined || r.source !== undefined, { message: 'sql needs a source', path: ['source'] });

export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;
export type ReportDestination = z.infer<typeof reportDestinationSchema>;

/** The URLs a report sends to, for the egress allowlist check. */
export function destinationUrls(destination: ReportDestination): string[] {
  if ('mattermost' in destination) return [destination.mattermost];
  if ('teams' in destination) return [destination.teams];
  if ('webhook' in destination) return [destination.webhook];
  return [];
}
