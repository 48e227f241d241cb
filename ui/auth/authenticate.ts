// Who is asking: bearer token, trusted reverse-proxy header, or (loopback without auth) the configured default user. Refusals are audited.
import type { Context, MiddlewareHandler } from 'hono';
import type { Channel, Principal } from '../../core/principal.ts';
import { httpStatusFor, OtqError, type OtqErrorCode } from '../../core/errors.ts';
import { markRecorded } from '../refusals.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { createAddressList, hostNameOf, isLoopbackAddress, isLoopbackHost } from './address.ts';
import { findTokenUser } from './api-token.ts';
import type { ServerConfig } from '../server-config.ts';

/** True when tokens or a trusted proxy are configured; otherwise only loopback requests are served. */
export function authConfigured(server: ServerConfig): boolean {
  return (server.auth?.tokens.length ?? 0) > 0 || server.auth?.proxy !== undefined;
}

/** Reads the peer address of a request (undefined when unknown: such requests are treated as remote). */
export type RemoteAddressOf = (c: Context) => string | undefined;

/** Sets `principal` and `audit` on the context, or throws AUTH_FAILED (401) / FORBIDDEN (403) after an `auth` audit record. */
export function createAuthMiddleware(deps: AppDeps, remoteAddressOf: RemoteAddressOf): MiddlewareHandler<AppEnv> {
  const { runtime } = deps;
  const server = runtime.config.server;
  const configured = authConfigured(server);
  const tokens = server.auth?.tokens ?? [];
  const proxy = server.auth?.proxy;
  const trustedProxy = createAddressList(proxy?.trustedAddresses ?? []);

  return async (c, next) => {
    const address = remoteAddressOf(c);
    const requestId = c.get('requestId');
    const refuse = async (code: OtqErrorCode, reason: string, claimedUser: string | null = null): Promise<never> => {
      deps.metrics.inc('otq_auth_refusals_total', { reason: code === 'FORBIDDEN' ? 'forbidden' : 'unauthenticated' });
      await runtime.audit.record(
        'auth',
        { principal: null, channel: 'web', requestId },
        {
          outcome: 'refused',
          status: httpStatusFor(code),
          code,
          reason,
          method: c.req.method,
          path: c.req.path,
          remoteAddress: deps.clientAddress(c) ?? null,
          user: claimedUser,
        },
      );
      throw markRecorded(new OtqError(code, reason));
    };
    const accept = async (userId: string, channel: Channel): Promise<void> => {
      const principal: Principal | undefined = runtime.principalFor(userId);
      if (!principal) return refuse('FORBIDDEN', `user "${userId}" is not configured in otq.yaml (users:)`, userId);
      c.set('principal', principal);
      c.set('audit', { principal: principal.id, channel, requestId });
    };

    // The Host header, never the URL: an absolute-form request line (`GET http://127.0.0.1/ HTTP/1.1`) sets the URL's
    // host to whatever the client wrote there, while a rebinding browser sends the attacker's name in Host.
    const host = c.req.header('host') ?? '';
    const origin = c.req.header('origin');
    if (origin !== undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(origin, host)) {
      await refuse('FORBIDDEN', `cross-origin request from ${origin} refused`);
    }

    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!bearer) await refuse('AUTH_FAILED', 'the Authorization header must be "Bearer <token>"');
      const user = tokens.length > 0 ? findTokenUser(tokens, bearer![1]!) : undefined;
      if (!user) await refuse('AUTH_FAILED', 'unknown API token (create one with: otq token create --user USER)');
      await accept(user!, 'api');
      return next();
    }

    const proxyUser = proxy ? c.req.header(proxy.header) : undefined;
    if (proxy && proxyUser !== undefined) {
      if (!trustedProxy(address))
        await refuse('AUTH_FAILED', `identity header ${proxy.header} from an untrusted address`, proxyUser.slice(0, 200));
      const user = proxyUser.trim();
      if (user === '' || user.length > 200) await refuse('AUTH_FAILED', `identity header ${proxy.header} is empty or too long`);
      await accept(user, 'web');
      return next();
    }

    if (configured)
      await refuse('AUTH_FAILED', 'authentication required: send "Authorization: Bearer <token>" (otq token create --user USER)');
    if (!isLoopbackAddress(address))
      await refuse('AUTH_FAILED', 'without auth configured, otq only answers requests from this machine (loopback)');
    if (host === '') await refuse('FORBIDDEN', 'the request has no Host header (DNS rebinding protection); send Host: 127.0.0.1:PORT');
    if (!isLoopbackHost(hostNameOf(host))) await refuse('FORBIDDEN', `host "${host}" is not a loopback name (DNS rebinding protection)`);
    await accept(runtime.config.defaultUser, 'web');
    return next();
  };
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
