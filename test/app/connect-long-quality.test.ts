// `otq connect` on a long historian with a quality column and a table of people: the quality column is mapped with
// the good codes read from its values (a bad sample must not become the minimum), and the table naming people is left
// out of the engineer's grant and said so.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand } from '../../app/commands/connect-command.ts';
import { shareText } from '../../app/connect/propose-source.ts';
import type { AppRuntime } from '../../app/create-runtime.ts';
import { openOwnRuntime, tempDir, withScratchDuckDb } from '../helpers/own-data.ts';

let dir: string;
let runtime: AppRuntime;
const err: string[] = [];

beforeAll(async () => {
  dir = await tempDir('connect-quality');
  const file = join(dir, 'plant.duckdb');
  // One day of a pressure at 4.5-5 bar every 10 minutes, OPC quality 192, with one sensor fault: value 0, quality 0.
  await withScratchDuckDb([
    `ATTACH '${file}' AS plant`,
    `CREATE TABLE plant.readings AS SELECT TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_minutes(10 * i) AS ts, 'PS1.P_OUT' AS tag,
       CASE WHEN i = 50 THEN 0.0 ELSE 4.5 + (i % 6) / 10.0 END AS value, CASE WHEN i = 50 THEN 0 ELSE 192 END AS quality
       FROM range(144) r(i)`,
    `CREATE TABLE plant.points AS SELECT 'PS1.P_OUT' AS tag, 'PS1 outlet pressure' AS description, 'bar' AS unit`,
    `CREATE TABLE plant.shift_book AS SELECT DATE '2024-03-01' AS day, 'Kim Meyer' AS operator_name, 'all quiet' AS note`,
    'DETACH plant',
  ]);
  const code = await connectCommand([file, '--name', 'plant', '--timezone', 'UTC', '--write', join(dir, 'otq.yaml')], {
    out: () => {},
    err: (t) => err.push(t),
  });
  expect(code).toBe(0);
  runtime = await openOwnRuntime(join(dir, 'otq.yaml'));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('otq connect on a long historian with quality and people', () => {
  it('maps the quality column with the good codes its values show, and says what is left out', async () => {
    const config = parse(await readFile(join(dir, 'otq.yaml'), 'utf8')) as {
      sources: { plant: { historian: { samples: Record<string, unknown> } } };
    };
    expect(config.sources.plant.historian.samples).toMatchObject({ table: 'readings', quality: 'quality', goodQuality: [192] });
    expect(err).toContainEqual(
      expect.stringMatching(/quality: quality, good = 192 \(OPC good range; 99\.3 % of samples\); 1 sample with 0 is left out/),
    );
  });

  it('never rounds a few bad samples away: 3 in 600,000 are "> 99.9 %" good, not "100.0 %"', () => {
    expect(shareText(599_997, 600_000)).toBe('> 99.9 %');
    expect(shareText(600_000, 600_000)).toBe('100 %');
    expect(shareText(3, 600_000)).toBe('< 0.1 %');
    expect(shareText(143, 144)).toBe('99.3 %');
  });

  it('keeps the bad sample out of the minimum', async () => {
    const principal = runtime.principalFor('engineer')!;
    const answer = await runtime.ask({ principal, question: 'min PS1 outlet pressure on 1 March 2024', channel: 'cli', requestId: 'q1' });
    expect(answer.answer).toMatch(/minimum 4\.5 bar/);
  });

  it('leaves the table naming people out of the engineer’s grant, says so, and the supervisor reads it', async () => {
    expect(err).toContainEqual(expect.stringMatching(/personal data: shift_book \(operator_name\) is granted to supervisor only/));
    const policy = parse(await readFile(join(dir, 'otq.policy.yaml'), 'utf8')) as {
      roles: Record<string, { sources: { plant: { tables: string; exceptTables?: string[] } } }>;
    };
    expect(policy.roles['engineer']!.sources.plant).toEqual({ tables: '*', exceptTables: ['shift_book'] });
    expect(policy.roles['supervisor']!.sources.plant).toEqual({ tables: '*' });
    const sql = 'SELECT operator_name FROM shift_book';
    const as = (user: string) =>
      runtime.runSql(runtime.principalFor(user)!, { principal: user, channel: 'cli', requestId: `s-${user}` }, { source: 'plant', sql });
    const asEngineer = await as('engineer');
    expect(asEngineer.kind).toBe('denied');
    const asSupervisor = await as('supervisor');
    expect(asSupervisor.kind === 'ok' ? asSupervisor.result.rows : null).toEqual([['Kim Meyer']]);
  });
});
