// "p1" beside the alarms is priority 1 or pump P1: the pump reading is taken only when the question says it as surely
// as "priority 1" says the priority (a pump word, the asset path "BPS03 P1", or a measurement only that pump has).
import type { IndexedTag } from './tag-catalog.ts';
import { stem } from './tag-catalog.ts';
import { FILLER } from './question-lexicon.ts';
import type { Vocabulary } from './vocabulary.ts';

const PUMP_WORD_RE = /^(?:pumps?|pmps?)$/;

/** What the question says of the identifier at i ("p1") that a priority word may also be. */
export interface PumpReading {
  /** The tags that carry the identifier together with the other identifiers named (none: the priority). */
  tags: readonly IndexedTag[];
  /** The question says the pump: "pump p1", "p1 pump", "bps03 p1", "p1 current alarms". */
  said: boolean;
}

/**
 * How surely the word at i names a pump: the tags carrying its identifier and the other identifiers named (`others`,
 * as identifier keys "bps3"), and whether a word says it is the pump. A site named apart from it ("p1 alarms at wtp")
 * says which site, not that "p1" is the pump rather than the priority.
 */
export function readPump(
  tags: readonly IndexedTag[],
  vocabulary: Vocabulary,
  words: readonly string[],
  i: number,
  key: (w: string) => string,
  others: readonly string[],
): PumpReading {
  const id = key(words[i] ?? '');
  const carried = tags.filter((t) => t.terms.has(id) && others.every((o) => t.terms.has(o)));
  if (carried.length === 0) return { tags: carried, said: false };
  const before = words[i - 1] ?? '';
  const after = words[i + 1] ?? '';
  if (PUMP_WORD_RE.test(before) || PUMP_WORD_RE.test(after)) return { tags: carried, said: true };
  // "BPS03 P2", "wtp p1": written as the asset's path, site then pump.
  if (/\d/.test(before) && others.includes(key(before))) return { tags: carried, said: true };
  // A word the pump's tags carry and not every tag of its site ("current", "vib", "hl"): it names the pump or its
  // measurement; a word of the site itself ("treatment plant", "Sonnenhang") names where, as the identifiers do.
  const named = tags.filter((t) => others.every((o) => t.terms.has(o)));
  const siteOf = (c: IndexedTag): readonly IndexedTag[] => (c.info.site ? tags.filter((t) => t.info.site === c.info.site) : named);
  const readings = (w: string): string[] => [w, ...(vocabulary.terms.get(w) ?? [])];
  const pumpOnly = (w: string): boolean =>
    readings(w).some((r) => {
      const parts = r.split(/\s+/).map(stem);
      const has = (t: IndexedTag): boolean => parts.every((p) => t.terms.has(p));
      return carried.some((c) => has(c) && !siteOf(c).every(has));
    });
  const said = words.some(
    (w, j) =>
      j !== i && !/\d/.test(w) && !FILLER.has(w) && (w.length >= 3 || vocabulary.terms.has(w)) && !/^alarm|^alm/.test(w) && pumpOnly(w),
  );
  return { tags: carried, said };
}
