// Status tags stored on change (exception storage, no heartbeat): a pump's running state gets a sample only when it
// starts or stops, so the absence of a sample means "unchanged". Run-hours hold each state until the next sample (not
// for the mapping's max age), carry in a state however old, rank every pump of a group, and end where the source's
// data ends. Truth: the uncompressed state, written below as intervals.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand } from '../../../app/commands/connect-command.ts';
import type { AppRuntime } from '../../../app/create-runtime.ts';
import type { Answer } from '../../../agent/answer.ts';
import type { Principal } from '../../../core/principal.ts';
import { openOwnRuntime, tempDir, withScratchDuckDb, writeOwnConfig } from '../../helpers/own-data.ts';

const engineer: Principal = { id: 'engineer', roles: ['engineer'] };
const NOW = '2024-03-12T08:00:00Z';
const HOUR = 3600_000;
let root: string;
let configPath: string;
let runtime: AppRuntime;

/** When each pump ran (uncompressed truth), half-open intervals; `null` end: still running at the data's end. */
const RUNNING: Record<string, [string, string | null][]> = {
  STN1_P1_RUN: [
    ['2024-03-09T06:00:00Z', '2024-03-11T10:00:00Z'],
    ['2024-03-11T12:00:00Z', null],
  ],
  STN1_P2_RUN: [['2024-02-20T00:00:00Z', null]],
};

/** Hours a pump ran in [from, to) by the truth above (a running state ends at `end`, the newest data). */
function truthHours(tag: string, from: string, to: string, end = NOW): number {
  let ms = 0;
  for (const [start, stop] of RUNNING[tag] ?? []) {
    const a = Math.max(Date.parse(start), Date.parse(from));
    const b = Math.min(Date.parse(stop ?? end), Date.parse(to), Date.parse(end));
    if (b > a) ms += b - a;
  }
  return ms / HOUR;
}

beforeAll(async () => {
  root = await tempDir('on-change');
  const plant = join(root, 'plant');
  const oldfeed = join(root, 'oldfeed');
  await mkdir(plant, { recursive: true });
  await mkdir(oldfeed, { recursive: true });
  // Station 1: pumps 1 and 2 stored on change (one sample per start or stop); pump 3 too, but a rule of the mapping
  // caps its samples at 60 min; a discharge pressure stored every 15 min (a heartbeat) up to 07:45 today.
  // Station 2 (another source): pump 1 runs from 5 March; the whole feed stops on 11 March at 15:00.
  await withScratchDuckDb([
    `CREATE TABLE tags AS SELECT * FROM (VALUES
       (1, 'STN1_P1_RUN', 'Station 1 pump 1 running', NULL, 'status'),
       (2, 'STN1_P2_RUN', 'Station 1 pump 2 running', NULL, 'status'),
       (3, 'STN1_P3_RUN', 'Station 1 pump 3 running', NULL, 'status'),
       (4, 'STN1_PRESS', 'Station 1 discharge pressure', 'bar', 'analog')) t(tag_id, tag, description, unit, kind)`,
    `CREATE TABLE samples AS
       SELECT * FROM (VALUES
         (TIMESTAMP '2024-02-20 00:00:00', 1, 0.0), (TIMESTAMP '2024-03-09 06:00:00', 1, 1.0),
         (TIMESTAMP '2024-03-11 10:00:00', 1, 0.0), (TIMESTAMP '2024-03-11 12:00:00', 1, 1.0),
         (TIMESTAMP '2024-02-20 00:00:00', 2, 1.0),
         (TIMESTAMP '2024-03-01 00:00:00', 3, 0.0), (TIMESTAMP '2024-03-11 06:00:00', 3, 1.0),
         (TIMESTAMP '2024-03-11 23:30:00', 3, 0.0)) s(ts, tag_id, value)
       UNION ALL
       SELECT TIMESTAMP '2024-02-20 00:00:00' + to_minutes(15 * q), 4, round(4 + sin(q / 7.0) / 2, 3)
         FROM range(0, 2048) r(q)`,
    `COPY (SELECT * FROM samples ORDER BY ts, tag_id) TO '${join(plant, 'samples.parquet')}' (FORMAT parquet)`,
    `COPY tags TO '${join(plant, 'tags.parquet')}' (FORMAT parquet)`,
    `CREATE TABLE tags2 AS SELECT * FROM (VALUES
       (1, 'STN2_P1_RUN', 'Station 2 pump 1 running', NULL, 'status'),
       (2, 'STN2_LEVEL', 'Station 2 well level', 'm', 'analog')) t(tag_id, tag, description, unit, kind)`,
    `CREATE TABLE samples2 AS
       SELECT * FROM (VALUES (TIMESTAMP '2024-03-01 00:00:00', 1, 0.0), (TIMESTAMP '2024-03-05 08:00:00', 1, 1.0)) s(ts, tag_id, value)
       UNION ALL
       SELECT TIMESTAMP '2024-03-01 00:00:00' + to_minutes(15 * q), 2, round(2 + cos(q / 9.0), 3)
         FROM range(0, 10 * 96 + 61) r(q)`,
    `COPY (SELECT * FROM samples2 ORDER BY ts, tag_id) TO '${join(oldfeed, 'samples.parquet')}' (FORMAT parquet)`,
    `COPY tags2 TO '${join(oldfeed, 'tags.parquet')}' (FORMAT parquet)`,
  ]);
  const historian = {
    samples: { table: 'samples', time: 'ts', tag: 'tag_id', value: 'value' },
    tags: { table: 'tags', id: 'tag_id', name: 'tag', description: 'description', unit: 'unit', dataType: 'kind' },
  };
  configPath = await writeOwnConfig(
    root,
    {
      timezone: 'UTC',
      users: { engineer: { roles: ['engineer'] } },
      sources: {
        plant: {
          engine: 'duckdb',
          folder: plant,
          historian: { ...historian, signal: { rules: [{ tag: 'STN1_P3_RUN', maxAgeMinutes: 60 }] } },
        },
        oldfeed: { engine: 'duckdb', folder: oldfeed, historian },
      },
    },
    grantBoth(),
  );
  runtime = await openOwnRuntime(configPath);
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The default roles may read every table of both sources. */
function grantBoth(): Record<string, unknown> {
  const tools = ['run_sql', 'search_catalog', 'describe_table', 'tag_history', 'tag_stats'];
  const role = { tools, sources: { plant: { tables: '*' }, oldfeed: { tables: '*' } } };
  return { roles: { engineer: role, supervisor: role } };
}

const ask = (question: string): Promise<Answer> =>
  runtime.ask({ principal: engineer, question, channel: 'cli', requestId: `q-${question}`, now: new Date(NOW) });
const cell = (answer: Answer, name: string, row = 0): unknown => answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)];

