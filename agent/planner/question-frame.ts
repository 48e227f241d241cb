// The frame around a question: what the asker is about to do with the answer ("Before I write the handover: ...",
// "Monday handover: ...") or who wants it ("... - QA wants them"). A frame says why the question is asked, never what;
// it is blanked, so that its words name no tag and no time, and the rest keeps its place.
import { phraseAlternation } from './phrase-pattern.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The words a question opens with once its frame is said: a question word, or a request. */
const OPENING =
  '(?:how|which|what|when|where|who|whose|was|were|did|do|does|is|are|has|have|had|any|anything|anyone|list|show|give|tell|get|pull|can|could|pls|please)\\b';

/** A clause with no clock, number or question mark of its own, up to 8 words. */
const CLAUSE = "(?:[a-z][a-z'/]*)(?:\\s+[a-z][a-z'/]*){0,7}";

/**
 * "... - qa wants them", "... - the regulator asked for these": someone wanting the answer, said of it by a pronoun after
 * a dash at the end. The one who wants it is at most three words; the pronoun refers to the answer, so nothing else is asked.
 */
const WANTED_BY_RE =
  /\s[-–]\s+(?:[a-z]+\s+){1,3}(?:wants?|wanted|needs?|needed|asked for|asking for|requested|requests|requires?)\s+(?:it|them|this|these|that|those)\s*[.!]?\s*$/;

const leads = new WeakMap<Vocabulary, RegExp | null>();

/**
 * A lead clause before ": " that names what the answer is for (a purpose of the thesaurus: "before i write the handover",
 * "monday handover", "before i call the pump contractor"), followed by a whole question.
 */
function leadOf(vocabulary: Vocabulary): RegExp | null {
  let re = leads.get(vocabulary);
  if (re === undefined) {
    re =
      vocabulary.purposes.length === 0
        ? null
        : new RegExp(
            `^\\s*(?=${CLAUSE}:)(?:[a-z][a-z'/]*\\s+){0,6}?(?:${phraseAlternation(vocabulary.purposes)})(?:\\s+[a-z][a-z'/]*){0,3}\\s*:\\s+(?=${OPENING})`,
          );
    leads.set(vocabulary, re);
  }
  return re;
}

/**
 * The question with its frame blanked (a lead purpose clause, a trailing "X wants them"); unchanged without one. A lead
 * "for the <purpose>" is the purpose rule's (unplaced-words.ts): only the purpose right after it is read past, so a word
 * inserted before it ("for the net energy report:") is still named.
 */
export function dropFrames(text: string, vocabulary: Vocabulary): string {
  const blank = (found: string): string => ' '.repeat(found.length);
  const lead = /^\s*for\b/.test(text) ? null : leadOf(vocabulary);
  return (lead ? text.replace(lead, blank) : text).replace(WANTED_BY_RE, blank);
}
