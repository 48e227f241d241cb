// What shift-log entries must mention: the question's subject words ("notes about rain" -> rain), less the generic
// words that name no subject ("the chlorine problem" is about chlorine), and whether routine entries are left out.
import { FILLER } from './question-lexicon.ts';

/**
 * Words that say there was something, not what: no note is about "the problem", and a filter on them finds whatever
 * note happens to use the word. Said of a subject ("the chlorine issue"), they ask for the notes of an event.
 */
const EVENT_WORDS = new Set(
  'problem problems issue issues trouble troubles incident incidents stuff thing things matter situation'.split(' '),
);

/**
 * The opening words of routine entries: the handover each shift writes and the daily or weekly rounds and checks. They
 * quote readings ("final chlorine 0.84 mg/L") and are no notes of an event.
 */
const ROUTINE_OPENERS: readonly string[] = ['handover', 'daily', 'weekly', 'monthly', 'routine'];

/**
 * The words the entries must mention: the content words that are neither `logWords`, fillers, event words nor numbers
 * ("shift log entries in August that mention rain" -> rain; "electrician rounds last week" -> round).
 */
export function shiftLogTopics(rest: string, logWords: ReadonlySet<string>): string[] {
  const words = rest
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !FILLER.has(w) && !logWords.has(w) && !EVENT_WORDS.has(w) && !/^\d+(?:st|nd|rd|th)?$/.test(w));
  // A plural names what its singular does ("rounds" -> round); the match is on the start of a word of the note.
  return [...new Set(words.map((w) => (/[^s]s$/.test(w) && w.length > 4 ? w.slice(0, -1) : w)))];
}

/**
 * "the chlorine problem", "any issue with CL01": an event word beside a subject asks for the notes of that event, so the
 * routine entries (ROUTINE_OPENERS) are left out; undefined when no event word is said or no subject remains, or the
 * question asks for a routine entry itself ("handover", "round").
 */
export function routineSkipped(rest: string, topics: readonly string[], question: string): string[] | undefined {
  if (topics.length === 0 || !rest.split(/[^a-z0-9]+/).some((w) => EVENT_WORDS.has(w))) return undefined;
  if (/\b(?:handovers?|rounds?|checks?|verifications?)\b/.test(question)) return undefined;
  return [...ROUTINE_OPENERS];
}

/** Words for a person that name nobody in particular: "did anyone note", "has someone logged". */
const ANY_PERSON = new Set('anyone anybody someone somebody everyone everybody nobody they you she them one'.split(' '));

/** "what did sevgi write", "when did katrin last log": the writer between "did" and a verb of writing (group 1). */
const WRITER_RE =
  /\b(?:did|has|had|does|have)\s+([a-z]{3,})\s+(?:(?:last|ever|just|first)\s+)?(?:write|wrote|written|note|noted|log|logged|report|reported|enter|entered)\b/;

/**
 * "notes from dieter", "entries by anna", "what did sevgi write": the word after "from" or "by", or between "did" and the
 * writing, names who wrote them, when it is no word of the log, filler, time or catalog (`known`: "notes from bps3" are
 * about the station). The rest without it.
 */
export function readAuthor(rest: string, question: string, known: (word: string) => boolean): { author?: string; rest: string } {
  const match =
    /\b(?:from|by)\s+([a-z]{3,})\b/.exec(rest) ?? new RegExp(String.raw`\b(${WRITER_RE.exec(question)?.[1] ?? '$^'})\b`).exec(rest);
  const name = match?.[1];
  if (!match || !name || FILLER.has(name) || ANY_PERSON.has(name) || known(name)) return { rest };
  return { author: name, rest: rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length) };
}
