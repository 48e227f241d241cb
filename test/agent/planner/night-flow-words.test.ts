// Night-flow and group questions in words the patterns were not written for: a period named twice, chat's "nyt", the
// spelled-out "district metered area", and a superlative that is the statistic asked of each member.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

describe('night flow and groups in other words', () => {
  const { planned } = useReferencePlanner();

  it('reads the same period named twice as that period, and two compared as two', () => {
    const once = planned('dma2 overnight min flow last night');
    expect(once.window.label).toMatch(/^last night/);
    const pair = planned('DMA02 inflow last 7 days vs previous 7 days');
    expect(pair.operation.kind).toBe('change');
  });

  it('knows "nyt" and "district metered area"', () => {
    expect(planned('nordring MNF lst nyt pls').operation.kind).toBe('night-flow');
    expect(planned('min nyt flow dma01 saturday').operation.kind).toBe('night-flow');
    const areas = planned('Last night, which district metered area had the highest minimum night flow?', '2026-10-20T07:00:00Z');
    expect(areas.tags.length).toBe(5);
  });

  it('lists every member when a superlative is the statistic asked of each ("for each DMA, the peak inflow")', () => {
    const each = planned('For each district metered area, what was the peak inflow yesterday?', '2026-09-23T12:00:00Z');
    expect(each.tags.length).toBe(5);
    // Each member's peak, all five (a comparison of the members; "what was the" asks a value, not which member).
    expect(each.operation).toMatchObject({ kind: 'compare', fn: 'max' });
  });
});
