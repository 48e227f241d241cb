// The sovereignty rule for model servers: otq sends plant data to the model, so the server must be inside the perimeter.
import type { AuditLog } from '../../audit/audit-record.ts';
import { ConfigError, OtqError } from '../../core/errors.ts';

/** Hostname of a URL without IPv6 brackets, lower-cased. */
export function urlHost(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Throws EGRESS_REFUSED (after a `config` audit record) unless the base URL's host is on `model.allowedHosts`
 * or the global `egress.allowedHosts`. Loopback is allowed only because it is the model's default allowlist.
 */
export async function checkModelEgress(
  baseUrl: string | undefined,
  allowedHosts: string[],
  egressAllowedHosts: string[],
  audit: AuditLog,
): Promise<string> {
  if (!baseUrl)
    throw new ConfigError('model.provider is openai-compatible but model.baseUrl is not set; e.g. baseUrl: http://127.0.0.1:8081/v1');
  const host = urlHost(baseUrl);
  const allowed = new Set([...allowedHosts, ...egressAllowedHosts].map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()));
  if (allowed.has(host)) return host;
  const message =
    `refusing model.baseUrl ${baseUrl}: host "${host}" is not on model.allowedHosts (${allowedHosts.join(', ') || 'empty'}). ` +
    'otq sends questions and plant data to the model, so the model server must run inside your perimeter ' +
    '(a llama.cpp server, vLLM or Ollama on your own network), never a public AI API. ' +
    `If ${host} is a server you operate, add it to model.allowedHosts in otq.yaml.`;
  await audit.record(
    'config',
    { principal: null, channel: 'system', requestId: 'model-load' },
    {
      event: 'model_refused',
      rule: 'model.allowedHosts',
      baseUrl,
      host,
      allowedHosts: [...allowed],
      reason: message,
    },
  );
  throw new OtqError('EGRESS_REFUSED', message, { details: { host } });
}
