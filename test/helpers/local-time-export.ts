// A SCADA export in America/Chicago wall-clock time without an offset (long CSV and wide Parquet), and its truth.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withScratchDuckDb } from './own-data.ts';

export const ZONE = 'America/Chicago';
/** Noon in Chicago on 6 November 2024: "yesterday" is 5 November, 06:00Z .. 6 November 06:00Z. */
export const NOW = '2024-11-06T18:00:00Z';

const wallOf = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Every 15 minutes from 2 November 2024 00:00 CDT to 7 November 00:00 CST, written as the export writes it: local wall
 * time, no offset (the hour 01:00-01:59 of 3 November appears twice). PS1 pressure is 50 + the local hour, with
 * 99 psi at 22:00 on 5 November and 120 psi at 03:00 on 6 November (inside "yesterday" only if read as UTC).
 */
export const rows: { wall: string; pressure: number; flow: number }[] = [];
for (let t = Date.parse('2024-11-02T05:00:00Z'); t < Date.parse('2024-11-07T06:00:00Z'); t += 15 * 60_000) {
  const wall = wallOf.format(t);
  const hour = Number(wall.slice(11, 13));
  const pressure = wall === '2024-11-05 22:00:00' ? 99 : wall === '2024-11-06 03:00:00' ? 120 : 50 + hour;
  rows.push({ wall, pressure, flow: 10 * hour });
}
export const truth = {
  maxPressureOn5November: Math.max(...rows.filter((r) => r.wall.startsWith('2024-11-05')).map((r) => r.pressure)),
  pressureAt0800On5November: rows.find((r) => r.wall === '2024-11-05 08:00:00')!.pressure,
  repeatedWalls: rows.filter((r) => r.wall.startsWith('2024-11-03 01:')).length,
};

/** Writes `long/readings.csv` + `long/tags.csv` and `wide/scada.parquet` (naive TIMESTAMP, written by DuckDB) under `folder`. */
export async function writeLocalTimeExports(folder: string): Promise<void> {
  await mkdir(join(folder, 'long'), { recursive: true });
  await mkdir(join(folder, 'wide'), { recursive: true });
  const long = rows.flatMap((r) => [`${r.wall},PS1 pressure,${r.pressure}`, `${r.wall},PS1 flow,${r.flow}`]);
  await writeFile(join(folder, 'long', 'readings.csv'), `ts,tag,value\n${long.join('\n')}\n`);
  await writeFile(join(folder, 'long', 'tags.csv'), 'tag,unit,description\nPS1 pressure,psi,discharge pressure\nPS1 flow,gpm,flow\n');
  const values = rows.map((r) => `(TIMESTAMP '${r.wall}', ${r.pressure}, ${r.flow})`).join(', ');
  await withScratchDuckDb([
    `CREATE TABLE scada AS SELECT * FROM (VALUES ${values}) AS v("Time", "PS1 pressure [psi]", "PS1 flow [gpm]")`,
    `COPY scada TO '${join(folder, 'wide', 'scada.parquet')}' (FORMAT parquet)`,
  ]);
}
