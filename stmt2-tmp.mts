import { DuckDBInstance } from '@duckdb/node-api';
import b from '@duckdb/node-bindings';
const SQL = "SELECT date_trunc('hour', ts) AS hour, avg(value) AS avg_value, count(*) AS n FROM samples " +
  "WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'BPS02/Header/Flow') " +
  "AND ts >= TIMESTAMPTZ '2026-08-26 00:00:00+00' AND ts < TIMESTAMPTZ '2026-08-27 00:00:00+00' GROUP BY 1 ORDER BY 1";
const opts: Record<string,string> = { access_mode: 'READ_ONLY', temp_directory: '', memory_limit: '2GB', enable_external_access: 'false' };
if (process.env.T) opts.threads = process.env.T;
const inst = await DuckDBInstance.create('/work/wt-ev3/.otq/test-samples/historian.duckdb', opts);
const c = await inst.connect();
const prep = await c.prepare(SQL);
const variants: Record<string, () => Promise<unknown>> = {
  current: async () => {
    const [e, p] = await Promise.all([c.extractStatements(SQL), c.prepare(SQL)]);
    const r = await p.stream(); const rows = [];
    for (;;) { const ch = await r.fetchChunk(); if (!ch || ch.rowCount === 0) break; rows.push(...ch.getRows()); }
    p.destroySync();
  },
  prepareOnly: async () => { const p = await c.prepare(SQL); p.destroySync(); },
  extractOnly: async () => { await c.extractStatements(SQL); },
  cachedStream: async () => {
    const r = await prep.stream(); const rows = [];
    for (;;) { const ch = await r.fetchChunk(); if (!ch || ch.rowCount === 0) break; rows.push(...ch.getRows()); }
  },
  cachedMaterialized: async () => {
    const res = await b.execute_prepared((prep as any).prepared_statement);
    const n = b.result_chunk_count(res); const rows = [];
    for (let i = 0; i < n; i++) { const ch = b.result_get_chunk(res, i); rows.push(b.data_chunk_get_size(ch)); }
  },
};
const names = (process.env.V ?? Object.keys(variants).join(',')).split(',');
const sums = new Map<string, number[]>();
for (const n of names) for (let i = 0; i < 10; i++) await variants[n]!();
for (let round = 0; round < 5; round++) for (const n of names) {
  const N = 60; const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await variants[n]!();
  const cu = process.cpuUsage(cpu0); (sums.get(n) ?? sums.set(n, []).get(n)!).push((cu.user + cu.system) / 1000 / N);
}
for (const [n, v] of sums) { v.sort((a, b) => a - b); console.log(n.padEnd(22), 'cpu/call median', v[2]!.toFixed(3), 'min', v[0]!.toFixed(3)); }
