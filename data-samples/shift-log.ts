// The operators' shift log: handovers with real readings, weekly station rounds, and notes on every incident.
import type { ShiftLogRow } from './dataset-types.ts';
import type { Incidents } from './incidents.ts';
import { berlinOffsetHours } from './local-time.ts';
import type { SeriesStore } from './series-store.ts';

const MIN_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Control-room crews (fictional people; names are personal data in the sense of GDPR). */
const CREWS = [
  ['Anna Becker', 'Jonas Hoffmann'],
  ['Miriam Schulz', 'Lukas Wagner'],
  ['Petra Keller', 'Tobias Braun'],
  ['Sevgi Yilmaz', 'Markus Lehmann'],
] as const;
const ELECTRICIAN = 'Dieter Krause';
const INSTRUMENT_TECH = 'Katrin Vogel';
const NETWORK_LEAD = 'Felix Richter';
const SHIFTS = [
  { name: 'early', endLocalH: 14 },
  { name: 'late', endLocalH: 22 },
  { name: 'night', endLocalH: 6 },
] as const;

/** UTC instant of a local (Europe/Berlin) wall-clock time on the UTC day dayMs. */
function localToUtc(dayMs: number, hour: number, minute: number): number {
  const guess = dayMs + (hour * 60 + minute) * MIN_MS;
  return guess - berlinOffsetHours(guess) * HOUR_MS;
}

