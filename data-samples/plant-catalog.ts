// The plant's asset tree and tag catalog: what exists, its units, limits and historian compression settings.
import type { AssetKind, AssetRow, TagDataType, TagRow } from './dataset-types.ts';

/** A tag plus the settings the simulator and the historian compression need. */
export interface TagSpec extends TagRow {
  /** Deadband in the tag's unit: a new value is stored only when it moves by more (analog, counter). */
  deadband: number;
  /** Heartbeat: a value is stored at least this often (minutes), even without change. */
  maxIntervalMin: number;
  /** Alarm priority for limit crossings, 1 = critical .. 4 = low. */
  priority: number;
  /** True for analysers that go uncertain (quality 64) during their daily cleaning cycle. */
  analyser: boolean;
}

/** The catalog: assets in tree order and tags with consecutive ids. */
export interface PlantCatalog {
  assets: AssetRow[];
  tags: TagSpec[];
  byPath: Map<string, TagSpec>;
}

interface TagOptions {
  low?: number;
  high?: number;
  deadband?: number;
  priority?: number;
  analyser?: boolean;
}

/** Builds the asset tree and the tags; ids are stable as long as the order below is unchanged. */
export function buildCatalog(): PlantCatalog {
  const assets: AssetRow[] = [];
  const tags: TagSpec[] = [];
  const asset = (assetId: string, parentId: string | null, name: string, kind: AssetKind, description: string): void => {
    const site = assetId.split('/')[0] ?? assetId;
    assets.push({ assetId, parentId, name, kind, site, description });
  };
  const tag = (
    assetId: string,
    measurement: string,
    unit: string,
    dataType: TagDataType,
    description: string,
    o: TagOptions = {},
  ): void => {
    const counter = dataType === 'counter';
    tags.push({
      tagId: 1001 + tags.length,
      tagPath: `${assetId}/${measurement}`,
      assetId,
      measurement,
      description,
      unit,
      dataType,
      lowLimit: o.low ?? null,
      highLimit: o.high ?? null,
      deadband: o.deadband ?? (dataType === 'status' ? 0.5 : 0),
      maxIntervalMin: dataType === 'status' ? 60 : counter ? 15 : 15,
      priority: o.priority ?? 3,
      analyser: o.analyser ?? false,
    });
  };
  const pump = (site: string, area: string, code: string, desc: string, vfd: boolean, ratedKw: number, pLimit: [number, number]): void => {
    const id = `${site}/${code}`;
    asset(id, area, `Pump ${code}`, 'pump', desc);
    tag(id, 'Running', '', 'status', `${desc}: running feedback (1 = running, 0 = stopped)`);
    if (vfd) tag(id, 'Speed', 'rpm', 'analog', `${desc}: drive speed`, { high: 1520, deadband: 6 });
    tag(id, 'MotorCurrent', 'A', 'analog', `${desc}: motor current`, {
      high: Math.round(((ratedKw * 1000) / (1.732 * 400 * 0.86)) * 1.05),
      deadband: 0.8,
      priority: 2,
    });
    tag(id, 'Power', 'kW', 'analog', `${desc}: electrical power`, { high: Math.round(ratedKw * 1.05), deadband: 0.6 });
    tag(id, 'DischargePressure', 'bar', 'analog', `${desc}: pressure at pump discharge (before check valve)`, {
      high: pLimit[1],
      deadband: 0.02,
    });
    if (vfd)
      tag(id, 'Vibration', 'mm/s', 'analog', `${desc}: bearing vibration velocity (RMS)`, { high: 7.1, deadband: 0.08, priority: 2 });
    tag(id, 'RunHours', 'h', 'counter', `${desc}: running hours counter`, { deadband: 0.25 });
  };

  // WTP01: treatment plant.
  asset('WTP01', null, 'Water treatment plant Lindenau', 'site', 'Surface water treatment plant, 24,000 m3/d design capacity');
  asset('WTP01/IntakeWorks', 'WTP01', 'Intake works', 'area', 'River intake, screens and raw water well');
  asset('WTP01/Intake', 'WTP01/IntakeWorks', 'Raw water intake', 'intake', 'Raw water intake with flow meter and raw water analysers');
  tag('WTP01/Intake', 'RawFlow', 'm3/h', 'analog', 'Raw water flow into the plant', { high: 1400, deadband: 4 });
  tag('WTP01/Intake', 'RawFlowTotal', 'm3', 'counter', 'Raw water flow totaliser', { deadband: 25 });
  tag('WTP01/Intake', 'RawTurbidity', 'NTU', 'analog', 'Raw water turbidity', { high: 20, deadband: 0.15, analyser: true });
  tag('WTP01/Intake', 'RawTemperature', '°C', 'analog', 'Raw water temperature', { high: 24, deadband: 0.05 });
  tag('WTP01/Intake', 'RawPH', 'pH', 'analog', 'Raw water pH', { low: 6.8, high: 8.8, deadband: 0.02, analyser: true });
  tag('WTP01/Intake', 'WellLevel', 'm', 'analog', 'Raw water well level', { low: 1.0, high: 4.6, deadband: 0.02 });
  asset('WTP01/Filtration', 'WTP01', 'Filtration', 'area', 'Four rapid gravity sand filters');
  for (const f of ['F01', 'F02', 'F03', 'F04']) {
    asset(`WTP01/${f}`, 'WTP01/Filtration', `Filter ${f}`, 'filter', `Rapid gravity filter ${f}, 60 m2`);
    tag(`WTP01/${f}`, 'Flow', 'm3/h', 'analog', `Filter ${f} outlet flow`, { high: 460, deadband: 3 });
    tag(`WTP01/${f}`, 'HeadLoss', 'm', 'analog', `Filter ${f} head loss across the bed`, { high: 2.5, deadband: 0.02, priority: 4 });
    tag(`WTP01/${f}`, 'Turbidity', 'NTU', 'analog', `Filter ${f} filtrate turbidity`, {
      high: 0.5,
      deadband: 0.01,
      priority: 2,
      analyser: true,
    });
    tag(`WTP01/${f}`, 'RunTime', 'h', 'analog', `Filter ${f} time in service since last backwash`, {
      high: 60,
      deadband: 0.5,
      priority: 4,
    });
  }
  asset('WTP01/ClearwellArea', 'WTP01', 'Clearwell', 'area', 'Treated water storage before the high-lift pumps');
  asset('WTP01/CW01', 'WTP01/ClearwellArea', 'Clearwell CW01', 'clearwell', 'Clearwell, 500 m2, 4.5 m deep');
  tag('WTP01/CW01', 'Level', 'm', 'analog', 'Clearwell level', { low: 1.2, high: 4.2, deadband: 0.01, priority: 2 });
  asset('WTP01/Chemicals', 'WTP01', 'Chemical dosing', 'area', 'Sodium hypochlorite disinfection');
  asset('WTP01/CL01', 'WTP01/Chemicals', 'Hypochlorite dosing CL01', 'dosing', 'Sodium hypochlorite dosing pump with 10 m3 day tank');
  tag('WTP01/CL01', 'Running', '', 'status', 'Hypochlorite dosing pump running (1 = running)');
  tag('WTP01/CL01', 'DosingRate', 'L/h', 'analog', 'Hypochlorite (12.5 %) dosing rate', { high: 14, deadband: 0.08 });
  tag('WTP01/CL01', 'DoseSetpoint', 'mg/L', 'analog', 'Free chlorine dose setpoint', { deadband: 0.01 });
  tag('WTP01/CL01', 'TankLevel', '%', 'analog', 'Hypochlorite day tank level', { low: 15, deadband: 0.3, priority: 3 });
  asset('WTP01/HighLift', 'WTP01', 'High-lift pumping', 'area', 'High-lift pumps delivering to Tank T1');
  for (const p of ['P01', 'P02', 'P03']) pump('WTP01', 'WTP01/HighLift', p, `High-lift pump ${p}`, false, 90, [0, 6.5]);
  asset('WTP01/HL', 'WTP01/HighLift', 'High-lift header', 'header', 'High-lift discharge header and outlet meter');
  tag('WTP01/HL', 'OutletFlow', 'm3/h', 'analog', 'Treated water flow to Tank T1', { high: 1500, deadband: 4 });
  tag('WTP01/HL', 'OutletPressure', 'bar', 'analog', 'High-lift header pressure', { low: 3.0, high: 6.5, deadband: 0.02, priority: 2 });
  tag('WTP01/HL', 'OutletFlowTotal', 'm3', 'counter', 'Treated water flow totaliser', { deadband: 25 });
  tag('WTP01/HL', 'EnergyTotal', 'kWh', 'counter', 'High-lift pumping energy meter', { deadband: 10 });
  asset('WTP01/Outlet', 'WTP01/HighLift', 'Treated water analysers', 'analyser', 'Final water quality panel');
  tag('WTP01/Outlet', 'ChlorineResidual', 'mg/L', 'analog', 'Final water free chlorine', {
    low: 0.3,
    high: 1.2,
    deadband: 0.01,
    priority: 1,
    analyser: true,
  });
  tag('WTP01/Outlet', 'Turbidity', 'NTU', 'analog', 'Final water turbidity', { high: 0.3, deadband: 0.01, priority: 2, analyser: true });
  tag('WTP01/Outlet', 'PH', 'pH', 'analog', 'Final water pH', { low: 6.8, high: 8.5, deadband: 0.02, analyser: true });
  tag('WTP01/Outlet', 'Temperature', '°C', 'analog', 'Final water temperature', { high: 25, deadband: 0.05 });

  // Booster pump stations.
  const station = (site: string, name: string, pumps: string[], vfd: boolean, kw: number, desc: string, pLimit: [number, number]): void => {
    asset(site, null, name, 'site', desc);
    asset(`${site}/PumpHall`, site, 'Pump hall', 'area', `${name} pump hall`);
    for (const p of pumps) pump(site, `${site}/PumpHall`, p, `${site} pump ${p}`, vfd, kw, pLimit);
    asset(`${site}/Header`, `${site}/PumpHall`, 'Station header', 'header', 'Suction and discharge headers with station flow meter');
    tag(`${site}/Header`, 'SuctionPressure', 'bar', 'analog', `${site} suction header pressure`, { low: 0.2, deadband: 0.01, priority: 2 });
    tag(`${site}/Header`, 'DischargePressure', 'bar', 'analog', `${site} discharge header pressure`, {
      low: pLimit[0],
      high: pLimit[1],
      deadband: 0.02,
      priority: 2,
    });
    tag(`${site}/Header`, 'Flow', 'm3/h', 'analog', `${site} station flow`, { deadband: 2 });
    tag(`${site}/Header`, 'FlowTotal', 'm3', 'counter', `${site} station flow totaliser`, { deadband: 10 });
    tag(`${site}/Header`, 'EnergyTotal', 'kWh', 'counter', `${site} energy meter`, { deadband: 5 });
    asset(`${site}/Control`, site, 'Control room', 'area', `${name} control panel and telemetry`);
    asset(`${site}/RTU`, `${site}/Control`, 'Telemetry outstation', 'rtu', `${site} RTU and control panel`);
    tag(`${site}/RTU`, 'PanelTemperature', '°C', 'analog', `${site} control panel temperature`, { high: 40, deadband: 0.2, priority: 4 });
  };
  station(
    'BPS01',
    'Booster station Hochfeld',
    ['P01', 'P02'],
    false,
    75,
    'Booster pump station lifting from Tank T1 to Tank T2',
    [3.0, 7.5],
  );
  station(
    'BPS02',
    'Booster station Kirchberg',
    ['P01', 'P02'],
    false,
    55,
    'Booster pump station lifting from Tank T1 to Tank T3',
    [2.5, 6.5],
  );
  station(
    'BPS03',
    'Booster station Sonnenhang',
    ['P01', 'P02', 'P03'],
    true,
    30,
    'Variable-speed pressure booster from Tank T2 into the high zone DMA05',
    [4.2, 6.0],
  );
  tag('BPS03/Header', 'PressureSetpoint', 'bar', 'analog', 'BPS03 discharge pressure setpoint', { deadband: 0.01 });

  // Storage tanks.
  const tank = (site: string, name: string, desc: string, height: number): void => {
    asset(site, null, name, 'site', desc);
    asset(`${site}/Storage`, site, 'Storage', 'area', `${name} storage and outlet`);
    asset(`${site}/Tank`, `${site}/Storage`, name, 'tank', desc);
    tag(`${site}/Tank`, 'Level', 'm', 'analog', `${name} water level above floor (max ${height} m)`, {
      low: 1.0,
      high: height - 0.3,
      deadband: 0.01,
      priority: 2,
    });
    tag(`${site}/Tank`, 'Volume', 'm3', 'analog', `${name} stored volume`, { deadband: 5 });
    tag(`${site}/Tank`, 'InletFlow', 'm3/h', 'analog', `${name} inlet flow`, { deadband: 2 });
    tag(`${site}/Tank`, 'OutletFlow', 'm3/h', 'analog', `${name} outlet flow`, { deadband: 2 });
    asset(`${site}/Outlet`, `${site}/Storage`, `${name} outlet analyser`, 'analyser', `${name} outlet water quality`);
    tag(`${site}/Outlet`, 'ChlorineResidual', 'mg/L', 'analog', `${name} outlet free chlorine`, {
      low: 0.2,
      high: 1.2,
      deadband: 0.01,
      priority: 1,
      analyser: true,
    });
    tag(`${site}/Outlet`, 'Temperature', '°C', 'analog', `${name} outlet water temperature`, { high: 25, deadband: 0.05 });
  };
  tank('T1', 'Tank T1', 'Service reservoir Lindenau, 9,600 m3, fed by WTP01', 6);
  tank('T2', 'Tank T2', 'Hill reservoir Hochfeld, 2,000 m3, fed by BPS01', 5);
  tank('T3', 'Tank T3', 'Elevated tank Kirchberg, 1,575 m3, fed by BPS02', 4.5);

  // District metered areas with their pressure-reducing valves.
  const dma = (site: string, name: string, desc: string, prv: string | null, crit: [number, number]): void => {
    asset(site, null, name, 'site', desc);
    asset(`${site}/Network`, site, 'Distribution network', 'area', `${name} inlet chamber and network monitoring`);
    asset(`${site}/Inlet`, `${site}/Network`, `${site} inlet meter`, 'meter', `${name} inlet flow meter`);
    tag(`${site}/Inlet`, 'Flow', 'm3/h', 'analog', `${name} inlet flow`, { deadband: 1.5 });
    tag(`${site}/Inlet`, 'FlowTotal', 'm3', 'counter', `${name} inlet flow totaliser`, { deadband: 10 });
    if (prv) {
      asset(`${site}/${prv}`, `${site}/Network`, `Pressure-reducing valve ${prv}`, 'valve', `${prv} at the ${name} inlet`);
      tag(`${site}/${prv}`, 'InletPressure', 'bar', 'analog', `${prv} inlet pressure`, { deadband: 0.02 });
      tag(`${site}/${prv}`, 'OutletPressure', 'bar', 'analog', `${prv} outlet pressure`, {
        low: 2.8,
        high: 4.5,
        deadband: 0.02,
        priority: 2,
      });
      tag(`${site}/${prv}`, 'Position', '%', 'analog', `${prv} valve opening`, { high: 95, deadband: 0.5, priority: 4 });
    }
    asset(`${site}/CP01`, `${site}/Network`, `${site} critical point`, 'meter', `${name} critical-point pressure logger`);
    tag(`${site}/CP01`, 'Pressure', 'bar', 'analog', `${name} critical-point pressure`, {
      low: crit[0],
      high: crit[1],
      deadband: 0.02,
      priority: 2,
    });
    asset(`${site}/SP01`, `${site}/Network`, `${site} sample point`, 'analyser', `${name} network chlorine monitor`);
    tag(`${site}/SP01`, 'ChlorineResidual', 'mg/L', 'analog', `${name} network free chlorine`, {
      low: 0.1,
      high: 1.0,
      deadband: 0.01,
      priority: 2,
      analyser: true,
    });
  };
  dma('DMA01', 'DMA01 Altstadt', 'District metered area Altstadt, fed from Tank T1 through PRV01', 'PRV01', [2.0, 4.5]);
  dma('DMA02', 'DMA02 Nordring', 'District metered area Nordring, fed from Tank T1 through PRV02', 'PRV02', [2.0, 4.5]);
  dma('DMA03', 'DMA03 Hochfeld', 'District metered area Hochfeld, fed from Tank T2 through PRV03', 'PRV03', [2.0, 4.5]);
  dma('DMA04', 'DMA04 Kirchberg', 'District metered area Kirchberg, fed by gravity from Tank T3', null, [2.0, 5.5]);
  dma('DMA05', 'DMA05 Sonnenhang', 'High zone Sonnenhang, pressure-boosted by BPS03', null, [2.2, 5.0]);

  return { assets, tags, byPath: new Map(tags.map((t) => [t.tagPath, t])) };
}
