// Plant jargon as engineers type it: SCADA tag references, instrument letters, units as words, words run together,
// chat forms glued to a number; and a word that cannot be placed is never swapped for a neighbouring measurement.
import { describe, expect, it } from 'vitest';
import { splitCompound, splitGluedNumber } from '../../../agent/planner/compound-words.ts';
import { instrumentOnlyForms, instrumentTerms } from '../../../agent/planner/instrument-letters.ts';
import { splitTagPaths } from '../../../agent/planner/tag-path-forms.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

const readsAs = (question: string, tags: string[], kind: string): void => {
  const result = plan(question);
  expect(result.kind, JSON.stringify(result)).toBe('plan');
  if (result.kind !== 'plan') return;
  expect(result.tags.map((t) => t.name)).toEqual(tags);
  expect(result.operation.kind).toBe(kind);
};

describe('SCADA tag references', () => {
  it.each([
    ['BPS02.P01.MotorCurrent now', 'BPS02/P01/MotorCurrent', 'latest'],
    ['bps02_p01_amps avg yday', 'BPS02/P01/MotorCurrent', 'aggregate'],
    ['BPS2-P1 amps max last 24h', 'BPS02/P01/MotorCurrent', 'aggregate'],
    ['WTP01_F02_HeadLoss now', 'WTP01/F02/HeadLoss', 'latest'],
    ['BPS03_P02_Running hrs last wk', 'BPS03/P02/Running', 'run-hours'],
    ['DMA05-CP01 press < 2.9 bar how long yday', 'DMA05/CP01/Pressure', 'threshold'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => readsAs(question, [tag], kind));

  it('splits a path into its words and leaves ranges, units, words and dates whole', () => {
    expect(splitTagPaths('T1.Tank.Level min')).toBe('t1 tank level min');
    expect(splitTagPaths('BPS01.Header.FlowTotal delta')).toBe('bps01 header flow total delta');
    expect(splitTagPaths('P1-P3 amps, 100 m3-hr, hi-lift on 2026-10-11, BPS03/P02/Running')).toBe(
      'P1-P3 amps, 100 m3-hr, hi-lift on 2026-10-11, BPS03/P02/Running',
    );
  });
});

describe('instrument letters', () => {
  it.each([
    ['FT T1 inlet avg yday', 'T1/Tank/InletFlow', 'aggregate'],
    ['LT on T3 lowest this wk', 'T3/Tank/Level', 'aggregate'],
    ['PIT BPS03 suction avg yday', 'BPS03/Header/SuctionPressure', 'aggregate'],
    ['FIT on T2 outlet now', 'T2/Tank/OutletFlow', 'latest'],
    ['TT raw water now', 'WTP01/Intake/RawTemperature', 'latest'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => readsAs(question, [tag], kind));

  it('makes each variable + readout (and its plural) a form of the variable, unless the form is another word', () => {
    const terms = instrumentTerms({ variables: { p: ['pressure'], a: ['analyser'] }, readouts: ['t', 'it'] }, (f) => f === 'at');
    expect([...terms.keys()].sort()).toEqual(['ait', 'aits', 'ats', 'pit', 'pits', 'pt', 'pts']);
    expect(terms.get('pt')).toEqual(['pressure']);
  });

  it("reads the bare letters of a two-letter variable, and an analyser's letters as no narrowing at all", () => {
    const letters = { variables: { fq: ['flow total'], a: [] }, readouts: ['t', 'it'] };
    expect(instrumentTerms(letters, () => false).get('fq')).toEqual(['flow total']);
    expect(instrumentOnlyForms(letters, (f) => f === 'at')).toEqual(['ats', 'ait', 'aits']);
  });

  it.each([
    ['DMA04 FQ delta D-1 m3', 'DMA04/Inlet/FlowTotal', 'aggregate'],
    ['AIT FW cl2 avg D-1 mg/l', 'WTP01/Outlet/ChlorineResidual', 'aggregate'],
    ['DMA04 inlet FIT PV m3/h', 'DMA04/Inlet/Flow', 'latest'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => readsAs(question, [tag], kind));

  it('"all res LTs" are the three tank levels, not a late shift of a residual', () => {
    const result = plan('all res LTs min D-1', '2026-09-05T06:00:00Z');
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.tags.map((t) => t.name)).toEqual(['T1/Tank/Level', 'T2/Tank/Level', 'T3/Tank/Level']);
    expect(result.window.from).toBe('2026-09-03T22:00:00.000Z');
  });
});

describe('a word that names another asset is no substitute measurement', () => {
  it('"PRV02 SP now" declines: PRV02 holds no setpoint, and sample point SP01\'s chlorine is not one', () => {
    const result = plan('PRV02 SP now');
    expect(result.kind).not.toBe('plan');
  });

  it('"T3 LT RoC last 1h" declines on the rate of change instead of giving the level', () => {
    const result = plan('T3 LT RoC last 1h');
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toContain('roc');
  });
});

describe('process short forms and units as words', () => {
  it.each([
    ['FCl final water now', 'WTP01/Outlet/ChlorineResidual', 'latest'],
    ['FW turb max this wk', 'WTP01/Outlet/Turbidity', 'aggregate'],
    ['max bar g at the hi-lift header yday', 'WTP01/HL/OutletPressure', 'aggregate'],
    ['T2 lvl min in metres last 24h', 'T2/Tank/Level', 'aggregate'],
    ['how long was BPS01 flow above 100 m3/hr yday', 'BPS01/Header/Flow', 'threshold'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => readsAs(question, [tag], kind));
});

describe('words run together and chat forms glued to a number', () => {
  it.each([
    ['avg dischrage presure boosterstn 2 yday', 'BPS02/Header/DischargePressure', 'aggregate'],
    ['pumpstation 3 flow now', 'BPS03/Header/Flow', 'latest'],
    ['suctionpressure Hochfeld booster min yday', 'BPS01/Header/SuctionPressure', 'aggregate'],
    ['hsp2 amps now', 'WTP01/P02/MotorCurrent', 'latest'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => readsAs(question, [tag], kind));

  it('compares the pumps of "HLP1 vs HLP3"', () =>
    readsAs('amps HLP1 vs HLP3 avg yday', ['WTP01/P01/MotorCurrent', 'WTP01/P03/MotorCurrent'], 'compare'));

  it('splits only into two catalog words, in one way only', () => {
    const names = (w: string): boolean => ['booster', 'stn', 'pump', 'station'].includes(w);
    expect(splitCompound('boosterstn', names)).toBe('booster stn');
    expect(splitCompound('overflow', names)).toBeUndefined();
    const numbered = (w: string, n: number): boolean => (w === 'pump' || w === 'bps') && n < 4;
    const rewrite = new Map([
      ['hlp', 'high lift pump'],
      ['bps', 'booster station'],
    ]);
    expect(splitGluedNumber('hlp1', rewrite, numbered)).toBe('high lift pump 1');
    expect(splitGluedNumber('bps2', rewrite, numbered)).toBeUndefined();
  });
});

describe('no substitute for a measurement the question named', () => {
  it('"Lindenau res lvl now" is the level of the Lindenau service reservoir (T1), not the final water chlorine residual', () => {
    readsAs('Lindenau res lvl now', ['T1/Tank/Level'], 'latest');
  });

  it('German plant words with no basis in the catalog are declined, not read as a nearby name', () => {
    for (const question of ['Druck Pumpwerk Hochfeld aktuell', 'Durchfluss DMA02 gestern Mittelwert'])
      expect(plan(question).kind).toBe('decline');
  });
});
