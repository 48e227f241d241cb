// RFC 8785 canonical JSON: the vectors of the RFC and the refusals it requires.
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../audit/jcs.ts';
import type { JsonValue } from '../../core/json.ts';

const f64 = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalize (RFC 8785)', () => {
  it('matches the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as JsonValue;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as JsonValue;
    const keys = Object.keys(JSON.parse(canonicalize(input)) as object);
    expect(canonicalize(input).startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö"')).toBe(true);
    expect(keys).toHaveLength(7);
    expect(canonicalize(input).indexOf('😀')).toBeLessThan(canonicalize(input).indexOf('\ufb33'));
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['c43211ede4974a35', '-333333333333333300000'],
  ])('serialises the IEEE-754 value %s as %s (RFC 8785 appendix B)', (hex, text) => {
    expect(canonicalize(f64(hex))).toBe(text);
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalize(Number.NaN)).toThrow(/not a JSON number/);
    expect(() => canonicalize(Number.POSITIVE_INFINITY)).toThrow(/not a JSON number/);
    expect(() => canonicalize({ a: 'x\ud800y' })).toThrow(/lone UTF-16 surrogate/);
    expect(canonicalize({ a: '😀' })).toBe('{"a":"😀"}');
  });

  it('nests, skips undefined members and keeps array order', () => {
    const value = { b: [3, { z: 1, a: null }], a: { d: true, c: 'x' }, u: undefined } as unknown as JsonValue;
    expect(canonicalize(value)).toBe('{"a":{"c":"x","d":true},"b":[3,{"a":null,"z":1}]}');
  });
});