describe('a pump status stored on change', () => {
  it('runs 22 h yesterday: started two days before, stopped 2 h in the middle of the day, no sample since', async () => {
    const answer = await ask('how many hours did station 1 pump 1 run yesterday');
    expect(answer.window!.from).toBe('2024-03-11T00:00:00.000Z');
    expect(truthHours('STN1_P1_RUN', answer.window!.from, answer.window!.to)).toBe(22);
    expect(cell(answer, 'run_hours')).toBe(22);
    expect(cell(answer, 'starts')).toBe(1);
    expect(answer.answer).toMatch(/ran 22 h with 1 start yesterday /);
    expect(answer.answer).not.toMatch(/unknown|Low coverage|Data ends/);
    expect(answer.method?.line).toMatch(/stored on change: held until its next sample/);
  });

  it('last week: the run started inside it and went on to its end', async () => {
    const answer = await ask('how many hours did station 1 pump 1 run last week');
    const expected = truthHours('STN1_P1_RUN', answer.window!.from, answer.window!.to);
    expect(Date.parse(answer.window!.to) - Date.parse(answer.window!.from)).toBe(7 * 24 * HOUR);
    expect(expected).toBeGreaterThan(24);
    expect(cell(answer, 'run_hours')).toBeCloseTo(expected, 6);
  });

  it('ranks every pump of the station, the one running since February (state carried in) first', async () => {
    const answer = await ask('run hours of the station 1 pumps yesterday');
    const byTag = Object.fromEntries(answer.rows.map((r) => [r[0], r[1]]));
    expect(byTag).toEqual({ STN1_P1_RUN: 22, STN1_P2_RUN: 24, STN1_P3_RUN: 1 });
    const longest = await ask('which station 1 pump ran longest yesterday');
    expect(longest.rows[0]?.slice(0, 2)).toEqual(['STN1_P2_RUN', 24]);
    expect(longest.answer).toMatch(/^STN1_P2_RUN ran the most, yesterday .*: 24 h/);
  });

  it('a rule of the mapping caps a tag at its max age, and the answer says how long the state is unknown', async () => {
    const answer = await ask('how many hours did station 1 pump 3 run yesterday');
    expect(cell(answer, 'run_hours')).toBe(1);
    expect(answer.answer).toMatch(/The state is unknown for 22\.5 h of the window .*: the run-hours cover only the other 1\.5 h\./);
    expect(answer.answer).toMatch(/^Low coverage: only 6\.2 % of the window has good data/);
  });

  it('a feed that stopped mid-window is not read as still running: the hours end where the data ends, and the answer says so', async () => {
    const answer = await ask('how many hours did station 2 pump 1 run yesterday');
    expect(cell(answer, 'run_hours')).toBe(15);
    expect(answer.answer).toMatch(/ran 15 h with 0 starts yesterday /);
    expect(answer.answer).toMatch(/Data ends 2024-03-11 15:00 \+00:00; the numbers cover the window up to it\./);
  });

  it('the state now and at a moment: a state set weeks ago is in force, not stale', async () => {
    const now = await ask('is station 1 pump 2 running');
    expect(now.answer).toMatch(/was running \(1\) at 2024-02-20 00:00/);
    expect(now.notes.join('\n')).not.toMatch(/stale/);
    expect(now.notes.join('\n')).toMatch(/stored on change: the sample of STN1_P2_RUN \(512 h old\) holds until the next change/);
    const at = await ask('station 1 pump 2 status at 12:00 yesterday');
    expect(at.answer).toMatch(/was running \(1\) at 2024-02-20 00:00/);
  });

  it('otq connect --check says which status tags it found stored on change', async () => {
    const out: string[] = [];
    const code = await connectCommand(['--check', '--config', configPath], { out: (t) => out.push(...t.split('\n')), err: () => {} });
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/source plant [^]*2 status tags stored on change: held until their next sample/);
    expect(text).toMatch(/source oldfeed [^]*1 status tag stored on change: held until its next sample/);
  });
});
