// Prometheus text exposition for /metrics: counters and latency histograms kept in memory, no library.

type Labels = Record<string, string>;

/** Latency bucket bounds, in seconds. */
const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Histogram {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** In-process metrics of one app instance. */
export interface Metrics {
  /** Adds `by` (default 1) to a counter series. */
  inc(name: CounterName, labels: Labels, by?: number): void;
  /** Records one request: its route pattern, method, status and duration in seconds. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** The Prometheus text format (version 0.0.4). */
  render(): string;
}

export type CounterName =
  'otq_decisions_total' | 'otq_queries_total' | 'otq_model_tokens_total' | 'otq_auth_refusals_total' | 'otq_rate_limited_total';

const HELP: Record<CounterName | 'otq_http_requests_total' | 'otq_http_request_duration_seconds', string> = {
  otq_http_requests_total: 'HTTP requests by route, method and status.',
  otq_http_request_duration_seconds: 'HTTP request latency by route, in seconds.',
  otq_decisions_total: 'Policy guard decisions by kind and rule.',
  otq_queries_total: 'SQL statements run against a source.',
  otq_model_tokens_total: 'Model tokens used, by kind (prompt, completion).',
  otq_auth_refusals_total: 'Requests refused by authentication, by reason.',
  otq_rate_limited_total: 'Requests refused by the per-principal rate limit.',
};

export function createMetrics(): Metrics {
  const counters = new Map<string, Map<string, { labels: Labels; value: number }>>();
  const histograms = new Map<string, Histogram>();

  const add = (name: string, labels: Labels, by: number) => {
    let series = counters.get(name);
    if (!series) counters.set(name, (series = new Map<string, { labels: Labels; value: number }>()));
    const key = labelText(labels);
    const entry = series.get(key);
    if (entry) entry.value += by;
    else series.set(key, { labels, value: by });
  };

  return {
    inc(name, labels, by = 1) {
      add(name, labels, by);
    },
    observeRequest(route, method, status, seconds) {
      add('otq_http_requests_total', { route, method, status: String(status) }, 1);
      const key = labelText({ route });
      let h = histograms.get(key);
      if (!h) histograms.set(key, (h = { labels: { route }, counts: BUCKETS_S.map(() => 0), sum: 0, count: 0 }));
      BUCKETS_S.forEach((bound, i) => {
        if (seconds <= bound) h.counts[i] = (h.counts[i] ?? 0) + 1;
      });
      h.sum += seconds;
      h.count += 1;
    },
    render() {
      const lines: string[] = [];
      for (const name of Object.keys(HELP) as (keyof typeof HELP)[]) {
        if (name === 'otq_http_request_duration_seconds') continue;
        lines.push(`# HELP ${name} ${HELP[name]}`, `# TYPE ${name} counter`);
        for (const { labels, value } of counters.get(name)?.values() ?? []) lines.push(`${name}${labelText(labels)} ${value}`);
      }
      const hname = 'otq_http_request_duration_seconds';
      lines.push(`# HELP ${hname} ${HELP[hname]}`, `# TYPE ${hname} histogram`);
      for (const h of histograms.values()) {
        BUCKETS_S.forEach((bound, i) => lines.push(`${hname}_bucket${labelText({ ...h.labels, le: String(bound) })} ${h.counts[i] ?? 0}`));
        lines.push(`${hname}_bucket${labelText({ ...h.labels, le: '+Inf' })} ${h.count}`);
        lines.push(`${hname}_sum${labelText(h.labels)} ${h.sum}`, `${hname}_count${labelText(h.labels)} ${h.count}`);
      }
      return lines.join('\n') + '\n';
    },
  };
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}
