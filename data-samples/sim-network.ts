// Distribution network minute by minute: demand in five DMAs, three tanks, three booster stations, PRVs, chlorine transport.
import { airTemperature, demandProfile, seasonalDemand, type Weather } from './demand-model.ts';
import type { Incidents } from './incidents.ts';
import { berlinLocal } from './local-time.ts';
import type { Rng } from './rng.ts';
import type { SeriesStore } from './series-store.ts';
import { createStation } from './sim-stations.ts';
import { bulkDecayPerHour, DelayLine, MixedTank } from './water-quality.ts';

const TANKS = { T1: { area: 1600, height: 6 }, T2: { area: 400, height: 5 }, T3: { area: 350, height: 4.5 } } as const;
const DMAS = ['DMA01', 'DMA02', 'DMA03', 'DMA04', 'DMA05'] as const;
const BASE_M3H = [180, 220, 140, 160, 90];
const LEAK_M3H = [14, 18, 9, 12, 6];

/** Creates the network model writing into `store`; step() advances one minute and returns Tank T1's level. */
export function createNetwork(store: SeriesStore, rng: Rng, weather: Weather, incidents: Incidents) {
  const s = (path: string): Float64Array => store.get(path);
  const tankTags = (site: string) => ({
    level: s(`${site}/Tank/Level`),
    volume: s(`${site}/Tank/Volume`),
    qin: s(`${site}/Tank/InletFlow`),
    qout: s(`${site}/Tank/OutletFlow`),
    cl: s(`${site}/Outlet/ChlorineResidual`),
    temp: s(`${site}/Outlet/Temperature`),
  });
  const t1 = tankTags('T1');
  const t2 = tankTags('T2');
  const t3 = tankTags('T3');
  const dma = DMAS.map((d) => ({
    flow: s(`${d}/Inlet/Flow`),
    total: s(`${d}/Inlet/FlowTotal`),
    crit: s(`${d}/CP01/Pressure`),
    cl: s(`${d}/SP01/ChlorineResidual`),
  }));
  const prv = (site: string, code: string) => ({
    pin: s(`${site}/${code}/InletPressure`),
    pout: s(`${site}/${code}/OutletPressure`),
    pos: s(`${site}/${code}/Position`),
  });
  const prvs = [prv('DMA01', 'PRV01'), prv('DMA02', 'PRV02'), prv('DMA03', 'PRV03')];
  const bps01 = createStation(store, rng, incidents, 'BPS01');
  const bps02 = createStation(store, rng, incidents, 'BPS02');
  const bps03 = createStation(store, rng, incidents, 'BPS03');

  const level = { T1: 4.6, T2: 3.6, T3: 3.0 };
  const ar = [0, 0, 0, 0, 0];
  const totals = DMAS.map(() => Math.round(rng.between(4e5, 2e6)));
  const pipes = {
    wtpT1: new DelayLine(40, 0.8),
    t1Short: new DelayLine(90, 0.75),
    toT2: new DelayLine(90, 0.7),
    toT3: new DelayLine(120, 0.7),
    d1: new DelayLine(180, 0.6),
    d2: new DelayLine(240, 0.6),
    d3: new DelayLine(180, 0.5),
    d4: new DelayLine(210, 0.4),
    d5: new DelayLine(150, 0.5),
  };
  const mix = { t1: new MixedTank(0.75), t2: new MixedTank(0.65), t3: new MixedTank(0.6) };
  const twHistory = new Float64Array(24 * 60).fill(15);

  /** Advances one minute; hlFlow and wtpChlorine come from the plant; returns T1 level (m) for high-lift control. */
  return function step(k: number, tsMs: number, hlFlow: number, wtpChlorine: number, tw: number): number {
    const local = berlinLocal(tsMs);
    twHistory[k % twHistory.length] = tw;
    const lagged = (minutes: number): number => twHistory[(k - minutes + 10 * twHistory.length) % twHistory.length] ?? tw;
    // Demand per DMA.
    const base = demandProfile(tsMs) * seasonalDemand(tsMs) * weather.dayFactor(tsMs);
    const brk = incidents.dma02Break;
    const breakOn = brk !== null && tsMs >= brk.fromMs && tsMs < brk.isolatedMs;
    const isolated = brk !== null && tsMs >= brk.isolatedMs && tsMs < brk.repairedMs;
    const d: number[] = [];
    for (let j = 0; j < DMAS.length; j += 1) {
      ar[j] = 0.97 * ar[j]! + 0.012 * rng.normal();
      let q = BASE_M3H[j]! * base * (1 + ar[j]!) + LEAK_M3H[j]!;
      if (j === 1 && breakOn && brk) q += brk.leakM3h * Math.min(1, (tsMs - brk.fromMs) / 180_000);
      if (j === 1 && isolated) q *= 0.93;
      d.push(q);
    }
    const [d1, d2, d3, d4, d5] = d as [number, number, number, number, number];

    // Stations: BPS01 and BPS02 on tank level, BPS03 on pressure with flow staging.
    const b1 = bps01(k, tsMs, { suctionHeadM: level.T1 + 4, downstreamLevel: level.T2, demand: 0 });
    const b2 = bps02(k, tsMs, { suctionHeadM: level.T1 + 3, downstreamLevel: level.T3, demand: 0 });
    const night = local.hour >= 23 || local.hour < 5;
    const b3 = bps03(k, tsMs, { suctionHeadM: level.T2 + 3, downstreamLevel: 0, demand: d5, setpointBar: night ? 4.6 : 5.0 });

    // Tank balances.
    const t1Out = d1 + d2 + b1.flow + b2.flow;
    const t2Out = d3 + d5;
    const update = (key: 'T1' | 'T2' | 'T3', qin: number, qout: number): void => {
      const tank = TANKS[key];
      level[key] = Math.min(tank.height - 0.05, Math.max(0.2, level[key] + (qin - qout) / tank.area / 60));
    };
    update('T1', hlFlow, t1Out);
    update('T2', b1.flow, t2Out);
    update('T3', b2.flow, d4);
    const writeTank = (
      tags: ReturnType<typeof tankTags>,
      key: 'T1' | 'T2' | 'T3',
      qin: number,
      qout: number,
      cl: number,
      temp: number,
    ): void => {
      tags.level[k] = level[key] + 0.004 * rng.normal();
      tags.volume[k] = level[key] * TANKS[key].area;
      tags.qin[k] = qin === 0 ? 0 : qin + 2 * rng.normal();
      tags.qout[k] = qout + 2 * rng.normal();
      tags.cl[k] = Math.max(0, cl + 0.008 * rng.normal());
      tags.temp[k] = temp + 0.02 * rng.normal();
    };

    // Chlorine transport with bulk decay; network sample points also lose some to the pipe wall.
    const kb = bulkDecayPerHour(tw);
    const intoT1 = pipes.wtpT1.step(wtpChlorine, kb);
    const t1Mixed = mix.t1.step(intoT1, hlFlow, level.T1 * TANKS.T1.area, kb);
    const t1Cl = 0.55 * t1Mixed + 0.45 * pipes.t1Short.step(intoT1, kb);
    const t2Cl = mix.t2.step(pipes.toT2.step(t1Cl, kb), b1.flow, level.T2 * TANKS.T2.area, kb);
    const t3Cl = mix.t3.step(pipes.toT3.step(t1Cl, kb), b2.flow, level.T3 * TANKS.T3.area, kb);
    const air = airTemperature(tsMs);
    writeTank(t1, 'T1', hlFlow, t1Out, t1Cl, lagged(600) + 0.2 + 0.02 * (air - 11));
    writeTank(t2, 'T2', b1.flow, t2Out, t2Cl, lagged(840) + 0.4 + 0.04 * (air - 11));
    writeTank(t3, 'T3', b2.flow, d4, t3Cl, lagged(1080) + 0.6 + 0.07 * (air - 11));
    const stuck = incidents.t3ChlorineStuck;
    if (stuck && tsMs >= stuck.fromMs && tsMs < stuck.toMs) t3.cl[k] = stuck.value;
    const networkCl = [
      pipes.d1.step(t1Cl, kb) - 0.06,
      pipes.d2.step(t1Cl, kb) - 0.08,
      pipes.d3.step(t2Cl, kb) - 0.06,
      pipes.d4.step(t3Cl, kb) - 0.06,
      pipes.d5.step(t2Cl, kb) - 0.07,
    ];

    // PRVs hold their outlet setpoint while the inlet head allows; position follows flow.
    const prvIn = [
      (48 + level.T1 - 3 * (d1 / 300) ** 2) / 10.2,
      (50 + level.T1 - 3 * (d2 / 350) ** 2) / 10.2,
      (38 + level.T2 - 2 * (d3 / 230) ** 2) / 10.2,
    ];
    const prvSp = [3.6, 3.6, 3.3];
    const prvCv = [500, 560, 600];
    const prvFlow = [d1, d2, d3];
    const prvOut: number[] = [];
    for (let j = 0; j < 3; j += 1) {
      const q = prvFlow[j]!;
      const pin = prvIn[j]!;
      let pout = prvSp[j]! - 0.05 * (q / 300);
      if (j === 1 && breakOn && brk) pout -= 0.45 * Math.min(1, (tsMs - brk.fromMs) / 300_000);
      const needed = (q / prvCv[j]!) ** 2;
      if (pin - pout < needed) pout = pin - needed;
      const pos = Math.min(100, (100 * q) / (prvCv[j]! * Math.sqrt(Math.max(0.05, pin - pout))));
      prvs[j]!.pin[k] = pin + 0.01 * rng.normal();
      prvs[j]!.pout[k] = pout + 0.012 * rng.normal();
      prvs[j]!.pos[k] = Math.min(100, Math.max(0, pos + 0.3 * rng.normal()));
      prvOut.push(pout);
    }
    const crit = [
      prvOut[0]! - 0.45 - 0.6 * (d1 / 350) ** 2,
      prvOut[1]! - 0.45 - 0.6 * (Math.min(d2, 450) / 420) ** 2 - (breakOn && brk ? 1.9 * Math.min(1, (tsMs - brk.fromMs) / 240_000) : 0),
      prvOut[2]! - 0.35 - 0.5 * (d3 / 260) ** 2,
      (40 + level.T3 - 12 - 4 * (d4 / 300) ** 2) / 10.2,
      b3.dischargeBar - (18 + 5 * (d5 / 180) ** 2) / 10.2,
    ];
    for (let j = 0; j < DMAS.length; j += 1) {
      const tags = dma[j]!;
      totals[j]! += d[j]! / 60;
      tags.flow[k] = d[j]! + 1.2 * rng.normal();
      tags.total[k] = totals[j]!;
      tags.crit[k] = Math.max(0.05, crit[j]! + 0.015 * rng.normal());
      tags.cl[k] = Math.max(0.02, networkCl[j]! + 0.008 * rng.normal());
    }
    return level.T1;
  };
}
