// Treatment plant WTP01 minute by minute: intake, filters with backwash, clearwell, hypochlorite dosing, high-lift pumps.
import { airTemperature, type Weather } from './demand-model.ts';
import type { Incidents } from './incidents.ts';
import { berlinLocal } from './local-time.ts';
import { dutyOrder, pickRunning, stageOnLevel } from './pump-control.ts';
import type { Rng } from './rng.ts';
import type { SeriesStore } from './series-store.ts';
import { bulkDecayPerHour } from './water-quality.ts';

const FILTERS = ['F01', 'F02', 'F03', 'F04'] as const;
const HL_PUMPS = ['P01', 'P02', 'P03'] as const;
const HL_STAGING = { start: [4.8, 4.0, 3.0], stop: [5.4, 5.0, 4.3] };
const HL_FLOW = [0, 540, 1000, 1380];

/** What the plant hands to the network each minute. */
export interface TreatmentOutput {
  /** Flow into Tank T1, m3/h. */
  hlFlow: number;
  /** Free chlorine leaving the plant, mg/L. */
  outletChlorine: number;
}

/** Creates the plant model writing into `store`; step() advances one minute. */
export function createTreatment(store: SeriesStore, rng: Rng, weather: Weather, incidents: Incidents) {
  const s = (path: string): Float64Array => store.get(`WTP01/${path}`);
  const raw = {
    flow: s('Intake/RawFlow'),
    total: s('Intake/RawFlowTotal'),
    ntu: s('Intake/RawTurbidity'),
    temp: s('Intake/RawTemperature'),
    ph: s('Intake/RawPH'),
    well: s('Intake/WellLevel'),
  };
  const filt = FILTERS.map((f) => ({ flow: s(`${f}/Flow`), hl: s(`${f}/HeadLoss`), ntu: s(`${f}/Turbidity`), run: s(`${f}/RunTime`) }));
  const cwLevelTag = s('CW01/Level');
  const cl = { running: s('CL01/Running'), rate: s('CL01/DosingRate'), sp: s('CL01/DoseSetpoint'), tank: s('CL01/TankLevel') };
  const pumps = HL_PUMPS.map((p) => ({
    code: p,
    running: s(`${p}/Running`),
    current: s(`${p}/MotorCurrent`),
    power: s(`${p}/Power`),
    dp: s(`${p}/DischargePressure`),
    hours: s(`${p}/RunHours`),
  }));
  const hl = { flow: s('HL/OutletFlow'), pressure: s('HL/OutletPressure'), total: s('HL/OutletFlowTotal'), energy: s('HL/EnergyTotal') };
  const out = { cl: s('Outlet/ChlorineResidual'), ntu: s('Outlet/Turbidity'), ph: s('Outlet/PH'), temp: s('Outlet/Temperature') };

  let cw = 3.0;
  let qPlant = 820;
  let hlEma = 820;
  let nHl = 2;
  let lastChange = -10;
  const runtimeH = [4, 16, 28, 40];
  const backwashLeft = [0, 0, 0, 0];
  const sinceBackwash = [999, 999, 999, 999];
  let hypo = 70;
  let doseSp = 1.05;
  const clDelay: number[] = new Array<number>(45).fill(0.85);
  let clHead = 0;
  let clLag = 0.85;
  let rawTotal = Math.round(rng.between(2e6, 4e6));
  let hlTotal = Math.round(rng.between(2e6, 4e6));
  let energy = Math.round(rng.between(1e6, 2e6));
  const hours = HL_PUMPS.map(() => Math.round(rng.between(8000, 30000)));

  return function step(k: number, tsMs: number, t1Level: number, tw: number): TreatmentOutput {
    const ntuRaw = weather.rawTurbidity(tsMs);
    const localHour = berlinLocal(tsMs).hour;
    // High-lift pumps stage on Tank T1 level.
    if (k - lastChange >= 3) {
      const next = stageOnLevel(nHl, t1Level, HL_STAGING, HL_PUMPS.length);
      if (next !== nHl) {
        nHl = next;
        lastChange = k;
      }
    }
    const running = pickRunning(dutyOrder(HL_PUMPS, tsMs), nHl, new Set());
    const q = nHl === 0 ? 0 : (HL_FLOW[nHl] ?? 0) * (1 - 0.01 * (t1Level - 4)) + 4 * rng.normal();
    const headerM = nHl === 0 ? 38 + t1Level : 40 + t1Level + 6 * (q / 1000) ** 2;
    const suctionM = cw + 1.5;
    let kw = 0;
    for (let p = 0; p < pumps.length; p += 1) {
      const pump = pumps[p]!;
      const on = running.get(pump.code) === true;
      pump.running[k] = on ? 1 : 0;
      if (on) {
        const power = (9.81 * (q / nHl / 3600) * (headerM - suctionM)) / 0.78 + 0.6 * rng.normal();
        kw += power;
        pump.power[k] = power;
        pump.current[k] = (power * 1000) / (1.732 * 400 * 0.86) + 0.8 * rng.normal();
        pump.dp[k] = headerM / 10.2 + 0.04 + 0.01 * rng.normal();
        hours[p]! += 1 / 60;
      } else {
        pump.power[k] = 0;
        pump.current[k] = 0;
        pump.dp[k] = suctionM / 10.2 + 0.005 * rng.normal();
      }
      pump.hours[k] = hours[p]!;
    }
    hl.flow[k] = q;
    hl.pressure[k] = headerM / 10.2 + 0.01 * rng.normal();
    hlTotal += q / 60;
    energy += kw / 60;
    hl.total[k] = hlTotal;
    hl.energy[k] = energy;

    // Clearwell balance and plant flow control (production follows high-lift demand, trimmed on clearwell level).
    hlEma += (q - hlEma) / 120;
    const target = Math.min(1300, Math.max(450, hlEma + 300 * (3.0 - cw)));
    qPlant += (target - qPlant) / 20;
    cw = Math.min(4.45, Math.max(0.3, cw + (qPlant - q) / 500 / 60));
    cwLevelTag[k] = cw + 0.004 * rng.normal();
    const rawQ = qPlant * 1.02 + 5 * rng.normal();
    rawTotal += rawQ / 60;
    raw.flow[k] = rawQ;
    raw.total[k] = rawTotal;
    raw.ntu[k] = ntuRaw * (1 + 0.015 * rng.normal());
    raw.temp[k] = tw + 0.02 * rng.normal();
    raw.ph[k] = 7.85 + 0.12 * Math.sin((2 * Math.PI * (localHour - 10)) / 24) - 0.01 * (ntuRaw - 3) + 0.01 * rng.normal();
    raw.well[k] = 3.2 + 0.25 * Math.sin(tsMs / (9 * 86_400_000)) - 0.0004 * (rawQ - 800) + 0.01 * rng.normal();

    // Filters: equal share of the plant flow among filters in service; backwash by run time or head loss.
    let busy = backwashLeft.some((m) => m > 0);
    for (let f = 0; f < FILTERS.length; f += 1) {
      const hlNow = 0.3 + 0.025 * runtimeH[f]! * (qPlant / 3 / 250) ** 1.5;
      if (backwashLeft[f]! === 0 && !busy && (runtimeH[f]! >= 48 || hlNow >= 1.8)) {
        backwashLeft[f] = 30;
        busy = true;
      }
    }
    const inService = backwashLeft.filter((m) => m === 0).length;
    let ntuSum = 0;
    for (let f = 0; f < FILTERS.length; f += 1) {
      const tags = filt[f]!;
      if (backwashLeft[f]! > 0) {
        backwashLeft[f]! -= 1;
        runtimeH[f] = 0;
        sinceBackwash[f] = 0;
        tags.flow[k] = 0;
        tags.hl[k] = 0.05 + 0.01 * rng.normal();
        tags.ntu[k] = tags.ntu[k - 1] ?? 0.1;
        tags.run[k] = 0;
        continue;
      }
      const qf = qPlant / inService;
      runtimeH[f]! += 1 / 60;
      sinceBackwash[f]! += 1;
      const ripening = sinceBackwash[f]! < 180 ? 0.22 * Math.exp(-sinceBackwash[f]! / 15) : 0;
      const ntu = 0.06 + 0.004 * ntuRaw + 0.0015 * runtimeH[f]! + ripening + 0.005 * rng.normal();
      ntuSum += ntu;
      tags.flow[k] = qf + 2 * rng.normal();
      tags.hl[k] = 0.3 + 0.025 * runtimeH[f]! * (qf / 250) ** 1.5 + 0.01 * rng.normal();
      tags.ntu[k] = ntu;
      tags.run[k] = runtimeH[f]!;
    }

    // Hypochlorite dosing (12.5 %, about 150 g/L available chlorine) and the clearwell contact time.
    if (k % 1440 === 0) doseSp = Math.round((0.95 + 0.015 * (tw - 12)) * 20) / 20;
    const failure = incidents.chlorineDosingFailure;
    const dosing = !(failure && tsMs >= failure.fromMs && tsMs < failure.toMs);
    const rate = dosing ? (qPlant * doseSp) / 150 + 0.05 * rng.normal() : 0;
    hypo -= ((rate / 1500) * 100) / 60;
    if (hypo < 32 && localHour >= 8 && localHour < 9) hypo = 90 + rng.between(0, 2);
    cl.running[k] = dosing ? 1 : 0;
    cl.rate[k] = rate;
    cl.sp[k] = doseSp;
    cl.tank[k] = hypo + 0.05 * rng.normal();
    const applied = dosing ? Math.max(0, doseSp - 0.12 - 0.005 * ntuRaw) : 0;
    const delayed = clDelay[clHead]!;
    clDelay[clHead] = applied;
    clHead = (clHead + 1) % clDelay.length;
    clLag += (delayed - clLag) / 25 - (bulkDecayPerHour(tw) / 60) * clLag;
    out.cl[k] = Math.max(0, clLag + 0.008 * rng.normal());
    out.ntu[k] = (inService > 0 ? ntuSum / inService : 0.1) * 0.8 + 0.01 + 0.004 * rng.normal();
    out.ph[k] = 7.55 + 0.02 * rng.normal();
    out.temp[k] = tw + 0.15 + (0.02 * (airTemperature(tsMs) - 11)) / 10 + 0.02 * rng.normal();
    return { hlFlow: q, outletChlorine: clLag };
  };
}