/** Builds the shift log of the window from the simulated readings and the incident plan. */
export function buildShiftLog(
  store: SeriesStore,
  startMs: number,
  days: number,
  incidents: Incidents,
  rainStarts: readonly number[],
): ShiftLogRow[] {
  const rows: ShiftLogRow[] = [];
  const minutes = days * 1440;
  const read = (path: string, tsMs: number): number =>
    store.window(path)[Math.min(minutes - 1, Math.max(0, Math.round((tsMs - startMs) / MIN_MS)))] ?? 0;
  const onDuty = (tsMs: number): string => {
    const local = tsMs + berlinOffsetHours(tsMs) * HOUR_MS - 6 * HOUR_MS;
    const shiftIndex = Math.floor((local % DAY_MS) / (8 * HOUR_MS));
    const day = Math.floor(local / DAY_MS);
    const crew = CREWS[(Math.floor(day / 2) + shiftIndex) % CREWS.length]!;
    return crew[day % 2]!;
  };
  const add = (tsMs: number, site: string, operatorName: string, note: string): void => {
    if (tsMs >= startMs && tsMs < startMs + days * DAY_MS) rows.push({ tsMs, site, operatorName, note });
  };
  const f1 = (v: number): string => v.toFixed(1);

  for (let d = 0; d < days; d += 1) {
    const dayMs = startMs + d * DAY_MS;
    for (const shift of SHIFTS) {
      const ts = localToUtc(dayMs, shift.endLocalH - 1, 50);
      const filtersOut = ['F01', 'F02', 'F03', 'F04'].filter((f) => read(`WTP01/${f}/Flow`, ts) < 1);
      add(
        ts,
        'WTP01',
        onDuty(ts),
        `Handover ${shift.name} shift: T1 ${f1(read('T1/Tank/Level', ts))} m, T2 ${f1(read('T2/Tank/Level', ts))} m, T3 ${f1(read('T3/Tank/Level', ts))} m; ` +
          `plant output ${Math.round(read('WTP01/HL/OutletFlow', ts))} m3/h; final chlorine ${read('WTP01/Outlet/ChlorineResidual', ts).toFixed(2)} mg/L; ` +
          (filtersOut.length > 0 ? `filter ${filtersOut.join(', ')} backwashing; ` : 'all filters in service; ') +
          `hypochlorite tank ${Math.round(read('WTP01/CL01/TankLevel', ts))} %.`,
      );
    }
    const weekday = new Date(dayMs).getUTCDay();
    const round: Record<number, string> = { 2: 'BPS01', 3: 'BPS02', 4: 'BPS03' };
    const site = round[weekday];
    if (site) {
      const ts = localToUtc(dayMs, 10, 15);
      add(
        ts,
        site,
        ELECTRICIAN,
        `Weekly round ${site}: pumps, seals and panel checked, no findings. P01 run hours ${Math.round(read(`${site}/P01/RunHours`, ts))} h.`,
      );
    }
    if (weekday === 1) {
      const ts = localToUtc(dayMs, 9, 30);
      add(
        ts,
        'WTP01',
        INSTRUMENT_TECH,
        'Weekly verification of chlorine and turbidity analysers against laboratory samples: within tolerance.',
      );
    }
  }
  for (const rain of rainStarts) {
    const ts = rain + 5 * HOUR_MS;
    add(
      ts,
      'WTP01',
      onDuty(ts),
      `Rain event: raw water turbidity rising (${f1(read('WTP01/Intake/RawTurbidity', ts))} NTU), coagulant dose increased, filters watched.`,
    );
  }
  const i = incidents;
  if (i.bps02Trip) {
    add(
      i.bps02Trip.atMs + 7 * MIN_MS,
      'BPS02',
      onDuty(i.bps02Trip.atMs),
      'BPS02 P01 tripped on motor overload; P02 started automatically. Electrician called out for tomorrow morning.',
    );
    add(
      i.bps02Trip.resetMs,
      'BPS02',
      ELECTRICIAN,
      'BPS02 P01: overload relay reset after insulation and current check, pump returned to service.',
    );
  }
  if (i.bps02CommLoss) {
    add(
      i.bps02CommLoss.fromMs + 12 * MIN_MS,
      'BPS02',
      onDuty(i.bps02CommLoss.fromMs),
      'Communication with BPS02 outstation lost; station running on local control, T3 level watched via DMA04 pressure.',
    );
    add(
      i.bps02CommLoss.toMs + 5 * MIN_MS,
      'BPS02',
      onDuty(i.bps02CommLoss.toMs),
      'BPS02 communication restored after the site router was restarted on site.',
    );
  }
  if (i.t3ChlorineStuck) {
    add(
      i.t3ChlorineStuck.toMs - 20 * MIN_MS,
      'T3',
      INSTRUMENT_TECH,
      `T3 outlet chlorine analyser found frozen at ${i.t3ChlorineStuck.value} mg/L (sample line blocked). Line cleaned, analyser recalibrated; readings since the freeze are not valid.`,
    );
  }
  if (i.dma02Break) {
    const b = i.dma02Break;
    add(
      b.fromMs + 18 * MIN_MS,
      'DMA02',
      onDuty(b.fromMs),
      'DMA02 night flow jumped and critical-point pressure collapsed: burst main suspected in Nordring. Network crew called out.',
    );
    add(
      b.isolatedMs,
      'DMA02',
      NETWORK_LEAD,
      'Burst on the 300 mm main in Kastanienweg located and isolated; about 40 properties without supply.',
    );
    add(b.repairedMs, 'DMA02', NETWORK_LEAD, 'Kastanienweg main repaired, flushed and back in service; supply restored to all properties.');
  }
  if (i.chlorineDosingFailure) {
    const c = i.chlorineDosingFailure;
    add(
      c.fromMs + 25 * MIN_MS,
      'WTP01',
      onDuty(c.fromMs),
      'Final water chlorine falling: hypochlorite dosing pump CL01 airlocked. Priming the pump.',
    );
    add(
      c.toMs + 10 * MIN_MS,
      'WTP01',
      onDuty(c.toMs),
      'CL01 primed and dosing again; low-chlorine water will reach T1 and the DMAs over the next hours. Health authority informed.',
    );
  }
  if (i.dma05CommLoss)
    add(
      i.dma05CommLoss.toMs + 15 * MIN_MS,
      'DMA05',
      INSTRUMENT_TECH,
      'DMA05 network logger back online after battery replacement; data gap this evening.',
    );
  if (i.t1CommLoss)
    add(
      i.t1CommLoss.toMs + 3 * MIN_MS,
      'T1',
      onDuty(i.t1CommLoss.toMs),
      'T1 radio link dropped for about 40 minutes, recovered by itself.',
    );
  if (i.bps03Bearing) {
    const b = i.bps03Bearing;
    add(
      b.degradeFromMs + 3 * DAY_MS + 10 * HOUR_MS,
      'BPS03',
      ELECTRICIAN,
      'BPS03 P02 bearing noise on the weekly round; vibration trend rising. Bearing replacement to be planned.',
    );
    add(
      b.tripMs + 9 * MIN_MS,
      'BPS03',
      onDuty(b.tripMs),
      'BPS03 P02 tripped on high vibration; duty changed over automatically. P02 locked out.',
    );
    add(
      b.repairedMs,
      'BPS03',
      ELECTRICIAN,
      'BPS03 P02 bearings replaced and aligned; vibration back to normal, pump released for service.',
    );
  }
  rows.sort((a, b) => a.tsMs - b.tsMs || a.site.localeCompare(b.site));
  return rows;
}
