// The question's text as the planner reads it (normalized, each word's reading recorded), and the asks it refuses first.
import { readClearedFirst } from './alarm-cleared-first.ts';
import type { ConversationTurn } from '../answer.ts';
import { readCatalogAsk } from './catalog-ask.ts';
import { readStateReport, unrecordedStateDecline, unrecordedStateWord } from './state-time.ts';
import { tripAlarmDecline, tripAlarmWord, tripAskDecline, tripAskWord } from './stopped-time.ts';
import { normalizeQuestion } from './normalize-question.ts';
import { rankOrdinalReason, readRankOrdinal } from './rank-limit.ts';
import { ALARM_RE, LIST_OF_VALUES_RE, NON_PLANNER_RE } from './question-lexicon.ts';
import { numberOfThing } from './asset-numbers.ts';
import { comparesPeriods } from './period-pair.ts';
import { withShortForms } from './short-asset-forms.ts';
import { namesCatalogThing } from './compound-words.ts';
import { readShape } from './shape-cues.ts';
import { exactCountWords } from './together-check.ts';
import { dropHarmless } from './unplaced-words.ts';
import { dropFrames } from './question-frame.ts';
import { readInstrumentNumber } from './instrument-numbers.ts';
import type { TagIndex } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';
import { knownOf, timeOf, type PlanContext, type PlannerCatalog } from './planner-catalog.ts';
import type { Planned } from './planned.ts';

/** The normalized question and what normalizing it read in another form than written. */
export interface QuestionText {
  text: string;
  /** Typo corrections as the plan's "understood" names them ('"tmeperature" as "temperature"'). */
  corrections: string[];
  /** Typo corrections, read back to what was written: the words a shift-log note must mention are matched as written. */
  typos: Map<string, string>;
  /** Verb forms of catalog nouns ("flowed", "pumped"): they narrow where tags carry the noun and are dropped elsewhere. */
  verbal: Set<string>;
  /** Plurals read as their singular ("PRV positions"): the question still asks about several things. */
  plurals: Set<string>;
}

/** One planning pass over a question: what it was asked against, and what normalizing it read. */
export interface PlanPass extends Omit<QuestionText, 'text'> {
  /** The question as passed to this pass (a follow-up may have been rewritten). */
  question: string;
  /** The normalized question, before any cue was blanked from it. */
  original: string;
  catalogs: readonly PlannerCatalog[];
  indexes: readonly TagIndex[];
  ctx: PlanContext;
  previous: ConversationTurn | undefined;
  vocabulary: Vocabulary;
}

/** Normalizes the question; every word read in another form goes into readings (declines quote what was written). */
export function readQuestionText(
  question: string,
  catalogs: readonly PlannerCatalog[],
  indexes: readonly TagIndex[],
  ctx: PlanContext,
  vocabulary: Vocabulary,
  readings: Map<string, string>,
): QuestionText {
  const corrections: string[] = [];
  const typos = new Map<string, string>();
  const verbal = new Set<string>();
  const plurals = new Set<string>();
  const text = normalizeQuestion(question, {
    synonyms: withShortForms(ctx.synonyms, indexes),
    shifts: ctx.shifts,
    vocabulary,
    known: knownOf(catalogs),
    numbered: (word, num) => numberOfThing(indexes, word, num),
    names: (part) => namesCatalogThing(part, indexes, vocabulary),
    instrument: (word) => readInstrumentNumber(word, indexes, vocabulary),
    onCorrection: (from, to) => {
      corrections.push(`"${from}" as "${to}"`);
      readings.set(from, to);
      typos.set(to, from);
    },
    onRewrite: (from, to) => readings.set(from, to),
    onLemma: (from, to, kind) => {
      readings.set(from, to);
      if (kind === 'verb') verbal.add(to);
      if (kind === 'plural') plurals.add(to);
    },
  });
  // Politeness and purpose ("thanks in advance", "for the regulator") say how the question is asked, never what.
  // So does the frame around it ("before i write the handover: ...", "... - qa wants them"): question-frame.ts.
  return { text: dropHarmless(dropFrames(text, vocabulary), vocabulary), corrections, typos, verbal, plurals };
}

/** Declines what no plan computes, before any cue is read: another kind of ask, an unrecorded state, stops, ordinals. */
export function beyondPlannerDecline(text: string, question: string, ctx: PlanContext, tripRecorded = false): Planned | null {
  const listsValues = ALARM_RE.test(text) || LIST_OF_VALUES_RE.test(text) || readCatalogAsk(text) !== null;
  // "alarms that cleared before anyone acked": the order of an alarm's clear and acknowledgement is an alarm filter.
  const read = ALARM_RE.test(text) ? (readClearedFirst(text)?.text ?? text) : text;
  const outside = NON_PLANNER_RE.exec(listsValues ? read.replace(/\blist\b/g, 'show') : read);
  // "difference between yesterday and the day before": between two periods, the change is a shape of the planner.
  const periodsCompared = (): boolean => readShape(text)?.cue.kind === 'change' || comparesPeriods(text, timeOf(ctx));
  if (outside && !(outside[0] === 'difference between' && periodsCompared()))
    return {
      kind: 'decline',
      reason: `"${outside[0]}" asks for more than the planner's shapes (values, aggregates, series, thresholds, run-hours, rankings, alarms)`,
    };
  // "how long was P1 tripped", "MTBF of P2": a state no running status records (state-time.ts).
  const unrecorded = unrecordedStateWord(question, readStateReport(text)?.report ?? null);
  if (unrecorded) return unrecordedStateDecline(unrecorded);
  // "how many times did P1 trip", "any trips o/n": a trip, which no tag records (stopped-time.ts); stops are counted.
  // A trip the shift log tells of ("log entries about the bps2 trip") is what the notes must mention.
  const asksNotes = (): boolean => readShape(text)?.cue.kind === 'shift-log';
  const alarms = /\b(?:alarm|alert)s?\b/.test(text);
  const trips = alarms || asksNotes() ? null : tripAskWord(text);
  if (trips) return tripAskDecline(trips);
  // "any trip alarms o/n": the journal's alarms are limit crossings, none a trip (stopped-time.ts), unless it records a
  // trip condition, which the alarm conditions then read (alarm-conditions.ts).
  const trip = alarms && !asksNotes() && !tripRecorded ? tripAlarmWord(text) : null;
  if (trip) return tripAlarmDecline(trip);
  // "only one pump running": exactly n at once, which no answer computes (an overlap is at least n).
  const exact = exactCountWords(text);
  if (exact)
    return {
      kind: 'decline',
      reason: `I could not place "${exact}": the quick planner finds when at least a number of things ran together, not exactly that number`,
    };
  const ordinal = readRankOrdinal(text);
  if (ordinal) return { kind: 'decline', reason: rankOrdinalReason(ordinal) };
  return null;
}

/** The text with the first match of re blanked to spaces (offsets kept), and the match. */
export function blankMatch(text: string, re: RegExp): { text: string; match: RegExpExecArray | null } {
  const match = re.exec(text);
  if (!match) return { text, match };
  return { text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length), match };
}
