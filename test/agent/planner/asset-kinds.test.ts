// Resolving what a word names by the assets table: kinds (a tank is a reservoir, not the dosing skid's day tank),
// names from asset descriptions (Lindenau, Kirchberg), and the plant's outlet flow as "works outflow".
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();
const names = (question: string): string[] => planned(question).tags.map((tag) => tag.name);

describe('asset kinds and names from the assets table', () => {
  it('asks which reservoir for "tank lvl now", and never offers the hypochlorite day tank silently', () => {
    const result = plan('tank lvl now');
    expect(result.kind).toBe('ambiguous');
    expect(JSON.stringify(result)).not.toMatch(/CL01/);
  });

  it('reads the hypochlorite tank only when it is named', () => {
    expect(names('hypo tank lvl now')).toEqual(['WTP01/CL01/TankLevel']);
  });

  it('ranks the reservoirs, in m, for "lowest tank lvl yday" and "lowest res lvl"', () => {
    expect(names('lowest tank lvl yday')).toEqual(['T1/Tank/Level', 'T2/Tank/Level', 'T3/Tank/Level']);
    expect(names('lowest res lvl yday')).toEqual(['T1/Tank/Level', 'T2/Tank/Level', 'T3/Tank/Level']);
  });

  it('finds a reservoir by the place its description names', () => {
    expect(names('lindenau res lvl now')).toEqual(['T1/Tank/Level']);
    expect(names('average level of the Kirchberg tank last week')).toEqual(['T3/Tank/Level']);
  });

  it('reads "works outflow" and "plant output" as the plant outlet flow, not the filter flows', () => {
    expect(names('works outflow rn')).toEqual(['WTP01/HL/OutletFlow']);
    // A day's output is an amount: the plant outlet's totaliser (its change per day), not the filters' flows.
    expect(names('which day last wk had the highest plant output')).toEqual(['WTP01/HL/OutletFlowTotal']);
  });
});
