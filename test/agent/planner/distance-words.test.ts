// "how far is T1 from 4 m", "dist from 4m": the distance of a value to another, which no shape computes, is named by its
// words, never read as a clock ("4" as 04:00) nor answered with the level alone.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

const reasonOf = (question: string): string => {
  const result = plan(question, '2026-10-15T08:30:00Z');
  return result.kind === 'decline' ? result.reason : result.kind;
};

describe('a distance to a value', () => {
  it.each([
    ['how far is T1 level from 4 m now', 'how far'],
    ['How far below 4 m is the T1 level right now?', 'how far'],
    ['t1 lvl dist from 4m now', 'dist from'],
  ])('"%s" names "%s"', (question, words) => {
    expect(reasonOf(question)).toContain(`"${words}" asks for more than the planner's shapes`);
  });

  it('"how far back" is not a distance', () => {
    expect(reasonOf('how far back does the T1 level data go')).not.toContain('"how far"');
  });
});
