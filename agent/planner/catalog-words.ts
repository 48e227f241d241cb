// How catalog text becomes terms: names split into lower-case words, plurals stemmed, numbered identifiers ("BPS03",
// "pump 1") read as letters and number, and the words of an asset kind and of what a tag measures.
import type { TagInfo } from '../../connectors/connector.ts';
import { KIND_SYNONYMS } from './question-lexicon.ts';

/** An identifier-like token split into letters and number: "BPS03" -> {letters:"bps", num:3}. */
export interface IdForm {
  letters: string;
  num: number;
}

/** A numbered identifier as a whole term: letters, an optional `_` or `-`, digits (leading zeros dropped). */
export const ID_RE = /^([a-z]+)[_-]?0*(\d+)$/;

/** Splits names like "BPS03/P02/DischargePressure" or "L_T1" into lower-case terms. */
export function splitTerms(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9%³²°]+/)
    .filter((t) => t.length > 0);
}

/** Plural to singular, simply: "stations" -> "station", "batteries" -> "battery". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The identifier form of a term ("bps03" -> {letters:"bps", num:3}), or undefined. */
export function idForm(term: string): IdForm | undefined {
  const match = ID_RE.exec(term);
  return match ? { letters: match[1] ?? '', num: Number(match[2]) } : undefined;
}

/** The asset kind's words and their synonyms ("tank" -> tank, reservoir). */
export function kindTerms(kind: string | undefined): string[] {
  if (!kind) return [];
  const words = splitTerms(kind).map(stem);
  return [...words, ...words.flatMap((w) => KIND_SYNONYMS[w] ?? [])];
}

/** The stemmed words of what a tag measures: its measurement column, else the last part of its name. */
export function measurementTerms(info: TagInfo): string[] {
  return splitTerms(info.measurement ?? info.name.split(/[/.]/).at(-1) ?? '').map(stem);
}

/**
 * What a group's tags measure: the measurement column, else the last path segment when the name is a path, else the
 * description (or name) without numbers and numbered identifiers ("Tank 1 level" and "Tank 2 level" -> "tank level").
 */
export function measurementKey(info: TagInfo): string {
  if (info.measurement) return info.measurement.toLowerCase();
  const parts = info.name.split(/[/.]/);
  if (parts.length > 1) return (parts.at(-1) ?? '').toLowerCase();
  return splitTerms(info.description ?? info.name.replace(/\d+/g, ' '))
    .filter((t) => !/\d/.test(t))
    .join(' ');
}
