// Engine error texts with their quoted values masked: what an auditor may read about a failed query of a filtered role.
import { describe, expect, it } from 'vitest';
import { maskQuotedValues } from '../../audit/mask-values.ts';

describe('maskQuotedValues', () => {
  it.each([
    [`invalid input syntax for type integer: "Booster station Sonnenhang" [22P02]`, `invalid input syntax for type integer: "…" [22P02]`],
    [
      `Conversion Error: Could not convert string 'BPS03/P01' to INT32\n\nLINE 1: SELECT CAST(tag_path AS INTEGER) FROM tags\n ^`,
      `Conversion Error: Could not convert string '…' to INT32`,
    ],
    [`value 123456.5 is out of range for type integer`, `value … is out of range for type integer`],
    [`quote 'it''s' inside`, `quote '…' inside`],
  ])('%s', (text, masked) => {
    expect(maskQuotedValues(text)).toBe(masked);
  });
});
