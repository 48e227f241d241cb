// The words that say which alarms or which state (u18b/u18f): chattering kept by its rule, the whole network as the
// whole journal, a general word before the alarms named rather than dropped or narrowing to a few descriptions, the
// state over a period ("active at some point"), ties at the top kept, and "w/ prio" as a column of the list.
import { describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { HistorianMapping } from '../../../connectors/historian-mapping.ts';
import { readAlarmDuring } from '../../../agent/planner/alarm-during.ts';
import { readAlarmChatter } from '../../../agent/planner/alarm-chatter.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const reference = useReferencePlanner();
const { plan } = reference;
const mapping = defaultConfigDocument.sources.historian.historian as unknown as HistorianMapping;
const sqlOf = (question: string, now: string): string => {
  const result = plan(question, now);
  if (result.kind !== 'plan') throw new Error(`${question}: ${result.kind}`);
  return compilePlan(result, mapping, 'duckdb');
};
const NOW = '2026-11-02T08:00:00Z';

const operationOf = (question: string, now = NOW): unknown => reference.operationOf(question, now);
const reasonOf = (question: string, now = NOW): string => reference.reasonOf(question, now);
const tagsOf = (question: string, now = NOW): string[] => {
  const result = plan(question, now);
  return result.kind === 'plan' ? result.tags.map((t) => t.name) : [result.kind];
};

describe('chattering alarms', () => {
  it('reads chattering, chattered, flapping; not "chattiest"', () => {
    expect(readAlarmChatter('chattering alms last 30d')?.words).toBe('chattering');
    expect(readAlarmChatter('did any alarm chatter in oct')?.words).toBe('chatter');
    expect(readAlarmChatter('any flapping alarms')?.words).toBe('flapping');
    expect(readAlarmChatter('chattiest alarm')).toBeNull();
  });

  it('keeps the tags by the rule, never the most frequent alarms', () => {
    expect(operationOf('chattering alms last 30d')).toEqual({ kind: 'alarm-top', limit: 200, chatter: { count: 3, minutes: 60 } });
    expect(operationOf('which alarms chattered in aug')).toMatchObject({ chatter: { count: 3, minutes: 60 } });
  });

  it('names the word when it is counted, timed or split', () => {
    expect(reasonOf('how many chattering alarms last 30d')).toContain('"chattering"');
    expect(reasonOf('chattering alarms per site last 30d')).toContain('"chattering"');
  });
});

describe('the whole plant as a place', () => {
  it('"across the whole network", "everywhere", "network-wide" count every alarm', () => {
    expect(tagsOf('How many alarms did we have across the whole network last weekend?')).toEqual([]);
    expect(tagsOf('how many alarms everywhere yesterday')).toEqual([]);
    expect(tagsOf('alarms network-wide last weekend')).toEqual([]);
    expect(tagsOf('total alarms throughout the entire system in october')).toEqual([]);
  });

  it('a name of a site or a measurement still narrows ("across the whole of BPS02", "network chlorine")', () => {
    expect(tagsOf('alarms across the whole of BPS02 in aug').every((t) => t.startsWith('BPS02/'))).toBe(true);
    expect(tagsOf('how many network chlorine alarms in oct')).toHaveLength(5);
  });
});

describe('a general word before the alarms', () => {
  it('is named when no tag carries it ("process alarms") or only descriptions do ("network alarms")', () => {
    expect(reasonOf('process alarms last 30d')).toContain('"process"');
    expect(reasonOf('system alarms in aug')).toContain('"system"');
    expect(reasonOf('network alarms in aug')).toContain('"network"');
  });

  it('a site or asset kind narrows as before; the things counted are left to the count ("how many tags")', () => {
    expect(tagsOf('station alarms in aug').every((t) => t.startsWith('BPS'))).toBe(true);
    expect(reasonOf('how many tags alarmed in oct')).toContain('"how many tags"');
  });
});

describe('the state over a period', () => {
  it('reads "at some point" as any time, and the state with it, "was active" or "active during" as over the window', () => {
    expect(readAlarmDuring('list every alarm that was active at some point', 'x')?.during).toBeDefined();
    expect(readAlarmDuring('any alarms at any point  at dma2', 'x')).toEqual({ text: expect.not.stringContaining('point') });
    expect(readAlarmDuring('alarms active ', 'alarms active during 16 aug')?.during).toBe('active');
    expect(readAlarmDuring('how long each one stayed active', 'x')).toBeNull();
  });

  it('lists the alarms standing at any moment of the window, and "point" names no critical point', () => {
    const now = '2026-08-17T07:00:00Z';
    expect(operationOf('List every alarm that was active at some point on Sunday 16 August.', now)).toEqual({
      kind: 'alarm-list',
      limit: 200,
      during: true,
    });
    expect(tagsOf('List every alarm that was active at some point on Sunday 16 August.', now)).toEqual([]);
    expect(operationOf('how many alarms were active at any time on 16 aug', now)).toEqual({ kind: 'alarm-count', during: true });
  });

  it('compiles to raised before the end and not cleared before the start', () => {
    const sql = sqlOf('List every alarm that was active at some point on Sunday 16 August.', '2026-08-17T07:00:00Z');
    expect(sql).toContain(`a."ts" < TIMESTAMPTZ '2026-08-16 22:00:00+00' AND ((SELECT min(o."ts")`);
    expect(sql).toContain(`> TIMESTAMPTZ '2026-08-15 22:00:00+00')`);
  });
});

describe('ties and columns', () => {
  it('"most frequent alm in oct" keeps every tie at the cut (rank, not LIMIT 1)', () => {
    expect(sqlOf('most frequent alm in oct', NOW)).toContain('rank() OVER (ORDER BY count(*) DESC) AS place');
  });

  it('"w/ prio" is the list\'s priority column, "with priority 2" a priority', () => {
    expect(operationOf('all alarms 29/10 w/ prio', '2026-10-30T07:00:00Z')).toEqual({ kind: 'alarm-list', limit: 200 });
    expect(operationOf('all alarms 29/10 with priority 2', '2026-10-30T07:00:00Z')).toMatchObject({ priority: 2 });
  });

  it('a tag named with no period reads its whole journal when its times are asked, and says so', () => {
    const result = plan('bps3-p2 vib alarm wen did it come in and wen clrd', '2026-10-30T07:00:00Z');
    expect(result.kind === 'plan' && result.window.label).toContain('the whole alarm journal');
    expect(reasonOf('outstanding alarms bps03', '2026-10-30T07:00:00Z')).toContain('no time window');
  });
});
