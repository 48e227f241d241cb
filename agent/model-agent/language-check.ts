// Is the model's final text a language answer at all? Empty text, control characters, JSON, a block of words repeated
// over and over, or words in another script than the question are model failures, never shown as an answer.

/** `ok`, or the reason in words a user can act on (it becomes the failure message). */
export type LanguageVerdict = { ok: true } | { ok: false; reason: string };

/** Scripts a letter is counted in. CJK scripts are one group (Japanese mixes three); Greek letters are read as symbols (Δp, Ω). */
const SCRIPT_GROUPS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Armenian', /\p{Script=Armenian}/u],
];
const GREEK = /\p{Script=Greek}/u;
/** Control, private-use and surrogate code points, and U+FFFD (a broken decode); tab and newlines are fine. */
const CONTROL = /[\p{Cc}\p{Co}\p{Cs}\uFFFD]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LETTER = /\p{L}/u;

/** Script group of a letter; `symbol` for Greek and letters of no script (µ, ℓ), `other` for scripts not listed. */
function scriptOf(letter: string): string {
  if (GREEK.test(letter)) return 'symbol';
  for (const [name, re] of SCRIPT_GROUPS) if (re.test(letter)) return name;
  return /\p{Script=Common}/u.test(letter) ? 'symbol' : 'other';
}

function letterScripts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    const script = scriptOf(ch);
    if (script !== 'symbol') counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return counts;
}

/** The longest stretch of words that is one block repeated back to back (4 copies or more), if any. */
export function repeatedBlock(words: readonly string[]): { block: string[]; copies: number } | null {
  let best: { block: string[]; copies: number; length: number } | null = null;
  for (let period = 1; period <= 12; period++) {
    let run = 0;
    for (let i = 0; i + period < words.length; i++) {
      run = words[i] === words[i + period] ? run + 1 : 0;
      const length = run + period;
      const block = words.slice(i + 1 - run, i + 1 - run + period);
      // Four copies at least, twelve words at least, and not a list of numbers ("0, 0, 0, ...").
      if (length >= 4 * period && length >= 12 && block.some((w) => !/^\p{N}+$/u.test(w)) && (!best || length > best.length))
        best = { block, copies: Math.floor(length / period), length };
    }
  }
  return best ? { block: best.block, copies: best.copies } : null;
}

/**
 * Checks the final text of the model against the question. `known` is text the answer may quote verbatim (tool
 * results, the question): a word mixing scripts is accepted when it appears there (a tag named in two scripts).
 */
export function checkLanguage(text: string, question: string, known = ''): LanguageVerdict {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'the model returned an empty answer' };
  for (const ch of trimmed) {
    if (ch !== '\n' && ch !== '\r' && ch !== '\t' && CONTROL.test(ch)) {
      const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      return { ok: false, reason: `the model's reply contains control characters (${code}), not an answer` };
    }
  }
  if (/^[[{]/.test(trimmed)) {
    try {
      JSON.parse(trimmed);
      return { ok: false, reason: "the model's reply is JSON data, not an answer in words" };
    } catch {
      // Not JSON: a sentence that happens to start with a bracket.
    }
  }
  const words = trimmed.toLowerCase().match(WORD) ?? [];
  const repeated = repeatedBlock(words);
  if (repeated) {
    const phrase = repeated.block.join(' ');
    return {
      ok: false,
      reason: `the model's reply repeats "${phrase.length > 60 ? `${phrase.slice(0, 57)}...` : phrase}" ${repeated.copies} times, not an answer`,
    };
  }
  const answerScripts = letterScripts(trimmed);
  const questionScripts = letterScripts(question);
  const questionLetters = [...questionScripts.values()].reduce((a, b) => a + b, 0);
  const expected = new Set([...questionScripts].filter(([, n]) => n >= 0.2 * questionLetters).map(([s]) => s));
  const answerLetters = [...answerScripts.values()].reduce((a, b) => a + b, 0);
  if (expected.size > 0 && answerLetters > 0) {
    const foreign = [...answerScripts].filter(([s]) => !expected.has(s));
    const foreignLetters = foreign.reduce((n, [, c]) => n + c, 0);
    if (foreignLetters >= 5 && foreignLetters > 0.2 * answerLetters) {
      const names = foreign.sort((a, b) => b[1] - a[1]).map(([s]) => s);
      return {
        ok: false,
        reason: `the model's reply is written in ${names.join(' and ')} script while the question is in ${[...expected].join(' and ')}, not an answer`,
      };
    }
  }
  const knownWords = new Set((known + ' ' + question).toLowerCase().match(WORD) ?? []);
  for (const word of new Set(words)) {
    const scripts = letterScripts(word);
    if (scripts.size > 1 && !knownWords.has(word))
      return {
        ok: false,
        reason: `the model's reply has words mixing scripts ("${word}": ${[...scripts.keys()].join(' + ')}), not an answer`,
      };
  }
  return { ok: true };
}
