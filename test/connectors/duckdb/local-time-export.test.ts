// A SCADA export that writes local wall-clock time without an offset (America/Chicago): with timestampZone, windows are right.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRuntime } from '../../../app/create-runtime.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { wallGaps, zoneTransitions } from '../../../connectors/zone-transitions.ts';
import type { Principal } from '../../../core/principal.ts';
import { NOW, truth, writeLocalTimeExports, ZONE } from '../../helpers/local-time-export.ts';
import { grantAll, openOwnRuntime, tempDir, writeOwnConfig } from '../../helpers/own-data.ts';

const engineer: Principal = { id: 'engineer', roles: ['engineer'] };

let root: string;
const runtimes = new Map<string, AppRuntime>();

function source(kind: 'long' | 'wide', zone: boolean): Record<string, unknown> {
  const timestampZone = zone ? { timestampZone: ZONE } : {};
  if (kind === 'long')
    return {
      engine: 'duckdb',
      folder: join(root, 'data', 'long'),
      ...timestampZone,
      historian: {
        samples: { table: 'readings', time: 'ts', tag: 'tag', value: 'value' },
        tags: { table: 'tags', id: 'tag', name: 'tag', unit: 'unit', description: 'description' },
      },
    };
  return {
    engine: 'duckdb',
    folder: join(root, 'data', 'wide'),
    ...timestampZone,
    wide: { samples: { table: 'scada', time: 'Time' } },
    historian: {
      samples: { table: 'samples', time: 'ts', tag: 'tag', value: 'value' },
      tags: { table: 'samples_tags', id: 'tag', name: 'tag', unit: 'unit' },
    },
  };
}

beforeAll(async () => {
  root = await tempDir('localtime');
  await writeLocalTimeExports(join(root, 'data'));
  for (const kind of ['long', 'wide'] as const)
    for (const zone of [true, false]) {
      const dir = join(root, `${kind}-${zone}`);
      await mkdir(dir);
      const config = await writeOwnConfig(
        dir,
        { timezone: ZONE, users: { engineer: { roles: ['engineer'] } }, sources: { plant: source(kind, zone) } },
        grantAll('plant'),
      );
      runtimes.set(`${kind}-${zone}`, await openOwnRuntime(config));
    }
}, 60_000);

afterAll(async () => {
  for (const runtime of runtimes.values()) await runtime.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const ask = (key: string, question: string) =>
  runtimes.get(key)!.ask({ principal: engineer, question, channel: 'cli', requestId: `local-${key}`, now: new Date(NOW) });

describe.each(['long', 'wide'] as const)('a %s export in Chicago wall-clock time', (kind) => {
  it('with timestampZone, "yesterday" covers the local day: the max and a value at a local time match the export', async () => {
    const max = await ask(`${kind}-true`, 'maximum ps1 pressure yesterday');
    expect(max.answer).toContain(`${truth.maxPressureOn5November} psi`);
    const at = await ask(`${kind}-true`, 'ps1 pressure at 08:00 on 5 November 2024');
    expect(at.answer).toContain(`${truth.pressureAt0800On5November} psi`);
  });

  it('without it, the same questions read the wall times as UTC and are six hours off', async () => {
    const max = await ask(`${kind}-false`, 'maximum ps1 pressure yesterday');
    expect(max.answer).toContain('120 psi');
    const at = await ask(`${kind}-false`, 'ps1 pressure at 08:00 on 5 November 2024');
    expect(at.answer).toContain(`${truth.pressureAt0800On5November + 6} psi`);
  });

  it('the agent SQL sees instants: the repeated 01:00 hour lands on the later (standard-time) instant', async () => {
    const runtime = runtimes.get(`${kind}-true`)!;
    const table = kind === 'long' ? 'readings' : 'samples';
    const outcome = await runtime.runSql(
      engineer,
      { principal: 'engineer', channel: 'cli', requestId: 'local-sql' },
      {
        source: 'plant',
        sql: `SELECT min(ts), max(ts), count(*) FILTER (WHERE ts >= TIMESTAMPTZ '2024-11-03 07:00:00+00' AND ts < TIMESTAMPTZ '2024-11-03 08:00:00+00') FROM ${table} WHERE tag = 'PS1 pressure' OR tag = 'PS1 pressure [psi]'`,
      },
    );
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok')
      expect(outcome.result.rows).toEqual([['2024-11-02T05:00:00.000Z', '2024-11-07T05:45:00.000Z', truth.repeatedWalls]]);
  });
});

describe('clock changes', () => {
  it('America/Chicago changes at 2024-03-10 08:00Z (skips 02:00-03:00) and 2024-11-03 07:00Z (repeats 01:00-02:00)', () => {
    const year = zoneTransitions(ZONE, Date.parse('2024-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'));
    expect(year.map((t) => [new Date(t.at).toISOString(), t.offsetBefore / 3_600_000, t.offsetAfter / 3_600_000])).toEqual([
      ['2024-03-10T08:00:00.000Z', -6, -5],
      ['2024-11-03T07:00:00.000Z', -5, -6],
    ]);
    const gaps = wallGaps(ZONE, Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-12-31T00:00:00Z'));
    expect(gaps.map((g) => [g.kind, new Date(g.from).toISOString(), new Date(g.to).toISOString()])).toEqual([
      ['skipped', '2024-03-10T02:00:00.000Z', '2024-03-10T03:00:00.000Z'],
      ['repeated', '2024-11-03T01:00:00.000Z', '2024-11-03T02:00:00.000Z'],
    ]);
    expect(zoneTransitions('UTC', Date.parse('2024-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'))).toEqual([]);
  });

  it('a folder source counts the rows in a repeated or skipped hour and converts them by DuckDB`s rule', async () => {
    const folder = join(root, 'dst');
    await mkdir(folder);
    await writeFile(
      join(folder, 'dst.csv'),
      'ts,at,tag,value\n2024-03-10 01:59:00,2024-03-10T01:59:00Z,a,1\n2024-03-10 02:30:00,2024-03-10T02:30:00Z,a,2\n' +
        '2024-11-03 01:30:00,2024-11-03T01:30:00Z,a,3\n2024-11-03 01:30:00,2024-11-03T01:30:00Z,a,4\n2024-11-03 02:00:00,2024-11-03T02:00:00Z,a,5\n',
    );
    const connector = await createDuckDbConnector('dst', { engine: 'duckdb', folder, timestampZone: ZONE });
    try {
      const result = await connector.query('SELECT ts, "at" FROM dst ORDER BY value');
      expect(result.columns.map((c) => c.type)).toEqual(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE']);
      // A skipped wall time is read with the offset before the change; a repeated one as standard time (the later instant).
      expect(result.rows.map((r) => r[0])).toEqual([
        '2024-03-10T07:59:00.000Z',
        '2024-03-10T08:30:00.000Z',
        '2024-11-03T07:30:00.000Z',
        '2024-11-03T07:30:00.000Z',
        '2024-11-03T08:00:00.000Z',
      ]);
      // A column with an offset is left alone.
      expect(result.rows.map((r) => r[1])[1]).toBe('2024-03-10T02:30:00.000Z');
      expect(await connector.localTimes?.()).toEqual({
        zone: ZONE,
        columns: [
          {
            name: 'dst.ts',
            repeated: 2,
            skipped: 1,
            spans: ['2024-03-10 02:00–03:00 skipped', '2024-11-03 01:00–02:00 repeated'],
          },
        ],
      });
    } finally {
      await connector.close();
    }
  });
});
