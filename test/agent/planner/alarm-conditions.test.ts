// Alarm conditions (issue 15): "hi alarms", "lo lvl alarms", "went LOW", "HH" read as the journal's condition column,
// "high priority" kept a priority, a condition the journal does not record or a source without the column declined by name.
import { describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import { readAlarmConditions } from '../../../agent/planner/alarm-conditions.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import { buildCatalogs, planQuestion } from '../../../agent/planner/plan-question.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned, catalogs } = useReferencePlanner();
const NOW = '2026-11-02T08:00:00Z';

const operationOf = (question: string, now = NOW): unknown => {
  const result = plan(question, now);
  return result.kind === 'plan' ? result.operation : result;
};
const reasonOf = (question: string, now = NOW): string => {
  const result = plan(question, now);
  return result.kind === 'decline' ? result.reason : `not declined: ${result.kind}`;
};
const namesOf = (text: string): string[] | undefined => readAlarmConditions(text, catalogs(), catalogs()[0]!.vocabulary)?.cue.names;

describe('reading the conditions of an alarm question', () => {
  it.each([
    ['hi alarms on the cw in sept', ['HIGH']],
    ['lo alms cnt oct', ['LOW']],
    ['low level alarms at t2 last week', ['LOW']],
    ['which alarms went low on 8 oct', ['LOW']],
    ['hh alarms yday', ['HIHI']],
    ['any high-high alarms', ['HIHI']],
    ['lo lo alarms t1 oct', ['LOLO']],
    ['how many high alarms vs low alarms in oct', ['HIGH', 'LOW']],
    ['hi and lo alarms at the wtp', ['HIGH', 'LOW']],
    ['deviation alarms in oct', ['DEVIATION']],
  ])('"%s" names %j', (text, names) => {
    expect(namesOf(text)).toEqual(names);
  });

  it.each([
    'high priority alarms yday',
    'hi prio alrms at the treatment works in aug',
    'lo prio alm count sept',
    'were there any alarms on the high lift pumps in sept',
    'std deviation of alarm clear times',
  ])('"%s" names no condition', (text) => {
    expect(namesOf(text)).toBeUndefined();
  });

  it('blanks the words it reads, so they name no tag', () => {
    expect(readAlarmConditions('hi alms on cw01', catalogs(), catalogs()[0]!.vocabulary)?.text).toBe('   alms on cw01');
  });
});

describe('plans by condition', () => {
  it('"hi alarms on the cw" keeps the HIGH alarms of the clearwell level', () => {
    const result = planned('how many hi alarms on the cw in sept', '2026-10-02T08:00:00Z');
    expect(result.operation).toEqual({ kind: 'alarm-count', conditions: ['HIGH'] });
    expect(result.tags.map((t) => t.name)).toEqual(['WTP01/CW01/Level']);
  });

  it('"high priority low alarms" is priority 2 and the LOW condition together', () => {
    expect(operationOf('high priority low alarms in oct')).toEqual({ kind: 'alarm-list', limit: 200, priority: 2, conditions: ['LOW'] });
  });

  it('"high priority alarms yday" is still the priority-2 list', () => {
    expect(operationOf('high priority alarms yday', '2026-10-15T08:30:00Z')).toEqual({ kind: 'alarm-list', limit: 200, priority: 2 });
  });

  it('two conditions counted, or "by condition", are counted per condition', () => {
    expect(operationOf('how many high alarms vs low alarms in oct')).toEqual({
      kind: 'alarm-top',
      limit: 200,
      conditions: ['HIGH', 'LOW'],
      by: 'condition',
      listed: ['HIGH', 'LOW'],
    });
    expect(operationOf('alarm count by condition oct')).toMatchObject({ kind: 'alarm-top', by: 'condition' });
  });

  it('the times to clear keep the condition: "avg clr time cw hi alms oct hrs"', () => {
    expect(operationOf('avg clr time cw hi alms oct hrs')).toEqual({ kind: 'alarm-clear-time', conditions: ['HIGH'], unit: 'hours' });
  });

  it('the SQL filters the condition column, never the message text', () => {
    const sql = compilePlan(planned('lo alms cnt oct', NOW), catalogs()[0]!.source.historian!, 'duckdb');
    expect(sql).toContain(`a."condition" IN ('LOW')`);
    expect(sql).not.toMatch(/message/i);
  });

  it('"in hi alarm" with a time asked over a period is the time in alarm of those alarms, raised to cleared, summed', () => {
    const result = plan('how long was cw lvl in hi alarm in sept', NOW);
    expect(result.kind === 'plan' && result.operation).toMatchObject({ conditions: ['HIGH'] });
  });
});

describe('conditions the journal cannot answer', () => {
  it('a condition the journal does not record is declined, naming those it does', () => {
    expect(reasonOf('hihi alms on the clearwell in oct')).toContain('records the conditions HIGH and LOW, not HIHI');
    expect(reasonOf('LL alarm')).toContain('not LOLO');
  });

  it('a source without the condition column declines naming it, never reading the message', () => {
    const [catalog] = catalogs();
    const source = catalog!.source;
    const alarms = { ...source.historian!.alarms! };
    delete alarms.condition;
    const bare = buildCatalogs([{ ...source, historian: { ...source.historian!, alarms }, alarmConditions: undefined }]);
    const result = planQuestion('how many hi alarms on the cw in sept', bare, {
      timezone: 'Europe/Berlin',
      synonyms: defaultConfigDocument.synonyms,
      shifts: defaultConfigDocument.shifts,
      now: new Date('2026-10-02T08:00:00Z'),
    });
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toMatch(/"hi" names an alarm condition.*historian\.alarms\.condition/);
  });
});
