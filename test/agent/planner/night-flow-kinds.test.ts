// Night-flow questions beyond one night's value: two periods compared, the areas ranked over several nights, "last
// night" asked at any hour, an area named by its place (which a booster station shares), and a comparison that
// would drop half the question.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

describe('night flow of other kinds', () => {
  const { plan, planned } = useReferencePlanner();

  it('compares the nights of two periods, not the flow over both periods', () => {
    const weeks = planned('mnf dma3 last wk vs wk before');
    expect(weeks.operation).toMatchObject({ kind: 'night-flow', previous: { from: '2026-09-27T22:00:00.000Z' } });
    const nights = planned('mnf dma2 last night vs the night before');
    expect(nights.operation).toMatchObject({ kind: 'night-flow', previous: { from: '2026-10-14T00:00:00.000Z' } });
    expect(planned('mnf dma1 this week vs last week').operation.kind).toBe('night-flow');
  });

  it('ranks the areas over several nights by the mean of their nights, and every area when asked to rank', () => {
    expect(planned('Which DMA had the highest average minimum night flow last week?').operation).toMatchObject({
      kind: 'night-flow',
      order: 'desc',
      limit: 1,
      mean: true,
    });
    expect(planned('Rank the DMAs by minimum night flow last night.').operation).toMatchObject({ order: 'desc', limit: 5 });
  });

  it('reads "last night" as the newest night whose hours have passed, whenever it is asked', () => {
    for (const [now, from] of [
      ['2026-10-14T23:30:00Z', '2026-10-14T00:00:00.000Z'],
      ['2026-10-15T01:00:00Z', '2026-10-14T00:00:00.000Z'],
      ['2026-10-15T21:00:00Z', '2026-10-15T00:00:00.000Z'],
    ] as const)
      expect(planned('MNF DMA02 last night', now).window.from).toBe(from);
    expect(planned('mnf dma2 this morning').window.from).toBe('2026-10-15T00:00:00.000Z');
  });

  it('reads a place an area and a station share as the area inflow', () => {
    expect(planned('What was the minimum night flow in Sonnenhang last night?').tags.map((t) => t.name)).toEqual(['DMA05/Inlet/Flow']);
    expect(planned('kirchberg night flow yesterday').tags.map((t) => t.name)).toEqual(['DMA04/Inlet/Flow']);
  });

  it('declines a night flow set against something that is no night flow, a statistic of it other than the mean, a pump of an area', () => {
    expect(plan('min night flow vs average flow DMA01 yesterday').kind).toBe('decline');
    expect(plan('rank dmas by max MNF lst 7 nites').kind).toBe('decline');
    expect(plan('Rank the DMAs by maximum night flow last night.').kind).toBe('decline');
    expect(plan('MNF DMA04 last night in l/s per pump').kind).toBe('decline');
  });
});
