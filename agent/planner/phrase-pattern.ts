// Regular-expression pieces built from vocabulary data: a word or phrase matched literally, and a list of phrases as
// one alternation whose spaces match any run of white space (or `gap`).

/** `text` with every regular-expression metacharacter escaped, to be matched literally. */
export const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The phrases as one alternation ("a|b c"), each matched literally, a space in a phrase matching `gap`. */
export const phraseAlternation = (phrases: readonly string[], gap = '\\s+'): string =>
  phrases.map((p) => escapeRe(p).replace(/ /g, gap)).join('|');
