// `otq serve` prints at start the same one-screen summary that `otq connect --check` prints: tags, types, units, time range.
import { execFile, spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../app/config/load-config.ts';
import { tempDir, withScratchDuckDb } from '../helpers/own-data.ts';

const OTQ = join(projectRoot, 'bin', 'otq.mjs');
let dir: string;
let connectOut: string[];
let serveErr: string[];

/**
 * A wide CSV export of our own (dotted SCADA names, units in brackets and parentheses, text time): three days at 10
 * minutes from 1 March 2024, a gap of 32 intervals on the second day, a reservoir level, a pump's run state and flow,
 * a pressure, a flow meter's running total, and a text column.
 */
async function writeExport(folder: string): Promise<void> {
  await withScratchDuckDb([
    `CREATE TABLE x AS SELECT strftime(TIMESTAMP '2024-03-01 00:00:00' + to_minutes(10 * q), '%Y-%m-%d %H:%M:%S') AS "Timestamp",
       round(3 + sin(q / 20.0), 3) AS "RES_A.LVL (m)",
       CASE WHEN (q // 6) % 24 BETWEEN 4 AND 9 THEN 1 ELSE 0 END AS "PMP_3.RUN",
       CASE WHEN (q // 6) % 24 BETWEEN 4 AND 9 THEN 41.5 ELSE 0.0 END AS "PMP_3.Q (m3/h)",
       round(4.2 + cos(q / 30.0) / 2, 3) AS "JCT_12.P [bar]",
       q AS "FM_7.TOTAL [m3]",
       'shift A' AS "Comment"
     FROM range(432) r(q) WHERE q NOT BETWEEN 200 AND 230`,
    `COPY x TO '${join(folder, 'scada.csv')}' (FORMAT csv, HEADER true)`,
  ]);
}

/** The summary block of printed lines: from `source NAME (` to the last indented line after it. */
function summaryBlock(lines: string[], name: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`source ${name} (`));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('  '));
  return lines.slice(start, end < 0 ? undefined : end);
}

beforeAll(async () => {
  dir = await tempDir('summary');
  await mkdir(join(dir, 'export'));
  await writeExport(join(dir, 'export'));
  const connect = await promisify(execFile)(
    process.execPath,
    [OTQ, 'connect', 'export', '--name', 'works', '--write', join(dir, 'otq.yaml'), '--check'],
    { cwd: dir },
  );
  connectOut = connect.stdout.split('\n');
  const child = spawn(process.execPath, [OTQ, 'serve', '--port', '0', '--config', join(dir, 'otq.yaml')], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const err: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => err.push(line));
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`otq serve exited (${code}) before it was ready: ${err.join('\n')}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (/otq is ready on /.test(line)) resolve();
      });
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  serveErr = err.filter((l) => l.startsWith('otq: ')).map((l) => l.slice('otq: '.length));
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the start summary of a wide CSV export', () => {
  it('otq connect --check names the tags, their inferred types and units, the time range, sampling and gaps', () => {
    const summary = summaryBlock(connectOut, 'works');
    expect(summary).toEqual([
      'source works (duckdb): 3 tables and views',
      '  samples samples (ts, tag, value); 5 tags from samples_tags',
      '  types: 3 analog, 1 counter, 1 status (5 inferred; override under historian.types)',
      '  units: 1 m3, 1 bar, 1 m3/h, 1 none, 1 m',
      '  time: 2024-03-01 00:00 UTC .. 2024-03-03 23:50 UTC, 2005 samples',
      '  local time: samples.ts carries no offset and is read as UTC; if it holds local time, set timestampZone: ZONE (a folder source) or map a view that converts it',
      '  sampling: every tag typically every 10 min; longest gap 5.3 h (last 14 days of data)',
      expect.stringMatching(
        /^ {2}the newest sample is \d+ d old: "yesterday" or "last week" find nothing; ask with dates \("on 3 March 2024"\)$/,
      ),
      '  tags: FM_7.TOTAL [m3] counter, JCT_12.P [bar] analog, PMP_3.Q (m3/h) analog, PMP_3.RUN status, RES_A.LVL (m) analog',
    ]);
  });

  it('otq serve prints the same summary at start, before it is ready', () => {
    expect(summaryBlock(serveErr, 'works')).toEqual(summaryBlock(connectOut, 'works'));
  });
});
