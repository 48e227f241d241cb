// How the planner reads questions as people type them: chat forms, jargon, typos, skipped words, blocking words, time words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import type { HistorianMapping } from '../../../connectors/historian-mapping.ts';
import type { Plan, PlanResult } from '../../../agent/planner/plan.ts';
import { buildCatalogs, planQuestion, type PlannerCatalog } from '../../../agent/planner/plan-question.ts';
import { buildVocabulary } from '../../../agent/planner/vocabulary.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

let connector: Connector;
let catalogs: PlannerCatalog[];
const context = {
  timezone: 'Europe/Berlin',
  synonyms: defaultConfigDocument.synonyms,
  shifts: defaultConfigDocument.shifts,
};

function plan(question: string, now = '2026-10-15T08:30:00Z', planners = catalogs): PlanResult {
  return planQuestion(question, planners, { ...context, now: new Date(now) });
}

function planned(question: string, now?: string): Plan {
  const result = plan(question, now);
  if (result.kind !== 'plan') throw new Error(`"${question}" was not planned: ${result.reason}`);
  return result;
}

const tagsOf = (p: Plan): string[] => p.tags.map((t) => t.name);

beforeAll(async () => {
  connector = await createDuckDbConnector('historian', {
    engine: 'duckdb',
    file: testHistorianFile,
    historian: defaultConfigDocument.sources.historian.historian as unknown as HistorianMapping,
  } as never);
  catalogs = buildCatalogs([await connector.describe()]);
});
afterAll(async () => {
  await connector.close();
});

