// Calls a Hono app the way @hono/node-server would: a full URL (so a Host) and the peer address in the bindings.
import type { Env, Hono } from 'hono';

export interface CallOptions {
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  body?: string;
  /** Peer address of the socket (default loopback). */
  remote?: string;
  /** Origin of the URL and the Host header, as a browser sends them (default http://127.0.0.1:8080). */
  base?: string;
  /** Send no Host header (a raw HTTP/1.0 client); by default it is the base URL's host. */
  noHost?: boolean;
}

export async function call<E extends Env>(app: Hono<E>, path: string, options: CallOptions = {}): Promise<Response> {
  const base = options.base ?? 'http://127.0.0.1:8080';
  const headers: Record<string, string> = {
    ...(options.noHost ? {} : { host: new URL(base).host }),
    ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : options.body !== undefined ? { body: options.body } : {}),
  };
  return app.request(`${base}${path}`, init, {
    incoming: { socket: { remoteAddress: options.remote ?? '127.0.0.1' } },
  });
}

/** Splits a server-sent event stream into {event, data} frames. */
export function parseSse(text: string): { event: string; data: string }[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return { event, data: data.join('\n') };
    });
}
