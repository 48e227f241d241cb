// Numbers written in words before a unit ("six bar", "three and a half metres", "3 and a half m"): written as figures, so
// a limit in words is read as the same limit in figures. Only before a unit of two letters or more, or metres: "one a"
// (amperes) is too often no number of a measurement.
import { NUMBER_WORDS } from './number-words.ts';
import { SPELLINGS } from './unit-table.ts';

const WORDS = NUMBER_WORDS;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const patterns = new Map<string, RegExp>();

function spokenNumberRe(units: readonly string[]): RegExp {
  const key = units.join('|');
  let re = patterns.get(key);
  if (!re) {
    const spellings = [...new Set([...SPELLINGS, ...units])]
      .filter((u) => (u.length >= 2 || u === 'm') && /^[a-z°µ]/.test(u))
      .sort((a, b) => b.length - a.length)
      .map(escape);
    re = new RegExp(
      String.raw`(?<![\p{L}\p{N}_.,-])(${Object.keys(WORDS).join('|')}|\d+)(?:[\s-]+and[\s-]+a[\s-]+(half|quarter))?(?:\s+(point)\s+(${Object.keys(
        WORDS,
      )
        .filter((w) => WORDS[w]! < 10)
        .join('|')}))?(?=\s*(?:${spellings.join('|')})(?![\p{L}\p{N}_]))`,
      'gu',
    );
    patterns.set(key, re);
  }
  return re;
}

/**
 * The question with its spoken numbers before a unit written as figures: "under three and a half metres" -> "under 3.5
 * metres", "over six bar" -> "over 6 bar". `units`: the spoken units of the vocabulary beside the unit table's.
 */
export function writeSpokenNumbers(text: string, units: readonly string[]): string {
  return text.replace(spokenNumberRe(units), (all: string, whole: string, fraction?: string, point?: string, digit?: string) => {
    const base = WORDS[whole] ?? Number(whole);
    // "3 bar" stays as written; only words, halves and "point five" change.
    if (WORDS[whole] === undefined && !fraction) return all;
    const value = base + (fraction === 'half' ? 0.5 : fraction === 'quarter' ? 0.25 : 0) + (point && digit ? (WORDS[digit] ?? 0) / 10 : 0);
    return String(value);
  });
}
