// The otq web app: security headers, metrics, auth, rate limit and routes composed into one Hono app over a Runtime.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Runtime } from './runtime.ts';
import { OtqError } from '../core/errors.ts';
import type { AppDeps, AppEnv, AuditReader } from './app-env.ts';
import { createAuthMiddleware, type RemoteAddressOf } from './auth/authenticate.ts';
import { createClientAddress } from './auth/client-address.ts';
import { markRecorded, recordRefusal } from './refusals.ts';
import { createErrorHandler, type ErrorLog } from './error-handler.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createRateLimiter, defaultRateLimit, type RateLimitOptions } from './rate-limiter.ts';
import { createResultStore, type ResultStoreOptions } from './result-store.ts';
import { createAnswerMemory } from './answer-memory.ts';
import { createVerifiedStore } from './verified/verified-store.ts';
import { feedbackRoutes } from './routes/feedback-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { askRoutes } from './routes/ask-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { sparklineRoutes } from './routes/sparkline-routes.ts';
import { resultRoutes } from './routes/result-routes.ts';
import { sqlRoutes } from './routes/sql-routes.ts';
import { staticRoutes } from './routes/static-routes.ts';
import { createBotRoutes } from './bots/bot-routes.ts';
import type { BotDeps } from './bots/bot-deps.ts';
import { createEgress } from './bots/egress.ts';

export interface AppOptions {
  /** Reference time for questions and the rate limiter (tests inject a fixed clock). */
  clock?: () => Date;
  /** Per-principal limit on /api/ask and /api/sql; `false` turns it off (load tests). */
  rateLimit?: RateLimitOptions | false;
  /** Largest accepted request body, in bytes (default 256 KiB). */
  maxBodyBytes?: number;
  results?: ResultStoreOptions;
  /** Read side of the audit log for /api/audit; without it those routes answer 501. */
  auditReader?: AuditReader;
  /** Peer address of a request; defaults to the Node socket. Unknown addresses count as remote. */
  remoteAddress?: RemoteAddressOf;
  metrics?: Metrics;
  log?: ErrorLog;
  /** The verified answers file (default: verified-answers.jsonl beside the audit directory, shared by its instances). */
  verifiedFile?: string;
  /** Dependencies of the bot endpoints (tests inject sleep/egress); defaults from the config when bots are configured. */
  bots?: BotDeps;
}

