// `otq connect FOLDER --timezone America/Chicago` on an export in local wall-clock time writes timestampZone, so `otq ask` windows are right.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../app/config/load-config.ts';
import { NOW, truth, writeLocalTimeExports, ZONE } from '../helpers/local-time-export.ts';
import { tempDir } from '../helpers/own-data.ts';

const OTQ = join(projectRoot, 'bin', 'otq.mjs');
let dir: string;

async function otq(args: string[]): Promise<{ out: string; err: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [OTQ, ...args], { cwd: dir });
    return { out: stdout, err: stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { out: failed.stdout ?? '', err: failed.stderr ?? '', code: failed.code ?? 1 };
  }
}

const connected = new Map<string, { out: string; err: string; code: number }>();

beforeAll(async () => {
  dir = await tempDir('connect-local');
  await writeLocalTimeExports(dir);
  // The tester's exact command, and the same without --timezone.
  connected.set('zone', await otq(['connect', 'long', '--timezone', ZONE, '--write', join(dir, 'chicago.yaml'), '--check']));
  connected.set('none', await otq(['connect', 'long', '--write', join(dir, 'utc.yaml'), '--check']));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('otq connect on a folder whose export wrote local time without an offset', () => {
  it('with --timezone, writes the source`s timestampZone and says so', async () => {
    const { err, code } = connected.get('zone')!;
    expect(code).toBe(0);
    const config = parse(await readFile(join(dir, 'chicago.yaml'), 'utf8')) as {
      timezone: string;
      sources: Record<string, { timestampZone?: string }>;
    };
    expect(config.timezone).toBe(ZONE);
    expect(config.sources['long']?.timestampZone).toBe(ZONE);
    expect(err).toContain(`otq connect: time: readings.ts is TIMESTAMP without an offset: read as ${ZONE} local time`);
  });

  it('--check labels the instants it read and counts the rows in the repeated fall-back hour', () => {
    const { out } = connected.get('zone')!;
    // 00:00 CDT on 2 November is 05:00 UTC; the last sample, 23:45 CST on 6 November, is 05:45 UTC.
    expect(out).toContain('  time: 2024-11-02 05:00 UTC .. 2024-11-07 05:45 UTC');
    expect(out).toContain(
      `  local time: readings.ts carries no offset and is read as ${ZONE} time (timestampZone); ${2 * truth.repeatedWalls} rows in an hour the clock repeats (read as the later, standard-time instant), 0 in an hour it skips (read one hour later): 2024-11-03 01:00–02:00 repeated`,
    );
  });

  it('without --timezone, writes no zone and says the times are read as UTC and how to change it', async () => {
    const { out, err, code } = connected.get('none')!;
    expect(code).toBe(0);
    const config = parse(await readFile(join(dir, 'utc.yaml'), 'utf8')) as { sources: Record<string, { timestampZone?: string }> };
    expect(config.sources['long']?.timestampZone).toBeUndefined();
    expect(err).toContain('read as UTC; if the export wrote local time, rerun with --timezone ZONE');
    expect(out).toContain('  time: 2024-11-02 00:00 UTC .. 2024-11-06 23:45 UTC');
    expect(out).toContain('  local time: readings.ts carries no offset and is read as UTC');
  });

  it('otq ask on the written config answers "yesterday" over the local day', async () => {
    const asked = await otq(['ask', '--config', join(dir, 'chicago.yaml'), '--now', NOW, 'maximum ps1 pressure yesterday']);
    expect(asked.code).toBe(0);
    expect(asked.out).toContain(`maximum ${truth.maxPressureOn5November} psi`);
    // The same config as otq connect wrote it before timestampZone (the plant zone alone): "yesterday" is six hours off.
    const chicago = await readFile(join(dir, 'chicago.yaml'), 'utf8');
    await writeFile(join(dir, 'before.yaml'), chicago.replace(`    timestampZone: ${ZONE}\n`, ''));
    const before = await otq(['ask', '--config', join(dir, 'before.yaml'), '--now', NOW, 'maximum ps1 pressure yesterday']);
    expect(before.code).toBe(0);
    expect(before.out).toContain('maximum 120 psi');
  }, 60_000);

  it('refuses timestampZone on a DuckDB file source, naming the key and what to do', async () => {
    await writeFile(join(dir, 'file.yaml'), `sources:\n  plant:\n    engine: duckdb\n    file: plant.duckdb\n    timestampZone: ${ZONE}\n`);
    const checked = await otq(['connect', '--check', '--config', join(dir, 'file.yaml')]);
    expect(checked.code).not.toBe(0);
    expect(checked.err).toContain('sources.plant.timestampZone: timestampZone is read by folder sources only');
    expect(checked.err).toContain("timezone('America/Chicago', ts) AS ts");
  });
});
