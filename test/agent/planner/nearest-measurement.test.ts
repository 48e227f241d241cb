// What an ask-back says when the named asset lacks the measurement asked (nearest-measurement.ts): never an untrue "has no".
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const planner = useReferencePlanner();

describe('nearest measurement ask-backs', () => {
  it('a tank that has two flow tags is not said to have none', () => {
    const result = planner.plan('mnf T1 levl lst nite');
    expect(result.kind).toBe('ambiguous');
    const reason = result.kind === 'ambiguous' ? result.reason : '';
    expect(reason).toMatch(/^T1\/Tank has 2 flow tags: T1\/Tank\/InletFlow, T1\/Tank\/OutletFlow/);
    expect(reason).not.toMatch(/has no/);
  });

  it('several assets without the measurement "have" none, and the nearest tags are offered', () => {
    const result = planner.plan('How full is the chlorine day tank at the moment?');
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' ? result.reason : '').toMatch(
      /^3 assets named so \(T1\/Tank, T2\/Tank, T3\/Tank\) have no chlorine tag; the nearest are 3 tags/,
    );
  });
});
