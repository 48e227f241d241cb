// Catalog questions (catalog-ask.ts): tags, units, assets and sites from the catalog the asker may see, read through the
// guard and the audit log like every query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readAuditRecords } from '../../../audit/read-audit-records.ts';
import { readCatalogAsk } from '../../../agent/planner/catalog-ask.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, user = 'engineer'): Promise<Answer> {
  const principal = rt.runtime.principalFor(user)!;
  return rt.runtime.ask({
    principal,
    question,
    channel: 'cli',
    requestId: `catalog-${user}-${question}`,
    now: new Date('2026-10-15T08:30:00Z'),
  });
}
const column = (answer: Answer, name: string): unknown[] => answer.rows.map((r) => r[answer.columns.findIndex((c) => c.name === name)]);

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('readCatalogAsk', () => {
  it.each([
    ['what tags does bps03 have', 'tags'],
    ['how many tags on t2', 'tags'],
    ['what is the unit of the t1 level', 'unit'],
    ['list the pumps at bps01', 'kind'],
    ['pumps at bps03?', 'kind'],
  ])('%s asks for %s', (text, asks) => expect(readCatalogAsk(text)?.cue.asks).toBe(asks));

  it.each(['average flow of bps03 yesterday', 'list the alarms at bps03', 'what is the t1 level now', 'energy per unit of water'])(
    '%s is no catalog question',
    (text) => expect(readCatalogAsk(text)).toBeNull(),
  );
});

describe('catalog answers', () => {
  it('lists every tag of a site, read from the tag table through the guard, with the audit sequence behind it', async () => {
    const answer = await ask('What tags does BPS03 have?');
    expect(['allow', 'rewrite']).toContain(answer.decision?.kind);
    expect(answer.rows).toHaveLength(28);
    expect(answer.sql).toMatch(/FROM "tags" AS t/);
    expect(answer.auditSeq.length).toBeGreaterThan(0);
    const records = await readAuditRecords({ dir: rt.auditDir });
    const mine = records.filter((r) => answer.auditSeq.includes(r.seq));
    expect(mine.map((r) => r.kind)).toEqual(expect.arrayContaining(['policy_decision', 'data_access']));
    expect(JSON.stringify(mine.find((r) => r.kind === 'data_access'))).toMatch(/FROM \\"tags\\" AS t/);
  });

  it('lists the pumps of a station, the units of tags, and the sites that have a measurement', async () => {
    expect(column(await ask('List the pumps at BPS01.'), 'asset')).toEqual(['BPS01/P01', 'BPS01/P02']);
    expect(column(await ask('unit of bps03 pump vibration?'), 'unit')).toEqual(['mm/s', 'mm/s', 'mm/s']);
    expect(column(await ask('Which DMAs have an inlet pressure tag?'), 'site')).toEqual(['DMA01', 'DMA02', 'DMA03']);
    expect((await ask('how many tags on T2')).answer).toMatch(/^6 tags/);
  });

  it('answers a row-filtered role from the tags it may read, never from the whole catalog', async () => {
    const own = await ask('what tags does BPS03 have', 'operator-bps03');
    expect(own.rows).toHaveLength(28);
    const other = await ask('what tags does BPS01 have', 'operator-bps03');
    expect(other.rows).toHaveLength(0);
    expect(other.answer).not.toMatch(/BPS01\//);
  });

  it('declines what the catalog does not record', async () => {
    expect((await ask('Which pumps at BPS03 have a spare motor?')).answer).toMatch(/"motor"/);
    expect((await ask('which tags at BPS01 were added last year')).answer).toMatch(/"last year"/);
  });
});
