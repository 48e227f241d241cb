// Booster pump stations: fixed-speed stations lifting into tanks on level hysteresis, one variable-speed pressure booster.
import { airTemperature } from './demand-model.ts';
import type { Incidents } from './incidents.ts';
import { dutyOrder, pickRunning, stageOnLevel, type LevelStaging } from './pump-control.ts';
import type { Rng } from './rng.ts';
import type { SeriesStore } from './series-store.ts';

const MIN_MS = 60_000;

interface StationDesign {
  pumps: string[];
  vfd: boolean;
  staging?: LevelStaging;
  /** Station flow (m3/h) with n pumps running (index n). */
  flows?: number[];
  /** Static head (m) above the station datum to the downstream tank floor. */
  staticM: number;
  /** Friction head (m) at the flow frictionAtM3h. */
  frictionM: number;
  frictionAtM3h: number;
  efficiency: number;
}

const DESIGNS: Record<string, StationDesign> = {
  BPS01: {
    pumps: ['P01', 'P02'],
    vfd: false,
    staging: { start: [3.6, 2.4], stop: [4.4, 3.6] },
    flows: [0, 265, 470],
    staticM: 55,
    frictionM: 7,
    frictionAtM3h: 470,
    efficiency: 0.76,
  },
  BPS02: {
    pumps: ['P01', 'P02'],
    vfd: false,
    staging: { start: [3.2, 2.0], stop: [4.0, 3.4] },
    flows: [0, 225, 395],
    staticM: 38,
    frictionM: 6,
    frictionAtM3h: 395,
    efficiency: 0.75,
  },
  BPS03: { pumps: ['P01', 'P02', 'P03'], vfd: true, staticM: 0, frictionM: 1, frictionAtM3h: 150, efficiency: 0.75 },
};

/** Hydraulic conditions at the station this minute. */
export interface StationInput {
  /** Suction head (m) above the pump centreline. */
  suctionHeadM: number;
  /** Level (m) in the tank the station fills (fixed-speed stations). */
  downstreamLevel: number;
  /** Flow the zone draws (m3/h), for the pressure booster. */
  demand: number;
  /** Discharge pressure setpoint (bar), for the pressure booster. */
  setpointBar?: number;
}

/** What the station delivers this minute. */
export interface StationOutput {
  flow: number;
  dischargeBar: number;
}

