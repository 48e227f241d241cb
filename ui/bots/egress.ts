// The only way bots and reports send anything out: POSTs to hosts on the egress allowlist, nothing else.
import { OtqError } from '../../core/errors.ts';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface Egress {
  /** POSTs JSON to `url`; refuses (EGRESS_REFUSED) when the host is not allowed; throws on non-2xx. */
  postJson(url: string, body: unknown, options?: { timeoutMs?: number }): Promise<void>;
  isAllowed(url: string): boolean;
}

export function createEgress(options: { allowedHosts: string[]; fetch?: FetchLike }): Egress {
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const hostOf = (url: string) => {
    try {
      return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      return '';
    }
  };
  const isAllowed = (url: string) => allowed.has(hostOf(url));
  return {
    isAllowed,
    async postJson(url, body, { timeoutMs = 10_000 } = {}) {
      if (!isAllowed(url)) {
        throw new OtqError('EGRESS_REFUSED', `refused to send to ${hostOf(url) || url}: the host is not on egress.allowedHosts`);
      }
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).slice(0, 200);
        throw new OtqError(
          'SOURCE_UNREACHABLE',
          `delivery to ${hostOf(url)} failed with HTTP ${response.status}${text ? `: ${text}` : ''}`,
        );
      }
    },
  };
}
