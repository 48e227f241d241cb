// A question's content words as tokens for linking: words, identifiers, and "word number" pairs such as "tank 1".
import { idForm, type IdForm } from './catalog-words.ts';

/** A question token: a word, an identifier, or a "word number" pair such as "tank 1". */
export interface QueryToken {
  text: string;
  /** Identifier form, when the token names a numbered thing (p2, tank 1, bps03). */
  id?: IdForm & { word?: string };
  /** What the word may also mean in catalog words (from the thesaurus): each alternative is a list of stemmed words. */
  alts?: string[][];
}

/** Turns the content words of a question into tokens, pairing "tank 1" / "pump 2" into identifiers. */
export function tokenize(words: readonly string[]): QueryToken[] {
  const out: QueryToken[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    const id = idForm(word);
    if (id) {
      out.push({ text: `${id.letters}${id.num}`, id });
    } else if (/^[a-z]+$/.test(word) && next !== undefined && /^\d+$/.test(next)) {
      out.push({ text: `${word} ${next}`, id: { letters: word, num: Number(next), word } });
      i += 1;
    } else if (/^\d+$/.test(word) && out.at(-1)?.id?.word) {
      // "pumps 2 and 3": the number goes with the word before the previous one.
      const family = out.at(-1)!.id!.word!;
      out.push({ text: `${family} ${word}`, id: { letters: family, num: Number(word), word: family } });
    } else if (word.length > 0) {
      out.push({ text: word });
    }
  }
  return out;
}
