// "RunHours increase": a change asked of a run-hour counter is the counter's change, never the time its pump's status
// was on (a different tag, answered with confidence). The chat form "runhrs" is read as run hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import type { HistorianMapping } from '../../../connectors/historian-mapping.ts';
import type { PlanResult } from '../../../agent/planner/plan.ts';
import { buildCatalogs, planQuestion, type PlannerCatalog } from '../../../agent/planner/plan-question.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

let connector: Connector;
let catalogs: PlannerCatalog[];
const mapping = defaultConfigDocument.sources.historian.historian as unknown as HistorianMapping;

function plan(question: string): PlanResult {
  return planQuestion(question, catalogs, {
    timezone: 'Europe/Berlin',
    synonyms: defaultConfigDocument.synonyms,
    shifts: defaultConfigDocument.shifts,
    now: new Date('2026-10-15T08:30:00Z'),
  });
}

beforeAll(async () => {
  connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian: mapping } as never);
  catalogs = buildCatalogs([await connector.describe()]);
});
afterAll(async () => {
  await connector.close();
});

describe('a change asked of a run-hour counter', () => {
  it('does not answer the status time of the pump when the counter increase is asked', () => {
    const result = plan('runhrs increase hl p2 last wk');
    if (result.kind === 'plan') {
      expect(result.operation.kind).not.toBe('run-hours');
      expect(result.tags.map((t) => t.name)).toEqual(['WTP01/P02/RunHours']);
    } else {
      expect(result.kind).not.toBe('decline');
      expect(JSON.stringify(result)).toContain('WTP01/P02/RunHours');
    }
  });

  it('still reads "runhrs" alone as the pump\'s run-hours', () => {
    const result = plan('runhrs hl p2 last wk');
    expect(result.kind).toBe('plan');
    if (result.kind === 'plan') expect(result.operation.kind).toBe('run-hours');
  });
});
