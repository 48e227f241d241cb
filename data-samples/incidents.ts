// The injected incidents, placed at fixed offsets from the window start (or end), each dropped if it does not fit.

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** An interval [fromMs, toMs) in epoch milliseconds, UTC. */
export interface Interval {
  fromMs: number;
  toMs: number;
}

/** Every injected incident; null when the window is too short to hold it. Times are epoch ms, UTC. */
export interface Incidents {
  /** BPS02/P01 trips on motor overload; P02 starts a minute later; P01 is reset by an electrician. */
  bps02Trip: { atMs: number; resetMs: number } | null;
  /** BPS02 outstation loses communication: no samples from BPS02 tags. */
  bps02CommLoss: Interval | null;
  /** T3 outlet chlorine analyser freezes at a constant value while reporting good quality. */
  t3ChlorineStuck: (Interval & { value: number }) | null;
  /** Main break in DMA02: extra flow, pressure collapse at the critical point; isolated, then repaired. */
  dma02Break: { fromMs: number; isolatedMs: number; repairedMs: number; leakM3h: number } | null;
  /** Hypochlorite dosing pump CL01 airlocks: no dosing, low chlorine leaves the plant. */
  chlorineDosingFailure: Interval | null;
  /** DMA05 network logger loses communication. */
  dma05CommLoss: Interval | null;
  /** T1 radio link outage (short). */
  t1CommLoss: Interval | null;
  /** BPS03/P02 bearing wear: vibration rises from degradeFromMs until a high-vibration trip; repaired later. */
  bps03Bearing: { degradeFromMs: number; tripMs: number; repairedMs: number } | null;
}

function at(startMs: number, day: number, hh: number, mm: number): number {
  return startMs + day * DAY_MS + (hh * 60 + mm) * MIN_MS;
}

/** Places the incidents in the window [startMs, endMs); both are midnight UTC. */
export function planIncidents(startMs: number, endMs: number): Incidents {
  const fits = (...ts: number[]): boolean => ts.every((t) => t >= startMs && t < endMs);
  const keep = <T>(value: T, ...ts: number[]): T | null => (fits(...ts) ? value : null);
  const trip = at(startMs, 23, 14, 5);
  const reset = at(startMs, 24, 9, 30);
  const comm = { fromMs: at(startMs, 35, 2, 10), toMs: at(startMs, 35, 5, 55) };
  const stuck = { fromMs: at(startMs, 47, 9, 12), toMs: at(startMs, 50, 11, 30), value: 0.47 };
  const brk = { fromMs: at(startMs, 61, 2, 47), isolatedMs: at(startMs, 61, 7, 35), repairedMs: at(startMs, 62, 15, 0), leakM3h: 180 };
  const dosing = { fromMs: at(startMs, 66, 8, 20), toMs: at(startMs, 66, 9, 55) };
  const dma05 = { fromMs: at(startMs, 71, 18, 0), toMs: at(startMs, 71, 23, 40) };
  const t1 = { fromMs: at(startMs, 14, 13, 20), toMs: at(startMs, 14, 14, 0) };
  const bearing = {
    degradeFromMs: endMs - 9 * DAY_MS,
    tripMs: endMs - 3 * DAY_MS + (3 * 60 + 17) * MIN_MS,
    repairedMs: endMs - DAY_MS + 10 * 60 * MIN_MS,
  };
  return {
    bps02Trip: keep({ atMs: trip, resetMs: reset }, trip, reset),
    bps02CommLoss: keep(comm, comm.fromMs, comm.toMs),
    t3ChlorineStuck: keep(stuck, stuck.fromMs, stuck.toMs),
    dma02Break: keep(brk, brk.fromMs, brk.repairedMs),
    chlorineDosingFailure: keep(dosing, dosing.fromMs, dosing.toMs),
    dma05CommLoss: keep(dma05, dma05.fromMs, dma05.toMs),
    t1CommLoss: keep(t1, t1.fromMs, t1.toMs),
    bps03Bearing: keep(bearing, bearing.degradeFromMs, bearing.repairedMs),
  };
}

/** Sites whose outstation is silent at tsMs, with the interval. */
export function commGaps(incidents: Incidents): { site: string; interval: Interval }[] {
  const gaps: { site: string; interval: Interval }[] = [];
  if (incidents.bps02CommLoss) gaps.push({ site: 'BPS02', interval: incidents.bps02CommLoss });
  if (incidents.dma05CommLoss) gaps.push({ site: 'DMA05', interval: incidents.dma05CommLoss });
  if (incidents.t1CommLoss) gaps.push({ site: 'T1', interval: incidents.t1CommLoss });
  return gaps;
}
