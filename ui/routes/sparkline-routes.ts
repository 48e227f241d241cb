// GET /api/sparklines: time-weighted bucket averages of a source's tags over a window (default: all the caller may see,
// the last 24 h), one guarded and audited query per source, for the catalog tree and one-value answers.
import { Hono } from 'hono';
import { z } from 'zod';
import { OtqError } from '../../core/errors.ts';
import type { TagInfo } from '../../connectors/connector.ts';
import { parseWith } from '../api-schemas.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { runPageQuery } from './page-query.ts';
import { compileSparklines, MAX_SPARKLINE_DAYS, MAX_SPARKLINE_TAGS, readSparklines, type Sparkline } from '../sparkline-query.ts';

/** The audit log's name for a sparkline query (judged by the guard as run_sql). */
export const SPARKLINE_TOOL = 'sparkline';

const DAY_MS = 86_400_000;

const sparklineQuerySchema = z
  .object({
    source: z.string().min(1).max(100).optional().describe('one source; default every source with a historian mapping'),
    tags: z.string().max(20_000).optional().describe('tag names separated by commas; default every tag the caller may see'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export interface SparklineSourceBody {
  from: string;
  to: string;
  bucket: string;
  lines?: Sparkline[];
  /** Tags of the source left out because one query covers at most MAX_SPARKLINE_TAGS. */
  omitted?: number;
  error?: string;
}

export function sparklineRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/sparklines', async (c) => {
    const query = parseWith(sparklineQuerySchema, c.req.query());
    const principal = c.get('principal');
    const now = deps.clock();
    // The window ends now at the latest (the catalog page asks for the 24 h before a source's newest sample).
    const to = new Date(Math.min(query.to ? Date.parse(query.to) : now.getTime(), now.getTime()));
    const from = query.from ? new Date(Date.parse(query.from)) : new Date(to.getTime() - DAY_MS);
    if (!(from.getTime() < to.getTime())) throw new OtqError('USAGE', 'invalid request: from must be before to (and to not after now)');
    if (to.getTime() - from.getTime() > MAX_SPARKLINE_DAYS * DAY_MS)
      throw new OtqError('USAGE', `invalid request: a sparkline window is at most ${MAX_SPARKLINE_DAYS} days`);
    const wanted = query.tags
      ?.split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    // Only what the caller's catalog shows: a row-filtered role's catalog holds its own tags alone.
    const catalog = (await deps.runtime.catalog(principal, c.get('audit'))).filter(
      (s) => s.historian && s.tags?.length && (!query.source || s.name === query.source),
    );
    if (query.source && catalog.length === 0)
      throw new OtqError('NOT_FOUND', `no source "${query.source}" with a tag catalog you may read (see GET /api/catalog)`);
    const out: Record<string, SparklineSourceBody> = {};
    for (const source of catalog) {
      const tags = pick(source.tags ?? [], wanted);
      if (tags.length === 0) continue;
      const compiled = compileSparklines(source, tags, from, to, deps.runtime.config.timezone);
      if (!compiled) continue;
      const body: SparklineSourceBody = { from: from.toISOString(), to: to.toISOString(), bucket: compiled.bucket };
      if (tags.length > MAX_SPARKLINE_TAGS) body.omitted = tags.length - MAX_SPARKLINE_TAGS;
      const ran = await runPageQuery(deps, c, { source: source.name, sql: compiled.sql, tool: SPARKLINE_TOOL });
      if ('error' in ran) body.error = ran.error;
      else body.lines = readSparklines(compiled, ran.result);
      out[source.name] = body;
    }
    if (wanted && Object.keys(out).length === 0)
      throw new OtqError('NOT_FOUND', `none of the tags ${wanted.join(', ')} is in a catalog you may read (see GET /api/catalog)`);
    return c.json({ sources: out, timezone: deps.runtime.config.timezone });
  });
  return app;
}

/** The catalog's tags named in `wanted` (in the catalog's order), or all of them. */
function pick(tags: TagInfo[], wanted: string[] | undefined): TagInfo[] {
  if (!wanted) return tags;
  const names = new Set(wanted);
  return tags.filter((t) => names.has(t.name));
}