/** Builds the app. It holds no sockets; `startServer` binds it, tests call `app.request()`. */
export function createApp(runtime: Runtime, options: AppOptions = {}): Hono<AppEnv> {
  const clock = options.clock ?? (() => new Date());
  const nowMs = () => clock().getTime();
  const socketAddress = options.remoteAddress ?? nodeRemoteAddress;
  const server = runtime.config.server;
  const deps: AppDeps = {
    runtime,
    clock,
    metrics: options.metrics ?? createMetrics(),
    limiter: options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? defaultRateLimit, nowMs),
    results: createResultStore(options.results ?? {}, nowMs),
    auditReader: options.auditReader ?? null,
    answers: createAnswerMemory({}, nowMs),
    verified: createVerifiedStore(options.verifiedFile ?? join(dirname(runtime.config.audit.dir), 'verified-answers.jsonl')),
    clientAddress: createClientAddress([...server.trustedProxies, ...(server.auth?.proxy?.trustedAddresses ?? [])], socketAddress),
  };
  const log = options.log ?? ((message, error) => console.error(message, error));
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('startedAt', started);
    c.set('requestId', randomUUID());
    c.header('X-Request-Id', c.get('requestId'));
    try {
      await next();
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- hono types the middleware input as any
      deps.metrics.observeRequest(routeLabel(c), c.req.method, c.res.status, (performance.now() - started) / 1000);
    }
  });
  app.use('*', securityHeaders);
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/', staticRoutes());

  // Bot endpoints authenticate themselves (Mattermost token, Teams HMAC) and act as the mapped user, so they sit outside /api auth.
  if (runtime.config.bots) {
    app.use(
      '/hooks/*',
      bodyLimit({
        maxSize: options.maxBodyBytes ?? 256 * 1024,
        onError: () => {
          throw new OtqError('TOO_LARGE', 'the request body is too large');
        },
      }),
    );
    app.route(
      '/hooks',
      createBotRoutes(
        options.bots ?? {
          runtime,
          egress: createEgress({ allowedHosts: runtime.config.egress.allowedHosts }),
          env: process.env,
          ...(runtime.config.server.publicUrl ? { publicUrl: runtime.config.server.publicUrl.replace(/\/$/, '') } : {}),
          newRequestId: randomUUID,
          pending: new Set(),
          nowMs,
          clientAddress: deps.clientAddress,
          verified: deps.verified,
        },
      ),
    );
  }

  const auth = createAuthMiddleware(deps, socketAddress);
  app.use('/api/*', auth);
  app.use('/metrics', auth);
  app.use('/api/*', apiBodyLimit(options.maxBodyBytes ?? 256 * 1024));
  const limit = rateLimitMiddleware(deps);
  app.use('/api/ask', limit);
  app.use('/api/ask/*', limit);
  app.use('/api/sql', limit);
  app.use('/api/feedback', limit);
  app.use('/api/verified/*', limit);

  app.get('/metrics', async (c) => {
    // Counts by route, rule and source describe the plant's use of otq: only a role granted `metrics_read` reads them.
    // A refusal is recorded (error handler); an allowed scrape is not, or every 15 s scrape would add a record.
    const decision = await runtime.guard.check(c.get('principal'), { tool: 'metrics_read', args: {} });
    if (decision.kind === 'deny') throw new OtqError('FORBIDDEN', `${decision.reason} (rule ${decision.rule})`);
    return c.text(deps.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  app.route('/', askRoutes(deps));
  app.route('/', sqlRoutes(deps));
  app.route('/', catalogRoutes(deps));
  app.route('/', sparklineRoutes(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', resultRoutes(deps));
  app.route('/', feedbackRoutes(deps));

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError(createErrorHandler(deps, log));
  return app;
}

/**
 * hono's bodyLimit, with the common case decided from the headers alone: a GET or HEAD, or a body with a
 * Content-Length and no Transfer-Encoding (Node's HTTP parser has already checked that the body matches it).
 * hono's own check starts with `c.req.raw.body`, which makes the Node adapter build a full web Request with a
 * stream over the socket on every API call; a chunked body still goes through it and is counted as it arrives.
 */
function apiBodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (): never => {
    throw new OtqError('TOO_LARGE', `the request body is larger than ${Math.round(maxSize / 1024)} KiB`);
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^[0-9]+$/.test(length)) {
      if (Number(length) > maxSize) tooLarge();
      return next();
    }
    return streamed(c, next);
  };
}

function rateLimitMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!deps.limiter) return next();
    const principal = c.get('principal');
    const outcome = deps.limiter.take(principal.id);
    if (outcome.ok) return next();
    deps.metrics.inc('otq_rate_limited_total', {});
    const reason = `too many requests; try again in ${outcome.retryAfterSeconds} s`;
    // Every refusal is one record (not one per burst): the log counts exactly what the limiter refused.
    await recordRefusal(deps, c, deps.clientAddress(c), {
      outcome: 'rate_limited',
      status: 429,
      code: 'RATE_LIMITED',
      reason,
      retryAfterSeconds: outcome.retryAfterSeconds,
    });
    throw markRecorded(new OtqError('RATE_LIMITED', reason, { details: { retryAfterSeconds: outcome.retryAfterSeconds } }));
  };
}

/** The route pattern that answered (e.g. `/api/results/:file`), so metrics have bounded label values. */
function routeLabel(c: Context<AppEnv, '*'>): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  const last = handlers[handlers.length - 1];
  if (!last || last.path === '*') return c.res.status === 404 ? 'unmatched' : 'static';
  return last.path;
}

function nodeRemoteAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
