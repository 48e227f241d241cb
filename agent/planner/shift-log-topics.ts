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

/** What the entries must mention: every named thing of the plant, and one of the other subject words. */
export interface ShiftLogSubjects {
  /** Each thing of the catalog named ("bps3", "p2", "cl2"), as the spoken forms a note may write it in: all are required. */
  things: string[][];
  /** The other subject words ("bearing noise" -> noise, "rain events" -> rain, event): one of them is required. */
  topics: string[];
}

/** How the planner reads the words of the question: catalog things and their spoken forms, and typos read back. */
export interface SubjectReading {
  /** Whether a word names something of the catalog ("bps03", "t3", "analyser"). */
  namesThing?: (word: string) => boolean;
  /** The thesaurus' catalog words for a spoken form ("cl2" -> chlorine): other ways a note writes the thing. */
  termsOf?: (word: string) => readonly string[] | undefined;
  /** Typo corrections, by the word as written ("abt" -> about): a correction to a filler is no subject. */
  corrected?: ReadonlyMap<string, string>;
}

/** An identifier of the catalog written with or without its leading zeros ("p2", "p02"; "bps3", "bps03"). */
const ID_RE = /^([a-z]+)0*(\d{1,3})$/;

/** The forms a note may write a thing of the catalog in: the word, its identifier padded or not, its thesaurus words. */
function thingForms(word: string, reading: SubjectReading): string[] {
  // A spoken word of the thesaurus ("cl2" for chlorine) is written as its catalog words, never as an identifier.
  const terms = (reading.termsOf?.(word) ?? []).filter((t) => t.length > 2);
  const id = terms.length > 0 ? null : ID_RE.exec(word);
  const ids = id ? [`${id[1]}${id[2]}`, `${id[1]}${(id[2] ?? '').padStart(2, '0')}`] : [];
  return [...new Set([word, ...ids, ...terms])];
}

/**
 * The words the entries must mention: the content words that are neither `logWords`, fillers, event words nor numbers
 * ("shift log entries in August that mention rain" -> rain; "electrician rounds last week" -> round). A word the catalog
 * identifier is a thing every entry must mention ("ps3 p2 bearings": BPS03 and P02, and bearing); the other words,
 * catalog words among them, are one idea said in several words, any of which an entry may use ("radio link"). A chat form read as a filler ("abt" as
 * about, "re") is none.
 */
export function shiftLogSubjects(rest: string, logWords: ReadonlySet<string>, reading: SubjectReading = {}): ShiftLogSubjects {
  const things: string[][] = [];
  const topics: string[] = [];
  for (const written of rest.split(/[^a-z0-9]+/)) {
    const word = reading.corrected?.get(written) ?? written;
    if (FILLER.has(word) || logWords.has(word) || EVENT_WORDS.has(word) || /^\d+(?:st|nd|rd|th)?$/.test(word)) continue;
    // Only an identifier of the catalog ("bps3", "p2", "t3") is a thing every entry must name: a word of the catalog
    // ("chlorine", "plant", "pump") is one way among others a note says its subject ("the chlorine at the plant").
    if (ID_RE.test(word) && reading.namesThing?.(word) === true && !(reading.termsOf?.(word) ?? []).some((t) => t.length > 2)) {
      const forms = [...new Set([...thingForms(word, reading), ...(written.length > 2 ? [written] : [])])];
      if (!things.some((t) => t[0] === forms[0])) things.push(forms);
    } else if (written.length > 2 && !FILLER.has(written) && !logWords.has(written)) {
      // A plural names what its singular does ("rounds" -> round); the match is on the start of a word of the note.
      const topic = /[^s]s$/.test(written) && written.length > 4 ? written.slice(0, -1) : written;
      if (!topics.includes(topic)) topics.push(topic);
    }
  }
  return { things, topics };
}

/** The subject words as one list, every form of every thing first ("bps03", "p2", "p02", "bearing"). */
export function subjectWords(subjects: ShiftLogSubjects): string[] {
  return [...subjects.things.flat(), ...subjects.topics];
}