describe('chat forms and jargon', () => {
  it.each([
    ['T3 lvl rn?', 'T3/Tank/Level', 'latest'],
    ['cl2 @ T1 outlet atm', 'T1/Outlet/ChlorineResidual', 'latest'],
    ['hypo tank % currently', 'WTP01/CL01/TankLevel', 'latest'],
    ['avg T1 outflow l24h', 'T1/Tank/OutletFlow', 'aggregate'],
    ['Max amps on hi-lift P2 last 24hrs', 'WTP01/P02/MotorCurrent', 'aggregate'],
    ['mean Cl res final water 1st oct', 'WTP01/Outlet/ChlorineResidual', 'aggregate'],
    ['peak DMA01 demand last wk', 'DMA01/Inlet/Flow', 'aggregate'],
    ['hrly T1 lvl yday', 'T1/Tank/Level', 'series'],
    ['F03 HL @ 6am yday', 'WTP01/F03/HeadLoss', 'at'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => {
    const result = planned(question);
    expect(tagsOf(result)).toEqual([tag]);
    expect(result.operation.kind).toBe(kind);
  });

  it('reads a volume ("how much water went into") as the totaliser\'s change', () => {
    const result = planned('How much water went into DMA02 yesterday?');
    expect(tagsOf(result)).toEqual(['DMA02/Inlet/FlowTotal']);
    expect(result.operation).toEqual({ kind: 'aggregate', fns: ['delta'] });
  });

  it('reads "<" and ">" before a number as below and above', () => {
    const result = planned('how lng was raw turbidty >20 NTU in aug');
    expect(result.operation).toEqual({ kind: 'threshold', comparator: 'above', value: 20 });
    expect(tagsOf(result)).toEqual(['WTP01/Intake/RawTurbidity']);
    expect(result.window.label).toMatch(/^in August 2026 \(2026-08-01 00:00 – 2026-09-01 00:00/);
  });
});

describe('inflected words', () => {
  it('reads a verb made of a catalog noun as that noun, and drops it where the tags do not carry it', () => {
    const pumped = planned('volume pumped by BPS01 yesterday', '2026-10-15T08:00:00Z');
    expect(tagsOf(pumped)).toEqual(['BPS01/Header/FlowTotal']);
    expect(pumped.operation).toEqual({ kind: 'aggregate', fns: ['delta'] });
    // T3 has an inlet and an outlet flow: "into" is the inlet (amount-tags.ts), and "how much" of a rate its volume.
    const flowed = planned('how much water flowed into T3 yesterday', '2026-10-15T08:00:00Z');
    expect(tagsOf(flowed)).toEqual(['T3/Tank/InletFlow']);
    expect(flowed.operation).toEqual({ kind: 'aggregate', fns: ['integral'] });
  });

  it('reads the catalog\'s own verb forms too ("High-lift pumping energy meter" is the high-lift pumps\' energy)', () => {
    expect(tagsOf(planned('What was the energy consumed by the high-lift pumps last week?'))).toEqual(['WTP01/HL/EnergyTotal']);
  });

  it('keeps a plural read as its singular a question about every member', () => {
    const result = planned('chlorine residuals at the tanks now');
    expect(tagsOf(result)).toEqual(['T1/Outlet/ChlorineResidual', 'T2/Outlet/ChlorineResidual', 'T3/Outlet/ChlorineResidual']);
    expect(result.operation.kind).toBe('latest');
  });

  it('reads "hours ... running" as run-hours', () => {
    const result = planned('How many hours did pump P02 at booster station Hochfeld spend running last week?');
    expect(result.operation.kind).toBe('run-hours');
    expect(tagsOf(result)).toEqual(['BPS01/P02/Running']);
  });
});

describe('words that would change the answer', () => {
  it.each([
    ['avg BPS03 flow excl P1 lst wk', '"excl" (read as "excluding")'],
    ['avg T1 level in the morning last week', '"morning"'],
  ])('"%s" declines naming %s instead of answering without it', (question, named) => {
    const result = plan(question);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toContain(named);
  });

  it('quotes a chat form as written when it declines on it', () => {
    const result = plan('wht will demand be tmrw in DMA01');
    expect(result.kind === 'decline' && result.reason).toContain('"tmrw" (read as "tomorrow")');
  });
});

describe('shapes asked in other words', () => {
  const kindOf = (question: string): string => {
    const result = plan(question);
    return result.kind === 'plan' ? result.operation.kind : `${result.kind}: ${result.reason}`;
  };

  it.each([
    ['What did the operators write in the log during the night shift on 8 October?', 'shift-log'],
    ['who was on duty yday', 'shift-log'],
    ['handover notes frm the late shift yday', 'shift-log'],
    ['Is there a relationship between the level of tank T2 and the BPS01 station flow over the last week?', 'correlation'],
    ['does T3 lvl track PS2 flow yday', 'correlation'],
    ['how closely does T1 lvl follow WTP outlet flow in sept', 'correlation'],
    ['Did the two pumps at booster station Hochfeld overlap last week?', 'together'],
    ['P1 & P2 PS2 both on at once on 26 aug', 'together'],
    ['were both BPS02 pumps running at the same time on 26 August', 'together'],
    ['time both hi-lift P1 and P2 were on yday', 'together'],
    ['What was the minimum flow into DMA02 at night last week?', 'night-flow'],
    ['lowest nighttime inflow DMA5 on the 3rd', 'night-flow'],
    ['When did the T1 level first drop below 3 metres last week?', 'crossing'],
    ['earliest raw turb above 15 NTU last month', 'crossing'],
    ['How did the BPS02 energy use last week compare with the week before?', 'change'],
    ['T1 lvl avg yday relative to the preceding day', 'change'],
  ])('"%s" is a %s question', (question, kind) => {
    expect(kindOf(question)).toBe(kind);
  });

  it('reads two periods joined by "vs" as the change between them, and declines two periods otherwise', () => {
    const change = planned('How did the energy used by BPS01 last week compare with the week before last?');
    expect(change.operation).toMatchObject({ kind: 'change', period: 'week' });
    expect(change.window.label).toContain('2026-10-05 00:00 – 2026-10-12 00:00');
    const two = plan('avg T1 level yesterday and today');
    expect(two.kind).toBe('decline');
    expect(two.kind === 'decline' && two.reason).toMatch(/could not tell which period/);
    expect(planned('avg DMA1 inflow the week before last').window.label).toContain('2026-09-28 00:00 – 2026-10-05 00:00');
  });

  it.each([
    ['What was the average inflow to DMA03 between 2 and 4 in the morning yesterday?', '2026-10-14 02:00 – 2026-10-14 04:00'],
    ['avg BPS03 flow 6-9 in the evening yday', '2026-10-14 18:00 – 2026-10-14 21:00'],
    ['T1 lvl avg frm 8 to 10 this mornin', '2026-10-15 08:00 – 2026-10-15 10:00'],
  ])('"%s" reads its hours with the part of the day (%s)', (question, window) => {
    expect(planned(question).window.label).toContain(window);
  });

  it('does not read two bare numbers as a range of dates ("between 6 and 8 yesterday")', () => {
    const result = plan('T2 level between 6 and 8 yesterday');
    expect(result.kind).toBe('decline');
  });

  it('reads "how often ... switch on" as starts, and "highest daily" as which day', () => {
    expect(planned('how often did the dosing pump switch on yday').operation.kind).toBe('run-hours');
    expect(planned('highest daily kwh at BPS02 in sept').operation).toMatchObject({ kind: 'bucket-rank', bucket: 'day', order: 'desc' });
    expect(planned('daily max vibration on PS3 pump 2 last week').operation.kind).toBe('series');
  });

  it('reads two days joined by "to" as one period, and declines a calendar word the window does not cover', () => {
    expect(planned('What was the average level of tank T1 Monday to Wednesday?').window.label).toContain(
      '2026-10-12 00:00 – 2026-10-15 00:00',
    );
    expect(planned('max DMA2 inflow 1 oct - 5 oct').window.label).toContain('2026-10-01 00:00 – 2026-10-06 00:00');
    expect(planned('p2 alarms in DMA02 1st to 3rd oct', '2026-10-04T06:00:00Z').window.label).toContain(
      '2026-10-01 00:00 – 2026-10-04 00:00',
    );
    expect(planned('DMA02 critical point pressure at 4am on oct 3rd').operation.kind).toBe('at');
  });

  it('reads "p2" as priority 2 where no tag named with the other identifiers is a P2', () => {
    expect(planned('p2 alarms in DMA02 1st to 3rd oct', '2026-10-04T06:00:00Z').operation).toMatchObject({
      kind: 'alarm-list',
      priority: 2,
    });
    expect(tagsOf(planned('alarms on BPS03 P2 last week'))).toContain('BPS03/P02/Vibration');
  });

  it('places a named shift on the day named beside it', () => {
    expect(planned('who worked the night shift on the 8th').window.label).toContain('2026-10-08 22:00 – 2026-10-09 06:00');
    expect(planned('avg T1 level during the early shift on 3 october').window.label).toContain('2026-10-03 06:00 – 2026-10-03 14:00');
  });

  it('reads spoken units after a number as the catalog writes them', () => {
    expect(planned('how lng was PS2 P01 current above 97 amps on 26 aug').operation).toEqual({
      kind: 'threshold',
      comparator: 'above',
      value: 97,
    });
    expect(planned('When did the T1 level first drop below 3 metres last week?').operation).toEqual({
      kind: 'crossing',
      event: 'below',
      value: 3,
    });
  });

  it('reads "how high / how low" as the maximum and minimum, and "final chlorine" as the final water chlorine', () => {
    expect(planned('How high did the level in tank T2 get yesterday?').operation).toEqual({ kind: 'aggregate', fns: ['max'] });
    const low = planned('how low did final chlorine go last wk');
    expect(low.operation).toEqual({ kind: 'aggregate', fns: ['min'] });
    expect(tagsOf(low)).toEqual(['WTP01/Outlet/ChlorineResidual']);
  });
});

describe('typos by edit distance', () => {
  it('corrects words within one or two edits and says so in the interpretation', () => {
    const result = planned('avrg suction presure BPS01 yestrday');
    expect(tagsOf(result)).toEqual(['BPS01/Header/SuctionPressure']);
    expect(result.operation).toEqual({ kind: 'aggregate', fns: ['avg'] });
    expect(result.window.label).toMatch(/^yesterday /);
    expect(result.understood).toContain('read "yestrday" as "yesterday"');
  });

  it('corrects a transposition ("levle") against the catalog', () => {
    expect(tagsOf(planned('whats the clear well levle'))).toEqual(['WTP01/CW01/Level']);
  });
});

describe('unknown words', () => {
  it('skips a word that cannot change the plan, and shows it was skipped', () => {
    const result = planned('Was the final water chlorine ever under 0.5 mg/L yesterday, and for how long?');
    expect(result.operation).toEqual({ kind: 'threshold', comparator: 'below', value: 0.5 });
    expect(tagsOf(result)).toEqual(['WTP01/Outlet/ChlorineResidual']);
  });

  it('declines when an unknown word stands where a measurement is named, and names the word', () => {
    const result = plan('average gas flow at BPS01 yesterday');
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toMatch(/"gas"/);
  });

  it('declines on an unknown word no part of the plan takes up, naming it and what it would answer without it', () => {
    const result = plan('T1 level yesterday average zorbly');
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toMatch(/"zorbly".*Without it I would answer: aggregate of T1\/Tank\/Level/);
  });
});

describe('time words of chat', () => {
  it.each([
    ['T2 lvl avg this morning', '2026-10-15 06:00 – 2026-10-15 10:30'],
    ['T2 lvl avg yesterday afternoon', '2026-10-14 12:00 – 2026-10-14 18:00'],
    ['T2 lvl avg last night', '2026-10-14 22:00 – 2026-10-15 06:00'],
    ['T2 lvl avg on the 8th', '2026-10-08 00:00 – 2026-10-09 00:00'],
    ['T2 lvl avg on the 29th', '2026-09-29 00:00 – 2026-09-30 00:00'],
    ['T2 lvl avg sept', '2026-09-01 00:00 – 2026-10-01 00:00'],
    ['T2 lvl avg past fortnight', '2026-10-01 10:30 – 2026-10-15 10:30'],
  ])('"%s" is %s', (question, window) => {
    expect(planned(question).window.label).toContain(window);
  });

  it.each([
    ['T2 lvl at noon yesterday', { kind: 'at', at: '2026-10-14T10:00:00.000Z' }],
    ['T1 lvl midday on the 8th', { kind: 'at', at: '2026-10-08T10:00:00.000Z' }],
    ['clearwell lvl @ 7 this mornin', { kind: 'at', at: '2026-10-15T05:00:00.000Z' }],
    ['T2 lvl at 11 last night', { kind: 'at', at: '2026-10-14T21:00:00.000Z' }],
  ])('"%s" is an instant (noon, midday, a bare hour in a part of the day)', (question, operation) => {
    expect(planned(question).operation).toEqual(operation);
  });

  it.each([
    ['max T1 outflow yday in the evening', '2026-10-14 18:00 – 2026-10-14 22:00'],
    ['min T1 level during the night on 3 october', '2026-10-03 22:00 – 2026-10-04 06:00'],
    ['avg T1 level on the 8th in the afternoon', '2026-10-08 12:00 – 2026-10-08 18:00'],
  ])('"%s" is that part of the day (%s), not the whole day', (question, window) => {
    expect(planned(question).window.label).toContain(window);
  });

  it('puts clock times without a day on the day named beside them, whatever the hour of asking', () => {
    for (const now of ['2026-10-14T06:00:00Z', '2026-10-14T20:00:00Z'])
      expect(planned('average flow of DMA05 yesterday between 17:00 and 23:00', now).window.label).toContain(
        '2026-10-13 17:00 – 2026-10-13 23:00',
      );
  });

  it('puts a clock time on the day it names ("at 03:17 on the 29th", "5 o\'clock this morning")', () => {
    const night = planned('dma5 cp presure at 03:17 on the 29th', '2026-10-30T07:00:00Z');
    expect(night.operation).toEqual({ kind: 'at', at: '2026-10-29T02:17:00.000Z' });
    const morning = planned("What was the critical-point pressure in DMA02 at 5 o'clock this morning?", '2026-10-04T06:00:00Z');
    expect(morning.operation).toEqual({ kind: 'at', at: '2026-10-04T03:00:00.000Z' });
    expect(tagsOf(morning)).toEqual(['DMA02/CP01/Pressure']);
  });
});

describe('groups', () => {
  it('compares the pumps a question numbers ("P1 vs P2 current BPS02")', () => {
    const result = planned('P1 vs P2 current BPS02 last wk');
    expect(tagsOf(result)).toEqual(['BPS02/P01/MotorCurrent', 'BPS02/P02/MotorCurrent']);
    expect(result.operation.kind).toBe('compare');
  });

  it('ranks a group named with a superlative ("hottest RTU panel")', () => {
    const result = planned('hottest RTU panel last wk');
    expect(tagsOf(result)).toHaveLength(3);
    expect(result.operation).toMatchObject({ kind: 'rank', fn: 'max', order: 'desc', limit: 1 });
  });

  it('ranks the DMAs by water used (their totalisers)', () => {
    const result = planned('Which DMA used the most water yesterday?');
    expect(tagsOf(result)).toEqual([
      'DMA01/Inlet/FlowTotal',
      'DMA02/Inlet/FlowTotal',
      'DMA03/Inlet/FlowTotal',
      'DMA04/Inlet/FlowTotal',
      'DMA05/Inlet/FlowTotal',
    ]);
    expect(result.operation).toMatchObject({ kind: 'rank', fn: 'delta', order: 'desc', limit: 1 });
  });
});

describe('site vocabulary', () => {
  it('a site adds its own words in otq.yaml', () => {
    const site = buildCatalogs(
      catalogs.map((c) => c.source),
      buildVocabulary({ terms: { schwall: ['clearwell'] } }),
    );
    const result = plan('schwall level now', undefined, site);
    expect(result.kind === 'plan' && tagsOf(result)).toEqual(['WTP01/CW01/Level']);
    expect(plan('schwall level now').kind).toBe('decline');
  });
});

describe('planner.vocabulary in otq.yaml', () => {
  it('reaches the quick planner of the runtime', async () => {
    const { createTestRuntime } = await import('../../helpers/test-runtime.ts');
    const rt = await createTestRuntime({ planner: { vocabulary: { terms: { schwall: ['clearwell'] } } } });
    try {
      const principal = rt.runtime.principalFor('engineer')!;
      const answer = await rt.runtime.ask({
        principal,
        question: 'schwall level now',
        channel: 'cli',
        requestId: 'vocabulary',
        now: new Date('2026-10-15T08:30:00Z'),
      });
      expect(answer.answeredBy).toBe('quick-planner');
      expect(answer.answer).toMatch(/^WTP01\/CW01\/Level .* was [\d.]+ m at 2026-10-15 10:\d\d/);
    } finally {
      await rt.runtime.close();
    }
  });
});

describe('a word with a typo names its measurement fully', () => {
  it('reads "dischrg press" as the measured discharge pressure, not the pressure setpoint', () => {
    expect(tagsOf(planned('avg dischrg press PS3 yday'))).toEqual(['BPS03/Header/DischargePressure']);
    expect(tagsOf(planned('avg discharge pressure PS3 yesterday'))).toEqual(['BPS03/Header/DischargePressure']);
  });

  it('still finds the setpoint when the question names it', () => {
    expect(tagsOf(planned('PS3 pressure setpoint yday'))).toEqual(['BPS03/Header/PressureSetpoint']);
    expect(tagsOf(planned('avg dischrg press setpoint PS3 yday'))).toEqual(['BPS03/Header/PressureSetpoint']);
  });
});
