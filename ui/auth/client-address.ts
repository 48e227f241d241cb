// The client address recorded in the audit log: the socket's peer, or the X-Forwarded-For hop a configured proxy vouches for.
import type { Context } from 'hono';
import { createAddressList } from './address.ts';

/** Reads the peer address of a request's socket (undefined when unknown). */
export type SocketAddressOf = (c: Context) => string | undefined;

/**
 * Without trusted proxies the socket address is the client: X-Forwarded-For is whatever the client wrote and is
 * ignored. When the socket peer is a trusted proxy, the header is read right to left and the first hop that is not
 * itself a trusted proxy is the client (hops further left were written by the client and prove nothing).
 */
export function createClientAddress(
  trustedProxies: readonly string[],
  socketAddressOf: SocketAddressOf,
): (c: Context) => string | undefined {
  const trusted = createAddressList(trustedProxies);
  return (c) => {
    const socket = socketAddressOf(c);
    if (trustedProxies.length === 0 || !trusted(socket)) return socket;
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== '');
    for (let i = hops.length - 1; i >= 0; i--) if (!trusted(hops[i])) return hops[i]!.slice(0, 100);
    return socket;
  };
}
