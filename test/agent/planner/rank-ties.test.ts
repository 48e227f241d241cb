// Rankings that keep every tie at the cut: the SQL's shape, and what counts as a tie in the sentence.
import { describe, expect, it } from 'vitest';
import { aliasOf, keepTies, sameRank, tiedAtTop, tieNote } from '../../../agent/planner/rank-ties.ts';

describe('rank ties', () => {
  it('places rows by rank() on the value to 6 decimals and keeps every place up to the limit', () => {
    const sql = keepTies({ columns: ['tag', 'v'], from: 'SELECT tag, v FROM t', key: 'v', order: 'desc', limit: 1, then: 'tag' });
    expect(sql).toContain('rank() OVER (ORDER BY CAST(v AS DECIMAL(38, 6)) DESC NULLS LAST');
    expect(sql).toContain('WHERE place <= 1');
    expect(sql).not.toContain('LIMIT');
  });

  it('counts float noise of one value as a tie, and values that only round alike in a sentence as none', () => {
    expect(sameRank(1234.5 - 1200.2, 2234.5 - 2200.2)).toBe(true);
    expect(sameRank(12.34, 12.26)).toBe(false);
    expect(sameRank(null, null)).toBe(false);
    expect(tiedAtTop([24, 24, 22])).toBe(2);
    expect(tiedAtTop([3, 1, 1])).toBe(1);
  });

  it('says a tie at the top or at the cut only when more rows than asked are kept', () => {
    expect(tieNote([3, 3], 1)).toBe(' (a tie: 2 with 3 each)');
    expect(tieNote([5, 4, 2, 2], 3)).toBe(' (a tie at 3rd place: 4 shown)');
    expect(tieNote([5, 4], 2)).toBe('');
  });

  it('reads the alias of a select-list item', () => {
    expect(aliasOf('CASE WHEN r.tag IS NULL THEN NULL ELSE r.starts END AS starts')).toBe('starts');
    expect(aliasOf('m.tag')).toBe('tag');
  });
});
