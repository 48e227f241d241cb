// "pump 2 amps", "pmp 1 hrs", "filter 3 yday": a number right after a word that names a numbered thing of the catalog
// is that thing's number, not a clock time ("2 a" is not 02:00) nor a day. The time reading sees it masked.
import { limitNumberSpans } from './threshold-expression.ts';
import type { TagIndex } from './tag-catalog.ts';
import { stem } from './tag-catalog.ts';
import { MONTHS, MONTH_RE } from './time-words.ts';

/** Words after which a number places time or a value, never a thing ("from 3 to 5", "past 2 days", "above 4"). */
const LEADS =
  /^(?:at|on|to|from|till|til|until|since|between|and|or|by|before|after|around|about|approx|for|in|during|over|under|above|below|than|past|last|next|previous|prev|the|of|vs|versus|within|per|each|every|ago|thru|through|top|bottom|first|is|was|were|are|exceed|exceeded|exceeds|reach|reached|hit|limit|setpoint)$/;
/**
 * A number followed by these is a time, a date or a value with its unit, whatever stands before it; so is the first day
 * of a run of days with its month after ("flow 2-7 oct", "1.-7. okt" once "okt" reads "oct").
 */
const AFTER = new RegExp(
  `^\\s*(?:[:.,/]\\d|(?:am|pm|st|nd|rd|th|h|hrs?|hours?|mins?|minutes?|d|days?|w|wks?|weeks?|months?|%|bar|m3|m|l\\/s|l\\/h|${MONTH_RE})\\b|\\.?[-–]\\d{1,2}(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?(?:${MONTH_RE})\\b)`,
);

/** Per catalog: number -> the identifier letters and entity words of the numbered things it names (P02: "p"; BPS03: "station"). */
const families = new WeakMap<TagIndex, Map<number, { letters: Set<string>; words: Set<string> }>>();

function familiesOf(index: TagIndex): Map<number, { letters: Set<string>; words: Set<string> }> {
  let map = families.get(index);
  if (map) return map;
  map = new Map();
  const at = (num: number) => {
    let entry = map.get(num);
    if (!entry) map.set(num, (entry = { letters: new Set(), words: new Set() }));
    return entry;
  };
  for (const tag of index.tags) {
    for (const id of tag.ids) at(id.num).letters.add(id.letters);
    for (const entity of tag.entities ?? []) for (const id of entity.ids) for (const w of entity.words) at(id.num).words.add(w);
  }
  families.set(index, map);
  return map;
}

/**
 * The word before a number names a numbered thing of the catalog with that number (as the linker reads "pump 2",
 * "pmp 2", "station 3"), and is no word that puts a number in a time or value role ("from 3", "past 2", "above 4").
 */
export function numberOfThing(indexes: readonly TagIndex[], word: string, num: number): boolean {
  return !LEADS.test(word) && MONTHS[word] === undefined && namesNumbered(indexes, word, num);
}

function namesNumbered(indexes: readonly TagIndex[], word: string, num: number): boolean {
  const w = stem(word);
  return indexes.some((index) => {
    const entry = familiesOf(index).get(num);
    if (!entry) return false;
    if (entry.words.has(w)) return true;
    for (const letters of entry.letters) if (w === letters || (letters.length >= 1 && w.startsWith(letters) && w.length >= 2)) return true;
    return false;
  });
}

const PLACEHOLDER = '§';

/**
 * Masks the numbers that belong to a thing ("pump 2", "filter 3") so that no time rule reads them; `restore` puts them
 * back into a text of the same length (the time reading blanks what it read, keeping positions).
 */
export function maskAssetNumbers(text: string, indexes: readonly TagIndex[]): { text: string; restore: (masked: string) => string } {
  const masked: [number, string][] = [];
  for (const m of text.matchAll(/\b([a-z]+)\s+(\d{1,3})\b/g)) {
    const word = m[1] ?? '';
    const digits = m[2] ?? '';
    const end = (m.index ?? 0) + m[0].length;
    if (AFTER.test(text.slice(end))) continue;
    if (!numberOfThing(indexes, word, Number(digits))) continue;
    const start = end - digits.length;
    for (let i = 0; i < digits.length; i += 1) masked.push([start + i, digits[i] ?? '']);
  }
  // A limit after a comparison ("under 0.25 on 8 october", "climbed past 5.2 m on 21 october") is a value, never part of
  // a date or clock.
  for (const span of limitNumberSpans(text))
    for (let i = span.index; i < span.index + span.length; i += 1) if (/\d/.test(text[i] ?? '')) masked.push([i, text[i] ?? '']);
  if (masked.length === 0) return { text, restore: (t) => t };
  const chars = [...text];
  for (const [i] of masked) chars[i] = PLACEHOLDER;
  return {
    text: chars.join(''),
    restore: (t) => {
      const out = [...t];
      for (const [i, digit] of masked) if (out[i] === PLACEHOLDER) out[i] = digit;
      return out.join('');
    },
  };
}
