// Files on disk: atomic generation, byte-identical query results for the same seed, caching, and the `otq samples` command.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSamples, generateSamples, readManifest } from '../../data-samples/generate.ts';
import { samplesCommand } from '../../app/commands/samples-command.ts';

const end = new Date('2026-11-01T00:00:00Z');
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'otq-samples-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** One hash per table, computed by DuckDB over ordered rows (what a user's queries would see). */
async function tableHashes(dir: string): Promise<Record<string, string>> {
  const db = await DuckDBInstance.create(join(dir, 'historian.duckdb'), { access_mode: 'READ_ONLY' });
  const conn = await db.connect();
  const glob = join(dir, 'telemetry', 'pump_drive', '*.parquet');
  const reader = await conn.runAndReadAll(`SELECT
    (SELECT md5(string_agg(concat_ws(',', tag_id, epoch_ms(ts), value, quality), ';' ORDER BY tag_id, ts)) FROM samples) AS samples,
    (SELECT md5(string_agg(concat_ws(',', event_id, tag_id, epoch_ms(ts), event_type, priority, message), ';' ORDER BY event_id)) FROM alarm_events) AS alarms,
    (SELECT md5(string_agg(concat_ws(',', epoch_ms(ts), site, operator_name, note), ';' ORDER BY ts, site, note)) FROM shift_log) AS shift_log,
    (SELECT md5(string_agg(concat_ws(',', tag_id, tag_path, unit, low_limit, high_limit), ';' ORDER BY tag_id)) FROM tags) AS tags,
    (SELECT md5(string_agg(concat_ws(',', epoch_ms(ts), pump, speed_rpm, motor_current_a, power_kw, vibration_mm_s, running), ';' ORDER BY ts, pump)) FROM read_parquet('${glob}')) AS telemetry`);
  const row = reader.getRowObjectsJS()[0] as Record<string, string>;
  conn.closeSync();
  db.closeSync();
  return row;
}

describe('generateSamples', () => {
  it('writes the historian, one Parquet file per day and dataset.json, leaving no temporary files', async () => {
    const dir = await tempDir();
    const report = await generateSamples({ dir, seed: 3, days: 2, end });
    console.log(`generation of 2 days took ${Math.round(report.durationMs)} ms (${report.rows?.samples} samples)`);
    expect((await readdir(dir)).sort()).toEqual(['dataset.json', 'historian.duckdb', 'telemetry']);
    expect(await readdir(join(dir, 'telemetry', 'pump_drive'))).toEqual(['2026-10-30.parquet', '2026-10-31.parquet']);
    expect(await readManifest(dir)).toMatchObject({ seed: 3, days: 2, start: '2026-10-30T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' });
    expect(report.rows?.samples).toBeGreaterThan(60_000);
  });

  it('gives byte-identical query results for the same seed and different ones for another seed', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateSamples({ dir: a, seed: 11, days: 2, end });
    await generateSamples({ dir: b, seed: 11, days: 2, end });
    await generateSamples({ dir: c, seed: 12, days: 2, end });
    const [ha, hb, hc] = [await tableHashes(a), await tableHashes(b), await tableHashes(c)];
    expect(hb).toEqual(ha);
    expect(hc.samples).not.toBe(ha.samples);
    expect(hc.telemetry).not.toBe(ha.telemetry);
  });

  it('ensureSamples reuses matching files and regenerates when the parameters change', async () => {
    const dir = await tempDir();
    const first = await ensureSamples({ dir, seed: 5, days: 1, end });
    const again = await ensureSamples({ dir, seed: 5, days: 1, end });
    const other = await ensureSamples({ dir, seed: 6, days: 1, end });
    expect([first.generated, again.generated, other.generated]).toEqual([true, false, true]);
    expect((await readManifest(dir))?.seed).toBe(6);
  });

  it('lets two concurrent callers share one generation of the same folder', async () => {
    const dir = await tempDir();
    const [x, y] = await Promise.all([ensureSamples({ dir, seed: 4, days: 1, end }), ensureSamples({ dir, seed: 4, days: 1, end })]);
    expect([x.generated, y.generated].sort()).toEqual([false, true]);
    expect((await readdir(dir)).sort()).toEqual(['dataset.json', 'historian.duckdb', 'telemetry']);
  });
});

describe('otq samples', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
  };

  it('generates, prints what it wrote with row counts and time, then reports the cache', async () => {
    const dir = await tempDir();
    const c = capture();
    expect(await samplesCommand(['--dir', dir, '--seed', '9', '--days', '1', '--end', '2026-11-01'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/wrote .*historian\.duckdb[\s\S]*rows: samples \d+, tags 157[\s\S]*took \d+\.\d s/);
    const again = capture();
    expect(await samplesCommand(['--dir', dir, '--seed=9', '--days=1', '--end=2026-11-01T00:00:00Z'], again.io)).toBe(0);
    expect(again.out[0]).toMatch(/up to date/);
  });

  it('refuses bad arguments with exit 2 and says what was wrong', async () => {
    for (const [args, message] of [
      [['--end', '2026-11-01T05:00:00Z'], /midnight UTC/],
      [['--days', 'ten'], /--days must be an integer/],
      [['--seed'], /--seed needs a value/],
      [['--colour'], /unknown argument/],
      [['--to', 'postgres://x'], /PostgreSQL loader/],
    ] as const) {
      const c = capture();
      expect(await samplesCommand([...args], c.io)).toBe(2);
      expect(c.err.join('\n')).toMatch(message);
    }
  });
});
