// POST /api/ask (JSON, or server-sent events with Accept: text/event-stream) and POST /api/ask/stream.
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ProgressEvent } from '../../agent/answer.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { askRequestSchema, readJsonBody } from '../api-schemas.ts';
import { toAskResponse } from '../answer-response.ts';
import { describeError } from '../error-handler.ts';
import { OtqError } from '../../core/errors.ts';

/** Interval of SSE comment lines, in milliseconds (below the usual 60 s proxy read timeout). */
const KEEP_ALIVE_MS = 15_000;

export function askRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/ask', (c) => ((c.req.header('accept') ?? '').includes('text/event-stream') ? askStream(deps, c) : askJson(deps, c)));
  app.post('/api/ask/stream', (c) => askStream(deps, c));
  return app;
}

async function askJson(deps: AppDeps, c: Context<AppEnv>): Promise<Response> {
  const body = await readJsonBody(c, askRequestSchema);
  const principal = c.get('principal');
  const answer = await deps.runtime.ask({
    principal,
    question: body.question,
    channel: c.get('audit').channel,
    requestId: c.get('requestId'),
    now: deps.clock(),
    ...(body.history ? { history: body.history } : {}),
    signal: c.req.raw.signal,
  });
  return c.json(await toAskResponse(deps, principal, answer, c.get('requestId'), body.question));
}

/** Events: `progress` (a ProgressEvent) any number of times, then exactly one `answer` or `error`. */
async function askStream(deps: AppDeps, c: Context<AppEnv>): Promise<Response> {
  const body = await readJsonBody(c, askRequestSchema);
  const principal = c.get('principal');
  const requestId = c.get('requestId');
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    // The page's Cancel (or a closed tab) ends the stream: the model call and the running query stop with it.
    stream.onAbort(() => controller.abort(new OtqError('CANCELLED', 'the question was cancelled: the client closed the answer stream')));
    // A comment line keeps reverse proxies from closing the stream while the model is thinking.
    const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => {}), KEEP_ALIVE_MS);
    let pending: Promise<void> = Promise.resolve();
    const onProgress = (event: ProgressEvent) => {
      pending = pending.then(() => stream.writeSSE({ event: 'progress', data: JSON.stringify(event) })).catch(() => {});
    };
    try {
      const answer = await deps.runtime.ask({
        principal,
        question: body.question,
        channel: c.get('audit').channel,
        requestId,
        now: deps.clock(),
        ...(body.history ? { history: body.history } : {}),
        signal: controller.signal,
        onProgress,
      });
      await pending;
      await stream.writeSSE({
        event: 'answer',
        data: JSON.stringify(await toAskResponse(deps, principal, answer, requestId, body.question)),
      });
    } catch (error) {
      await pending;
      const { code, message } = describeError(error, requestId);
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: { code, message } }) });
    } finally {
      clearInterval(keepAlive);
    }
  });
}
