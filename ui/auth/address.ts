// Network address checks for auth: loopback detection and the trusted reverse-proxy list (IPs or CIDR ranges).
import { BlockList, isIP } from 'node:net';

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) becomes plain IPv4, so one list serves both socket families. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** True for 127.0.0.0/8 and ::1 (as a peer address of a socket). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = normalizeAddress(address);
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

/** True when binding to this host only accepts local connections. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || isLoopbackAddress(h);
}

/** The host name of a Host header value, without port or IPv6 brackets. */
export function hostNameOf(hostHeader: string): string {
  const ipv6 = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (ipv6) return ipv6[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** Matcher for configured proxy addresses: exact IPv4/IPv6 addresses or CIDR ranges such as `10.0.0.0/24`. */
export function createAddressList(entries: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, bits] = entry.split('/');
    const family = isIP(ip ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!ip || isIP(ip) === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return (address) => {
    if (!address) return false;
    const a = normalizeAddress(address);
    const family = isIP(a) === 6 ? 'ipv6' : isIP(a) === 4 ? 'ipv4' : null;
    return family !== null && list.check(a, family);
  };
}
