// Corrections typed inside one chat message: "t2 sorry t3 lvl", "bps1 p2 i mean p1 power", "dma 2 sry dma 3 inflow".
import { escapeRe } from './phrase-pattern.ts';

/** A marker used as an apology or a greeting, not a correction: "sorry to bother", "sorry for the spam". */
const NOT_A_CORRECTION = /^\s*(?:to|for|about|if|but|again|guys|all)\b/;

/**
 * The message with each correction applied: the thing after a marker (a name with its number, a bare number, or one
 * word) replaces the last thing of the same kind before it (the same letters with another number, another number, or
 * the word just before the marker); a marker with nothing before it or after it is dropped. `markers` come from the
 * thesaurus (lower case, longest first); `text` is the lower-cased question.
 */
export function applyCorrections(text: string, markers: readonly string[]): string {
  if (markers.length === 0) return text;
  // A marker that opens with a punctuation mark (", actually") follows a word directly; a word marker stands on its own.
  const alternatives = markers.map((m) => (/^[a-z0-9]/.test(m) ? `(?<![a-z0-9])${escapeRe(m)}` : escapeRe(m)));
  const re = new RegExp(`[\\s,;]*(?:${alternatives.join('|')})(?![a-z0-9])[\\s,;:.!-]*`);
  let out = text;
  for (let guard = 0; guard < 3; guard += 1) {
    const match = re.exec(out);
    if (!match) break;
    const before = out.slice(0, match.index);
    const after = out.slice(match.index + match[0].length);
    if (NOT_A_CORRECTION.test(after)) {
      out = `${before} ${after.replace(/^\s*(?:to bother(?: you)?|for the spam|about that)?/, '')}`;
      continue;
    }
    out = `${replaceLast(before, after)}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** `before` with its last thing of the kind of `after`'s first thing replaced by it, followed by the rest of `after`. */
function replaceLast(before: string, after: string): string {
  if (before.trim() === '') return after;
  const named = /^([a-z]+)\s*(\d+)(?![\w.])/.exec(after) ?? /^()(\d+(?:[.,]\d+)?)(?![\w.])/.exec(after);
  const unit = (named ?? /^\S+/.exec(after))?.[0];
  if (unit === undefined) return before;
  const rest = after.slice(unit.length);
  if (named) {
    const letters = named[1] ?? '';
    const same =
      letters === '' ? /(?<![\w.])\d+(?:[.,]\d+)?(?![\w.])/g : new RegExp(`(?<![a-z0-9])${escapeRe(letters)}\\s*\\d+(?![\\w.])`, 'g');
    const last = [...before.matchAll(same)].at(-1);
    if (last) {
      const tail = before.slice(last.index + last[0].length);
      const words = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);
      // "bps2 p1 amps sry p2 amps": the words after the name were typed again, so the message is retyped from the name.
      if (words(rest).some((w) => words(tail).includes(w))) return `${before.slice(0, last.index)}${after}`;
      return `${before.slice(0, last.index)}${unit}${tail}${rest}`;
    }
  }
  // Retyped words ("avg flow sorry max flow"): as many words as were retyped up to the last one before the marker.
  const last = /(\S+)\s*$/.exec(before)?.[1] ?? '';
  const retyped = after.trim().split(/\s+/).slice(1, 3).indexOf(last) + 2;
  if (retyped > 1) return `${before.replace(new RegExp(`(?:\\S+\\s+){${retyped - 1}}\\S+\\s*$`), '')}${after}`;
  // A word (or a name not typed before): it takes the place of the word just before the marker.
  return `${before.replace(/\S+\s*$/, '')}${unit}${rest}`;
}
