// Runs the whole plant minute by minute (after a warm-up) and returns every tag's true 1-minute series.
import { createWeather, waterTemperature } from './demand-model.ts';
import type { Incidents } from './incidents.ts';
import type { PlantCatalog } from './plant-catalog.ts';
import { createRng } from './rng.ts';
import { SeriesStore } from './series-store.ts';
import { createNetwork } from './sim-network.ts';
import { createTreatment } from './sim-treatment.ts';

const MIN_MS = 60_000;
/** Two simulated days before the window let tank levels, filters and chlorine settle into a natural state. */
const WARMUP_MINUTES = 2 * 1440;

/** Simulates [startMs, startMs + minutes) and returns the per-tag series (sensor readings before historian effects). */
export function runProcess(catalog: PlantCatalog, seed: number, startMs: number, minutes: number, incidents: Incidents): SeriesStore {
  const store = new SeriesStore(
    catalog.tags.map((t) => t.tagPath),
    minutes,
    WARMUP_MINUTES,
  );
  const firstMs = startMs - WARMUP_MINUTES * MIN_MS;
  const weather = createWeather(seed, firstMs, Math.ceil((minutes + WARMUP_MINUTES) / 1440) + 1);
  const rng = createRng(seed, 'process');
  const treatment = createTreatment(store, rng, weather, incidents);
  const network = createNetwork(store, rng, weather, incidents);
  let t1Level = 4.6;
  for (let k = 0; k < minutes + WARMUP_MINUTES; k += 1) {
    const tsMs = firstMs + k * MIN_MS;
    const tw = waterTemperature(tsMs);
    const plant = treatment(k, tsMs, t1Level, tw);
    t1Level = network(k, tsMs, plant.hlFlow, plant.outletChlorine, tw);
  }
  return store;
}