/** The plan's parts for the subjects: the things, the topics, and what stands in for topics no entry uses. */
export function subjectParts(
  subjects: ShiftLogSubjects,
  unusedSkip: string[] | undefined,
): { things?: string[][]; topics?: string[]; unusedTopicsSkip?: string[] } {
  return {
    ...(subjects.things.length > 0 ? { things: subjects.things } : {}),
    ...(subjects.topics.length > 0 ? { topics: subjects.topics } : {}),
    ...(subjects.things.length > 0 && subjects.topics.length > 0 && unusedSkip ? { unusedTopicsSkip: unusedSkip } : {}),
  };
}

/**
 * ' mentioning "bps03" (or "bps3") and "p2" (or "p02") and "bearing"', as the plan's understood text says it;
 * `readPast`: the topics narrow nothing when no entry of the log uses them.
 */
export function mentioning(subjects: ShiftLogSubjects, readPast: boolean): string {
  const quoted = (words: readonly string[]): string[] => words.map((w) => `"${w}"`);
  const things = subjects.things.map(
    ([first = '', ...others]) => `"${first}"${others.length > 0 ? ` (or ${quoted(others).join(', ')})` : ''}`,
  );
  const topics = quoted(subjects.topics).join(' or ');
  const unused = readPast && things.length > 0 ? ' (read past if no entry of the log uses it, routine entries then left out)' : '';
  const parts = [...things, ...(topics ? [`${topics}${unused}`] : [])];
  return parts.length > 0 ? ` mentioning ${parts.join(' and ')}` : '';
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

/**
 * The routine entries' opening words, to leave out when subject words no entry uses are read past ("T3 analyser stuck":
 * the handovers quote T3 and chlorine, and are no note of it); undefined when the question asks for a routine entry.
 */
export function routineOpeners(question: string): string[] | undefined {
  return /\b(?:handovers?|rounds?|checks?|verifications?)\b/.test(question) ? undefined : [...ROUTINE_OPENERS];
}

/** Words for a person that name nobody in particular: "did anyone note", "has someone logged". */
const ANY_PERSON = new Set('anyone anybody someone somebody everyone everybody nobody they you she them one'.split(' '));

/** Verbs of writing an entry ("what did sevgi write", "has dieter logged"), as a regular-expression alternation. */
export const WRITING_VERBS = 'write|wrote|written|note|noted|log|logged|report|reported|enter|entered';
/** Words between the writer and the verb that are no part of a name ("when did katrin last log"). */
export const WRITING_ADVERBS = '(?:last|ever|just|first)';

/**
 * "what did sevgi write", "when did katrin last log", "which notes did felix richter write": the writer between "did" and
 * a verb of writing (group 1), a first name or a full name.
 */
const WRITER_RE = new RegExp(
  String.raw`\b(?:did|has|had|does|have)\s+([a-z]{3,}(?:\s+(?!${WRITING_ADVERBS}\b)[a-z]{3,})?)\s+(?:${WRITING_ADVERBS}\s+)?(?:${WRITING_VERBS})\b`,
);

/**
 * "notes from dieter", "entries by anna", "what did sevgi write": the word after "from" or "by", or between "did" and the
 * writing, names who wrote them, when it is no word of the log, filler, time or catalog (`known`: "notes from bps3" are
 * about the station). The rest without it.
 */
export function readAuthor(rest: string, question: string, known: (word: string) => boolean): { author?: string; rest: string } {
  const match =
    /\b(?:from|by)\s+([a-z]{3,})\b/.exec(rest) ??
    new RegExp(String.raw`\b(${WRITER_RE.exec(question)?.[1]?.replace(/\s+/g, String.raw`\s+`) ?? '$^'})\b`).exec(rest);
  const name = match?.[1];
  if (!match || !name || name.split(/\s+/).some((w) => FILLER.has(w) || ANY_PERSON.has(w) || known(w))) return { rest };
  return { author: name, rest: rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length) };
}
