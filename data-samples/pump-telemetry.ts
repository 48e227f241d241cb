// 10-second drive telemetry of BPS03's pumps, interpolated from the 1-minute process state with drive-level noise.
import type { TelemetryBatch } from './dataset-types.ts';
import { createRng } from './rng.ts';
import type { SeriesStore } from './series-store.ts';

const STEP_MS = 10_000;
const PUMPS = ['P01', 'P02', 'P03'] as const;
/** Rows per yielded batch. */
export const BATCH_ROWS = 65_536;

/** Yields telemetry rows for [fromMs, toMs), ordered by time then pump. windowStartMs is minute 0 of the store. */
export function* pumpTelemetry(
  store: SeriesStore,
  seed: number,
  windowStartMs: number,
  fromMs: number,
  toMs: number,
): Generator<TelemetryBatch> {
  const rng = createRng(seed, 'telemetry');
  const tags = PUMPS.map((p) => ({
    path: `BPS03/${p}`,
    running: store.window(`BPS03/${p}/Running`),
    speed: store.window(`BPS03/${p}/Speed`),
    current: store.window(`BPS03/${p}/MotorCurrent`),
    power: store.window(`BPS03/${p}/Power`),
    vib: store.window(`BPS03/${p}/Vibration`),
  }));
  const minutes = store.minutes;
  const fresh = (): TelemetryBatch => ({
    tsMs: new Float64Array(BATCH_ROWS),
    pump: [],
    speedRpm: new Float64Array(BATCH_ROWS),
    motorCurrentA: new Float64Array(BATCH_ROWS),
    powerKw: new Float64Array(BATCH_ROWS),
    vibrationMmS: new Float64Array(BATCH_ROWS),
    running: new Uint8Array(BATCH_ROWS),
    length: 0,
  });
  let batch = fresh();
  for (let ts = fromMs; ts < toMs; ts += STEP_MS) {
    const pos = (ts - windowStartMs) / 60_000;
    const m = Math.floor(pos);
    const frac = pos - m;
    const m2 = Math.min(minutes - 1, m + 1);
    for (const t of tags) {
      const on = (t.running[m] ?? 0) >= 0.5;
      const bothOn = on && (t.running[m2] ?? 0) >= 0.5;
      const lerp = (a: Float64Array): number => (bothOn ? (a[m] ?? 0) * (1 - frac) + (a[m2] ?? 0) * frac : (a[m] ?? 0));
      const i = batch.length;
      batch.tsMs[i] = ts;
      batch.pump.push(t.path);
      batch.running[i] = on ? 1 : 0;
      if (on) {
        batch.speedRpm[i] = Math.round((lerp(t.speed) + 2.5 * rng.normal()) * 10) / 10;
        batch.motorCurrentA[i] = Math.round((lerp(t.current) + 0.4 * rng.normal()) * 100) / 100;
        batch.powerKw[i] = Math.round((lerp(t.power) + 0.25 * rng.normal()) * 100) / 100;
        batch.vibrationMmS[i] = Math.round(Math.max(0.05, lerp(t.vib) * (1 + 0.05 * rng.normal())) * 100) / 100;
      } else {
        batch.speedRpm[i] = 0;
        batch.motorCurrentA[i] = 0;
        batch.powerKw[i] = 0;
        batch.vibrationMmS[i] = Math.round((0.1 + 0.03 * Math.abs(rng.normal())) * 100) / 100;
      }
      batch.length += 1;
      if (batch.length === BATCH_ROWS) {
        yield batch;
        batch = fresh();
      }
    }
  }
  if (batch.length > 0) yield batch;
}
