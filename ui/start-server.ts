// Binds the app to a host and port; refuses a non-loopback host unless auth (tokens or a trusted proxy) is configured.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Runtime } from './runtime.ts';
import { ConfigError } from '../core/errors.ts';
import { authConfigured } from './auth/authenticate.ts';
import { isLoopbackHost } from './auth/address.ts';
import { createApp, type AppOptions } from './create-app.ts';
import { createFileAuditReader } from './audit-reader.ts';

/** AppOptions plus where to listen; `auditReader` defaults to the configured audit.dir on disk. */
export interface ServerOptions extends AppOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. `close()` stops accepting and ends open connections. */
export async function startServer(runtime: Runtime, options: ServerOptions): Promise<RunningServer> {
  const { host, port, ...appOptions } = options;
  if (!isLoopbackHost(host) && !authConfigured(runtime.config.server)) {
    throw new ConfigError(
      `refusing to listen on ${host}: without authentication anyone on the network would act as "${runtime.config.defaultUser}". ` +
        'Configure server.auth.tokens (otq token create --user USER) or server.auth.proxy in otq.yaml, or bind to 127.0.0.1.',
    );
  }
  const app = createApp(runtime, { auditReader: createFileAuditReader(runtime.config.audit.dir, appOptions.clock), ...appOptions });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
