// What a plant engineer would check in the reference dataset (seed 42, 90 days to 2026-11-01): coherence, bounds, incidents.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHistorianFile, testTelemetryDir } from '../helpers/sample-data.ts';

let db: DuckDBInstance;
let conn: DuckDBConnection;
let info: Record<string, string>;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}
async function one(sql: string): Promise<Record<string, unknown>> {
  const [row] = await rows(sql);
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
}
const ts = (key: string): string => {
  const value = info[key];
  if (!value) throw new Error(`dataset_info has no ${key}`);
  return `TIMESTAMPTZ '${value}'`;
};
const series = (path: string): string =>
  `(SELECT s.ts, s.value, s.quality FROM samples s JOIN tags t USING (tag_id) WHERE t.tag_path = '${path}')`;

beforeAll(async () => {
  db = await DuckDBInstance.create(testHistorianFile, { access_mode: 'READ_ONLY' });
  conn = await db.connect();
  await conn.run("SET TimeZone = 'UTC'");
  info = Object.fromEntries((await rows('SELECT key, value FROM dataset_info')).map((r) => [String(r.key), String(r.value)]));
});
afterAll(() => {
  conn.closeSync();
  db.closeSync();
});

describe('reference dataset: shape', () => {
  it('spans 90 days at a 1-minute base rate for every tag', async () => {
    const r = await one(
      `SELECT min(ts) AS first, max(ts) AS last, count(DISTINCT tag_id) AS tags, bool_and(epoch(ts)::BIGINT % 60 = 0) AS whole FROM samples`,
    );
    expect(r.first).toEqual(new Date('2026-08-03T00:00:00Z'));
    expect((r.last as Date).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-10-31T23:45:00Z'));
    expect(r.whole).toBe(true);
    expect(Number(r.tags)).toBe(Number((await one('SELECT count(*) AS n FROM tags')).n));
    const flow = await one(
      `SELECT median(gap) AS gap, count(*) AS n FROM (SELECT epoch(ts) - epoch(lag(ts) OVER (ORDER BY ts)) AS gap FROM ${series('DMA01/Inlet/Flow')})`,
    );
    expect(Number(flow.gap)).toBe(60);
    expect(Number(flow.n)).toBeGreaterThan(0.5 * 90 * 1440);
  });

  it('has at least 150 tags, units on every analog and counter tag, only OPC quality codes', async () => {
    expect(Number((await one('SELECT count(*) AS n FROM tags')).n)).toBeGreaterThanOrEqual(150);
    expect(Number((await one("SELECT count(*) AS n FROM tags WHERE data_type <> 'status' AND coalesce(unit, '') = ''")).n)).toBe(0);
    const q = await rows('SELECT DISTINCT quality FROM samples ORDER BY 1');
    expect(q.map((r) => Number(r.quality))).toEqual([0, 64, 192]);
  });

  it('documents tables and columns with comments', async () => {
    const r = await one("SELECT comment FROM duckdb_columns() WHERE table_name = 'samples' AND column_name = 'quality'");
    expect(String(r.comment)).toMatch(/192 good/);
  });
});

describe('reference dataset: physics', () => {
  it('pump power and discharge pressure follow the running status', async () => {
    const r = await one(`
      WITH st AS (SELECT t.asset_id, s.ts, s.value AS running FROM samples s JOIN tags t USING (tag_id) WHERE t.measurement = 'Running' AND s.quality = 192),
      pw AS (SELECT t.asset_id, s.ts, s.value AS power FROM samples s JOIN tags t USING (tag_id) WHERE t.measurement = 'Power' AND s.quality = 192),
      dp AS (SELECT t.asset_id, s.ts, s.value AS dp FROM samples s JOIN tags t USING (tag_id) WHERE t.measurement = 'DischargePressure' AND t.asset_id LIKE '%/P0%' AND s.quality = 192)
      SELECT (SELECT count(*) FILTER (WHERE (running = 1) <> (power > 1)) FROM pw ASOF JOIN st ON pw.asset_id = st.asset_id AND pw.ts >= st.ts) AS power_mismatch,
             (SELECT count(*) FILTER (WHERE (running = 1) <> (dp > 2)) FROM dp ASOF JOIN st ON dp.asset_id = st.asset_id AND dp.ts >= st.ts) AS pressure_mismatch`);
    expect(Number(r.power_mismatch)).toBe(0);
    expect(Number(r.pressure_mismatch)).toBe(0);
  });

  it('keeps tank levels inside the tanks and lets them fill and drain every day', async () => {
    const r = await rows(`
      SELECT site, min(lo) AS lo, max(hi) AS hi, quantile_cont(hi - lo, 0.1) AS p10_range FROM (
        SELECT split_part(t.tag_path, '/', 1) AS site, date_trunc('day', s.ts) AS day, min(s.value) AS lo, max(s.value) AS hi
        FROM samples s JOIN tags t USING (tag_id) WHERE t.measurement = 'Level' AND t.tag_path LIKE 'T_/%' AND s.quality = 192 GROUP BY ALL
      ) GROUP BY ALL ORDER BY 1`);
    const height: Record<string, number> = { T1: 6, T2: 5, T3: 4.5 };
    expect(r.map((x) => x.site)).toEqual(['T1', 'T2', 'T3']);
    for (const x of r) {
      expect(Number(x.lo)).toBeGreaterThan(0);
      expect(Number(x.hi)).toBeLessThan(height[String(x.site)]!);
      expect(Number(x.p10_range)).toBeGreaterThan(0.3);
    }
  });

  it('starts and stops the tank-filling pumps several times a day', async () => {
    const r = await one(
      `SELECT count(*) / 90.0 AS per_day FROM (SELECT value, lag(value) OVER (ORDER BY ts) AS prev FROM ${series('BPS01/P01/Running')} WHERE quality = 192) WHERE value = 1 AND prev = 0`,
    );
    expect(Number(r.per_day)).toBeGreaterThan(0.7);
    expect(Number(r.per_day)).toBeLessThan(20);
  });

  it('has a diurnal demand with a night minimum in plant-local time', async () => {
    const r = await rows(
      `SELECT hour(ts AT TIME ZONE 'Europe/Berlin') AS h, avg(value) AS q FROM ${series('DMA01/Inlet/Flow')} WHERE quality = 192 GROUP BY ALL`,
    );
    const q = new Map(r.map((x) => [Number(x.h), Number(x.q)]));
    expect(q.get(3)!).toBeLessThan(0.6 * q.get(7)!);
    expect(q.get(3)!).toBeLessThan(0.6 * q.get(19)!);
  });

  it('keeps totalisers monotonic and chlorine decaying along the network', async () => {
    const back = await one(
      `SELECT count(*) AS n FROM (SELECT value - lag(value) OVER (PARTITION BY tag_id ORDER BY ts) AS d FROM samples JOIN tags USING (tag_id) WHERE data_type = 'counter' AND quality = 192) WHERE d < 0`,
    );
    expect(Number(back.n)).toBe(0);
    const cl = await rows(
      `SELECT split_part(tag_path, '/', 1) AS site, avg(value) AS c FROM samples JOIN tags USING (tag_id) WHERE measurement = 'ChlorineResidual' AND quality = 192 GROUP BY ALL`,
    );
    const c = new Map(cl.map((x) => [String(x.site), Number(x.c)]));
    expect(c.get('WTP01')!).toBeGreaterThan(c.get('T1')!);
    expect(c.get('T1')!).toBeGreaterThan(c.get('T3')!);
    expect(c.get('T3')!).toBeGreaterThan(c.get('DMA04')!);
  });
});

describe('reference dataset: alarms', () => {
  it('raises every active alarm on a stored good sample beyond its limit, then clears it inside', async () => {
    const r = await one(`
      SELECT count(*) AS n,
             count(*) FILTER (WHERE s.quality = 192 AND ((a.message LIKE '% HIGH: %' AND s.value > t.high_limit) OR (a.message LIKE '% LOW: %' AND s.value < t.low_limit))) AS ok
      FROM alarm_events a JOIN tags t USING (tag_id) LEFT JOIN samples s ON s.tag_id = a.tag_id AND s.ts = a.ts
      WHERE a.event_type = 'active'`);
    expect(Number(r.n)).toBeGreaterThan(5);
    expect(Number(r.ok)).toBe(Number(r.n));
    const order = await one(`
      SELECT count(*) FILTER (WHERE event_type = 'clear' AND prev IS DISTINCT FROM 'active') AS bad_clear,
             count(*) FILTER (WHERE event_type = 'active' AND prev = 'active') AS double_active
      FROM (SELECT event_type, lag(event_type) OVER (PARTITION BY tag_id ORDER BY ts, event_id) AS prev FROM alarm_events WHERE event_type <> 'ack')`);
    expect(order).toEqual({ bad_clear: 0n, double_active: 0n });
    const acks = await one(
      `SELECT count(*) FILTER (WHERE ack.ts < act.ts) AS early, count(*) AS n FROM alarm_events ack JOIN alarm_events act ON act.tag_id = ack.tag_id AND act.event_type = 'active' AND ack.event_type = 'ack' AND act.ts = (SELECT max(ts) FROM alarm_events x WHERE x.tag_id = ack.tag_id AND x.event_type = 'active' AND x.ts <= ack.ts)`,
    );
    expect(Number(acks.early)).toBe(0);
    expect(Number(acks.n)).toBeGreaterThan(0);
  });
});

describe('reference dataset: incidents where the README says', () => {
  it('day 23: BPS02/P01 trips at 14:05 UTC on overload and P02 takes over', async () => {
    expect(info['incident.bps02Trip.at']).toBe('2026-08-26T14:05:00.000Z');
    const at = ts('incident.bps02Trip.at');
    const r = await one(`SELECT
      (SELECT value FROM ${series('BPS02/P01/Running')} WHERE ts <= ${at} - INTERVAL 1 MINUTE ORDER BY ts DESC LIMIT 1) AS before,
      (SELECT value FROM ${series('BPS02/P01/Running')} WHERE ts = ${at}) AS after,
      (SELECT value FROM ${series('BPS02/P01/MotorCurrent')} WHERE ts = ${at} - INTERVAL 1 MINUTE) AS current,
      (SELECT value FROM ${series('BPS02/P02/Running')} WHERE ts <= ${at} + INTERVAL 2 MINUTE ORDER BY ts DESC LIMIT 1) AS standby`);
    expect(r).toMatchObject({ before: 1, after: 0, standby: 1 });
    expect(Number(r.current)).toBeGreaterThan(97);
    const note = await one(`SELECT count(*) AS n FROM shift_log WHERE site = 'BPS02' AND note LIKE '%P01 tripped%'`);
    expect(Number(note.n)).toBe(1);
  });

  it('day 35: BPS02 goes silent, leaving one bad-quality sample per tag at the start', async () => {
    const r =
      await one(`SELECT count(*) FILTER (WHERE s.quality = 0 AND s.ts = ${ts('incident.bps02CommLoss.from')}) AS marks, count(*) FILTER (WHERE s.ts > ${ts('incident.bps02CommLoss.from')}) AS inside
      FROM samples s JOIN tags t USING (tag_id) WHERE t.tag_path LIKE 'BPS02/%' AND s.ts >= ${ts('incident.bps02CommLoss.from')} AND s.ts < ${ts('incident.bps02CommLoss.to')}`);
    expect(Number(r.inside)).toBe(0);
    expect(Number(r.marks)).toBe(Number((await one("SELECT count(*) AS n FROM tags WHERE tag_path LIKE 'BPS02/%'")).n));
  });

  it('days 47-50: the T3 chlorine analyser is stuck at 0.47 mg/L with good quality', async () => {
    const r = await one(
      `SELECT min(value) AS lo, max(value) AS hi, min(quality) AS q, count(*) AS n FROM ${series('T3/Outlet/ChlorineResidual')} WHERE ts >= ${ts('incident.t3ChlorineStuck.from')} AND ts < ${ts('incident.t3ChlorineStuck.to')}`,
    );
    expect(r).toMatchObject({ lo: 0.47, hi: 0.47, q: 192 });
    expect(Number(r.n)).toBeGreaterThan(100);
  });

  it('day 61: a main break in DMA02 raises the inlet flow and collapses critical-point pressure', async () => {
    const from = ts('incident.dma02Break.from');
    const to = ts('incident.dma02Break.isolated');
    const r = await one(`SELECT
      (SELECT min(value) FROM ${series('DMA02/CP01/Pressure')} WHERE quality = 192 AND ts >= ${from} AND ts < ${to}) AS p_min,
      (SELECT avg(value) FROM ${series('DMA02/Inlet/Flow')} WHERE quality = 192 AND ts >= ${from} AND ts < ${to}) AS q_break,
      (SELECT avg(value) FROM ${series('DMA02/Inlet/Flow')} WHERE quality = 192 AND ts >= ${from} - INTERVAL 7 DAY AND ts < ${to} - INTERVAL 7 DAY) AS q_week_before,
      (SELECT count(*) FROM alarm_events a JOIN tags t USING (tag_id) WHERE t.tag_path = 'DMA02/CP01/Pressure' AND a.event_type = 'active' AND a.ts BETWEEN ${from} AND ${to}) AS alarms`);
    expect(Number(r.p_min)).toBeLessThan(1);
    expect(Number(r.q_break) - Number(r.q_week_before)).toBeGreaterThan(120);
    expect(Number(r.alarms)).toBe(1);
  });

  it('day 66: the chlorine dosing failure sends low-chlorine water out of the plant', async () => {
    const r = await one(
      `SELECT min(value) AS lo FROM ${series('WTP01/Outlet/ChlorineResidual')} WHERE quality = 192 AND ts BETWEEN ${ts('incident.chlorineDosingFailure.from')} AND ${ts('incident.chlorineDosingFailure.to')} + INTERVAL 2 HOUR`,
    );
    expect(Number(r.lo)).toBeLessThan(0.1);
    const alarm = await one(
      `SELECT count(*) AS n FROM alarm_events a JOIN tags t USING (tag_id) WHERE t.tag_path = 'WTP01/Outlet/ChlorineResidual' AND event_type = 'active' AND a.message LIKE '%LOW%'`,
    );
    expect(Number(alarm.n)).toBeGreaterThanOrEqual(1);
  });

  it('last days: BPS03/P02 vibration rises in the 10 s telemetry until the trip, then P02 stays off until repaired', async () => {
    const glob = join(testTelemetryDir, 'pump_drive', '*.parquet').replaceAll("'", "''");
    const t = await one(`SELECT count(DISTINCT pump) AS pumps, min(ts) AS first, max(ts) AS last, count(*) AS n,
        avg(vibration_mm_s) FILTER (WHERE pump = 'BPS03/P02' AND running AND ts < ${ts('incident.bps03Bearing.degradeFrom')}) AS vib_before,
        max(vibration_mm_s) FILTER (WHERE pump = 'BPS03/P02' AND running AND ts BETWEEN ${ts('incident.bps03Bearing.trip')} - INTERVAL 1 DAY AND ${ts('incident.bps03Bearing.trip')}) AS vib_last_day,
        count(*) FILTER (WHERE pump = 'BPS03/P02' AND running AND ts >= ${ts('incident.bps03Bearing.trip')} AND ts < ${ts('incident.bps03Bearing.repaired')}) AS running_while_locked
      FROM read_parquet('${glob}')`);
    expect(Number(t.pumps)).toBe(3);
    expect(((t.last as Date).getTime() - (t.first as Date).getTime()) / 86_400_000).toBeGreaterThan(7);
    expect(Number(t.n)).toBe(3 * 14 * 8640);
    expect(Number(t.vib_before)).toBeLessThan(3);
    expect(Number(t.vib_last_day)).toBeGreaterThan(6);
    expect(Number(t.running_while_locked)).toBe(0);
  });

  it('telemetry running state agrees with the historian status tags', async () => {
    const glob = join(testTelemetryDir, 'pump_drive', '*.parquet').replaceAll("'", "''");
    const r = await one(`
      WITH st AS (SELECT t.asset_id AS pump, s.ts, s.value FROM samples s JOIN tags t USING (tag_id) WHERE t.tag_path LIKE 'BPS03/%' AND t.measurement = 'Running' AND s.quality = 192),
      tel AS (SELECT ts, pump, running FROM read_parquet('${glob}') WHERE epoch(ts)::BIGINT % 60 = 0)
      SELECT count(*) AS n, count(*) FILTER (WHERE tel.running <> (st.value = 1)) AS mismatch FROM tel ASOF JOIN st ON tel.pump = st.pump AND tel.ts >= st.ts`);
    expect(Number(r.n)).toBeGreaterThan(50_000);
    expect(Number(r.mismatch)).toBe(0);
  });

  it('keeps operator names in the shift log', async () => {
    const r = await one('SELECT count(DISTINCT operator_name) AS people, count(*) AS n FROM shift_log');
    expect(Number(r.people)).toBeGreaterThanOrEqual(8);
    expect(Number(r.n)).toBeGreaterThanOrEqual(270);
  });
});