/** Creates one station (BPS01, BPS02 or BPS03) writing its tags into the store. */
export function createStation(store: SeriesStore, rng: Rng, incidents: Incidents, site: string) {
  const design = DESIGNS[site];
  if (!design) throw new Error(`no design for station ${site}`);
  const s = (path: string): Float64Array => store.get(`${site}/${path}`);
  const pumps = design.pumps.map((code) => ({
    code,
    running: s(`${code}/Running`),
    current: s(`${code}/MotorCurrent`),
    power: s(`${code}/Power`),
    dp: s(`${code}/DischargePressure`),
    hours: s(`${code}/RunHours`),
    speed: design.vfd ? s(`${code}/Speed`) : null,
    vib: design.vfd ? s(`${code}/Vibration`) : null,
  }));
  const header = {
    suction: s('Header/SuctionPressure'),
    discharge: s('Header/DischargePressure'),
    flow: s('Header/Flow'),
    total: s('Header/FlowTotal'),
    energy: s('Header/EnergyTotal'),
  };
  const setpointTag = design.vfd ? s('Header/PressureSetpoint') : null;
  const panel = s('RTU/PanelTemperature');
  let n = 1;
  let lastChange = -10;
  let total = Math.round(rng.between(3e5, 1.5e6));
  let energy = Math.round(rng.between(2e5, 9e5));
  const hours = design.pumps.map(() => Math.round(rng.between(5000, 25000)));
  const trip = site === 'BPS02' ? incidents.bps02Trip : null;
  const bearing = site === 'BPS03' ? incidents.bps03Bearing : null;

  return function step(k: number, tsMs: number, input: StationInput): StationOutput {
    const unavailable = new Set<string>();
    let lead: string | undefined;
    let forceMin = 0;
    let overload = false;
    let vibSpike = false;
    let bearingWear = 0;
    if (trip) {
      if (tsMs >= trip.atMs - 30 * MIN_MS && tsMs < trip.atMs) {
        lead = 'P01';
        forceMin = 1;
      }
      if (tsMs === trip.atMs - MIN_MS) overload = true;
      if (tsMs >= trip.atMs && tsMs < trip.resetMs) unavailable.add('P01');
    }
    if (bearing) {
      if (tsMs >= bearing.degradeFromMs && tsMs < bearing.tripMs) {
        lead = 'P02';
        bearingWear = 4.9 * ((tsMs - bearing.degradeFromMs) / (bearing.tripMs - bearing.degradeFromMs)) ** 2.2;
      }
      if (tsMs === bearing.tripMs - MIN_MS) vibSpike = true;
      if (tsMs >= bearing.tripMs && tsMs < bearing.repairedMs) unavailable.add('P02');
    }
    const available = design.pumps.length - unavailable.size;
    if (k - lastChange >= 3) {
      let next = n;
      if (design.staging) next = stageOnLevel(n, input.downstreamLevel, design.staging, available);
      else next = n === 1 && input.demand > 115 ? 2 : n === 2 && input.demand < 85 ? 1 : n;
      if (next !== n) {
        n = next;
        lastChange = k;
      }
    }
    n = Math.min(Math.max(n, forceMin, design.vfd ? 1 : 0), available);
    const tripNow = trip !== null && tsMs === trip.atMs;
    const count = tripNow ? 0 : n;
    const running = pickRunning(dutyOrder(design.pumps, tsMs, lead), count, unavailable);

    let flow: number;
    let dischargeM: number;
    if (design.vfd) {
      flow = input.demand;
      const sp = input.setpointBar ?? 5;
      setpointTag![k] = sp;
      dischargeM = sp * 10.2 - (bearing && tsMs === bearing.tripMs ? 8 : 0);
    } else {
      flow = count === 0 ? 0 : (design.flows![count] ?? 0) * (1 - 0.015 * (input.downstreamLevel - 3)) + 2 * rng.normal();
      dischargeM = design.staticM + input.downstreamLevel + (count === 0 ? 0 : design.frictionM * (flow / design.frictionAtM3h) ** 2);
    }
    const suctionM = input.suctionHeadM - 1.5 * (flow / (design.frictionAtM3h * 1.5)) ** 2;
    const pumpHeadM = dischargeM - suctionM;
    let kw = 0;
    for (let p = 0; p < pumps.length; p += 1) {
      const pump = pumps[p]!;
      const on = running.get(pump.code) === true;
      pump.running[k] = on ? 1 : 0;
      if (!on) {
        pump.power[k] = 0;
        pump.current[k] = 0;
        pump.dp[k] = suctionM / 10.2 + 0.005 * rng.normal();
        if (pump.speed) pump.speed[k] = 0;
        if (pump.vib) pump.vib[k] = 0.12 + 0.03 * Math.abs(rng.normal());
        pump.hours[k] = hours[p]!;
        continue;
      }
      const q = flow / count;
      let eff = design.efficiency;
      if (design.vfd) {
        eff = 0.45 + 0.3 * Math.min(1, q / 90);
        const speed = Math.min(1480, Math.max(700, 1480 * Math.sqrt((pumpHeadM + 0.0015 * q * q) / 60)));
        pump.speed![k] = speed + 2 * rng.normal();
        const wear = pump.code === 'P02' ? bearingWear : 0;
        pump.vib![k] = vibSpike && pump.code === 'P02' ? 7.6 : 1.2 + 0.8 * (speed / 1480) ** 2 + wear + (0.06 + 0.03 * wear) * rng.normal();
      }
      let power = (9.81 * (q / 3600) * pumpHeadM) / eff + (design.vfd ? 0.8 : 0) + 0.4 * rng.normal();
      let current = (power * 1000) / (1.732 * 400 * 0.86) + (design.vfd ? 4 : 0) + 0.5 * rng.normal();
      if (overload && pump.code === 'P01') {
        power = 61 + rng.normal();
        current = 104 + rng.normal();
      }
      kw += power;
      pump.power[k] = power;
      pump.current[k] = current;
      pump.dp[k] = dischargeM / 10.2 + 0.03 + 0.01 * rng.normal();
      hours[p]! += 1 / 60;
      pump.hours[k] = hours[p]!;
    }
    total += flow / 60;
    energy += kw / 60;
    header.suction[k] = suctionM / 10.2 + 0.008 * rng.normal();
    header.discharge[k] = dischargeM / 10.2 + 0.012 * rng.normal();
    header.flow[k] = flow === 0 ? 0 : flow + 1.5 * rng.normal();
    header.total[k] = total;
    header.energy[k] = energy;
    panel[k] = 21 + 0.45 * (airTemperature(tsMs) - 11) + 0.02 * kw + 0.1 * rng.normal();
    return { flow, dischargeBar: dischargeM / 10.2 };
  };
}
