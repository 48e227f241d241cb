// The whole words the planner's own patterns read, taken from its source: every regular expression literal and every
// string that builds one ("\\b", "(?:"), so a test can hold the typo corrector to them without a list kept by hand.
import { readdirSync, readFileSync } from 'node:fs';

const PLANNER_DIR = new URL('../../agent/planner/', import.meta.url);

/** Regex literals (after `(`, `=`, `,`, `:`, `?`, `[`, `!`, `&`, `|`, `return`) and strings that hold a pattern. */
const REGEX_LITERAL = /(?<=[(=,:?[!&|]\s*|\breturn\s+)\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/[dgimsuvy]*/g;
const PATTERN_STRING = /(?:String\.raw)?`((?:\\.|[^`\\])*)`|'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"/g;

/** The index of the "(" that opens the group enclosing `at`, or -1 at top level. */
function groupStart(body: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i -= 1) {
    const ch = body[i];
    if (body[i - 1] === '\\') continue;
    if (ch === ')') depth += 1;
    else if (ch === '(') {
      if (depth === 0) return i;
      depth -= 1;
    } else if (ch === '[' && depth === 0 && body.lastIndexOf(']', at) < i) return -2;
  }
  return -1;
}

/** The index just past the ")" that closes the group opened at `open`. */
function groupEnd(body: string, open: number): number {
  let depth = 0;
  for (let i = open; i < body.length; i += 1) {
    if (body[i - 1] === '\\') continue;
    if (body[i] === '(') depth += 1;
    else if (body[i] === ')' && --depth === 0) return i + 1;
  }
  return body.length;
}

/** A letter glued to a group or run: what stands right before `at`, skipping group openers and alternations. */
function gluedBefore(body: string, at: number): boolean {
  let i = at;
  for (;;) {
    const ch = body[i - 1];
    if (ch === undefined) return false;
    if (/[a-z]/i.test(ch)) return body[i - 2] !== '\\';
    if (ch === '|' || ch === '(') {
      const open = ch === '(' ? i - 1 : groupStart(body, i - 1);
      if (open < 0) return false;
      i = open;
      continue;
    }
    if (ch === ':' && body.slice(i - 3, i) === '(?:') {
      i -= 3;
      continue;
    }
    if (ch === '?' && body[i - 2] === '-') return /[a-z]/i.test(body[i - 3] ?? '');
    return false;
  }
}

/** Whether the run ending at `end` continues into required letters (a stem: "correlat\w*", "ack(?:nowledged|ed)", "(earlie|late)s"). */
function gluedAfter(body: string, end: number): boolean {
  const next = body.slice(end, end + 3);
  if (next.startsWith('|') || next.startsWith(')')) {
    const open = groupStart(body, end);
    if (open < 0) return false;
    const after = body.slice(groupEnd(body, open));
    return /^[a-z]/i.test(after);
  }
  if (next.startsWith('\\w') || next.startsWith('[a-z') || /^\[[a-z]/.test(next)) return true;
  if (next.startsWith('(')) {
    const close = groupEnd(body, end);
    const inside = body.slice(end, close);
    return !/^[?*]/.test(body.slice(close)) && !/\|\)$/.test(inside) && /^\((?:\?:)?[a-z]/.test(inside);
  }
  return false;
}

/** The whole words one pattern source reads, lower case, three letters or more. */
export function wordsOfPattern(body: string): string[] {
  const words: string[] = [];
  for (const m of body.matchAll(/[a-z]{3,}/gi)) {
    const at = m.index;
    if (body[at - 1] === '\\' || body.slice(at - 2, at) === '\\\\') continue;
    if (body.slice(at - 3, at) === '(?<' || body[at - 1] === '<') continue;
    if (gluedBefore(body, at) || gluedAfter(body, at + m[0].length)) continue;
    words.push(m[0].toLowerCase());
  }
  return words;
}

/** Every whole word the patterns of the planner's modules read, with the patterns that read it ("file#n"). */
export function plannerPatternWords(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  let n = 0;
  const addAll = (words: readonly string[], file: string): void => {
    n += 1;
    for (const word of words) found.set(word, (found.get(word) ?? new Set<string>()).add(`${file}#${n}`));
  };
  for (const file of readdirSync(PLANNER_DIR).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, PLANNER_DIR), 'utf8').replace(/^\s*(?:\/\/|\*|\/\*\*).*$/gm, '');
    for (const m of source.matchAll(REGEX_LITERAL)) if (/\\b|\||\(\?:/.test(m[1]!)) addAll(wordsOfPattern(m[1]!), file);
    // Strings are read once the regex literals are blanked: a quote inside a pattern ("/[’`]/") pairs with no string.
    for (const m of source.replace(REGEX_LITERAL, ' ').matchAll(PATTERN_STRING)) {
      const text = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\\\/g, '\\');
      if (/\\b|\(\?:|\(\?<[=!]/.test(text)) addAll(wordsOfPattern(text.replace(/\$\{[^}]*\}/g, ' ')), file);
    }
  }
  return found;
}
