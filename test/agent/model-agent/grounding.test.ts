// The grounding check and the language check as tables: what counts as traced, what is flagged, what is refused.
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../agent/model-agent/claims.ts';
import { checkGrounding, collectEvidence, roundsFrom } from '../../../agent/model-agent/grounding.ts';
import { checkLanguage } from '../../../agent/model-agent/language-check.ts';

const ROWS = [
  '<data tool="run_sql" source="historian" rows="2" truncated="false">',
  'columns: tag (VARCHAR), avg_value (DOUBLE), good (DOUBLE), last_time (TIMESTAMP WITH TIME ZONE)',
  '["BPS03/P01/Running",4.32719,0.9812,"2026-11-20T05:29:31.000Z"]',
  '["BPS03/P02/Running",1234.5,1,"2026-11-20T06:00:00.000Z"]',
  '</data>',
  'unit of BPS03/Header/DischargePressure: bar',
].join('\n');
const UNITS = ['bar', 'm', 'm³/h', 'mg/l'];

function check(answer: string, options: { hasData?: boolean; question?: string; args?: string } = {}) {
  const evidence = collectEvidence({
    toolTexts: options.hasData === false ? [] : [ROWS],
    conversation: [`Current time: 2026-11-27T09:00:00+01:00 (Europe/Berlin)\nQuestion: ${options.question ?? 'pressure of pump 2?'}`],
    toolArgs: options.args ? [options.args] : [],
    hasData: options.hasData ?? true,
    timezone: 'Europe/Berlin',
    catalogUnits: UNITS,
  });
  return checkGrounding(answer, evidence, UNITS);
}

describe('grounding check', () => {
  it.each([
    ['the value as returned', 'It was 4.32719 bar.', []],
    ['rounded to the decimals written', 'It was 4.33 bar, or 4.3 bar.', []],
    ['thousands separators', 'Flow 1,234.5 and 1,235 in total.', []],
    ['a ratio as a percentage', 'Good quality: 98.1 %.', []],
    ['a time in plant time (UTC+1), minute floored or rounded', 'Last sample at 06:29, then 06:30 and 07:00.', []],
    ['the same instant in UTC with its offset', 'Last sample 2026-11-20T05:29:31Z.', []],
    ['a date of a result and the year of the question', 'On 2026-11-20 (in 2026).', []],
    ['a number from the question', 'Above 5 bar never.', []],
    ['the row count of a result', 'Both 2 tags were running.', []],
    ['identifiers, list markers, equipment numbers', '1. BPS03 pump 2 on line 4 (P02, T1/Tank/Level).', []],
    ['an invented number', 'It was 4.7 bar.', ['4.7 bar']],
    ['rounding too coarse to be the value', 'It was about 4 bar.', ['4 bar']],
    ['a unit no result names', 'It was 4.33 m.', ['4.33 m (no query result names the unit m)']],
    ['a time no result has', 'It peaked at 07:30.', ['07:30']],
    ['a date no result has', 'On 2026-11-21.', ['2026-11-21']],
    ['a year no result has', 'Since 2019.', ['2019']],
  ])('%s', (_name, answer, untraced) => {
    const result = check(answer, { question: 'pressure of pump 2 above 5 bar?' });
    expect(result.untraced).toEqual(untraced);
    expect(result.status).toBe(untraced.length === 0 ? 'grounded' : 'ungrounded');
  });

  it('counts the window the model asked for as a time it may state', () => {
    expect(
      check('Between 00:00 and 06:00 it was 4.33 bar.', { args: '{"from":"2026-11-19T23:00:00Z","to":"2026-11-20T05:00:00Z"}' }),
    ).toMatchObject({
      status: 'grounded',
      traced: ['4.33 bar', '00:00', '06:00'],
    });
  });

  it('says an answer without any data is not based on data, naming what it states', () => {
    expect(check('The pressure was 4.2 bar.', { hasData: false })).toEqual({
      status: 'no-data',
      traced: [],
      untraced: ['4.2 bar'],
      summary: 'not based on data: no query returned data for this answer; it states 4.2 bar',
    });
    expect(check('I may not read the shift log.', { hasData: false }).summary).toBe(
      'not based on data: no query returned data for this answer',
    );
  });

  it('rounds to decimals or significant digits, within 5 %', () => {
    expect(roundsFrom(4.3, { decimals: 1, significant: 2 }, 4.32719)).toBe(true);
    expect(roundsFrom(1000, { decimals: 0, significant: 1 }, 1023)).toBe(true);
    expect(roundsFrom(1000, { decimals: 0, significant: 1 }, 1080)).toBe(false);
    expect(roundsFrom(0, { decimals: 0, significant: 1 }, 0.04)).toBe(true);
    expect(roundsFrom(0, { decimals: 0, significant: 1 }, 0.4)).toBe(false);
    expect(roundsFrom(-3.2, { decimals: 1, significant: 2 }, 3.21)).toBe(true);
  });

  it('reads a decimal comma and a negative sign, and not a range dash', () => {
    const claims = extractClaims('Der Druck war 4,3 bar; -2.5 °C; 5-10 bar.');
    expect(claims.numbers.map((n) => [n.text, n.values, n.unit])).toEqual([
      ['4,3', [4.3], 'bar'],
      ['-2.5', [-2.5], '°c'],
      ['5', [5], undefined],
      ['10', [10], 'bar'],
    ]);
  });
});

describe('language check', () => {
  it.each([
    ['an answer', 'The average discharge pressure of BPS03 was 4.3 bar yesterday (Δp 0.2 bar, 12 µS/cm).', 'average pressure?'],
    ['a German answer to a German question', 'Der Druck war gestern im Mittel 4,3 bar.', 'Wie hoch war der Druck gestern?'],
    ['a Japanese answer to a Japanese question', '水位は 3.2 m でした。', 'タンクT1の水位は？'],
    ['a list of no-data lines', 'P01: no data; P02: no data; P03: no data; P04: no data; P05: no data; P06: no data', 'run hours?'],
    ['a list of zeros', 'Hourly values: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.', 'hourly values?'],
  ])('accepts %s', (_name, text, question) => {
    expect(checkLanguage(text, question)).toEqual({ ok: true });
  });

  it.each([
    ['nothing', '  \n', 'the model returned an empty answer'],
    ['JSON', '{"type":"final","answer":""}', "the model's reply is JSON data, not an answer in words"],
    ['a control character', 'ok\u0000', "the model's reply contains control characters (U+0000), not an answer"],
    ['a repeated block', 'go on '.repeat(8), 'the model\'s reply repeats "go on" 8 times, not an answer'],
  ])('refuses %s', (_name, text, reason) => {
    expect(checkLanguage(text, 'how are the pumps?')).toEqual({ ok: false, reason });
  });

  it('accepts a word mixing scripts when a tool result has it verbatim (a tag named that way)', () => {
    expect(checkLanguage('Pumpe泵1 lief 3 h.', 'Wie lange lief Pumpe泵1?').ok).toBe(true);
    expect(checkLanguage('Pumpe泵1 lief 3 h.', 'Wie lange lief die Pumpe?').ok).toBe(false);
  });
});
