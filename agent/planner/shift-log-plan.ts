// Plans a shift-log question: the window (a shift named as "nights", "lates"; the newest entries when none is named),
// and what the entries must mention ("notes about rain", "electrician rounds"). Read through the guard like any table.
import type { Plan, Decline } from './plan.ts';
import { NUMBER_WORDS } from './number-words.ts';
import { FILLER } from './question-lexicon.ts';
import { makeWindow, resolveTime, type ShiftDefinition, type TimeParse } from './time-window.ts';
import { formatShort } from './zoned-time.ts';
import { shiftSpansIn } from './shift-spans.ts';
import {
  mentioning,
  readAuthor,
  routineOpeners,
  routineSkipped,
  shiftLogSubjects,
  subjectParts,
  subjectWords,
} from './shift-log-topics.ts';
import type { SubjectReading } from './shift-log-topics.ts';
import type { ResolvedWindow } from '../answer.ts';

/** How far back "the latest handover" looks when no window is named, ms. */
const LATEST_LOOKBACK_MS = 7 * 86_400_000;

/** How far back entries about a subject are searched when no window is named, ms (TOPIC_LOOKBACK_MS / day = 90). */
const TOPIC_LOOKBACK_MS = 90 * 86_400_000;

/** The longest window one shift's name may stand for, ms: a day (25 h on the day summer time ends). */
const MAX_SHIFT_DAY_MS = 25 * 3_600_000;

/**
 * Words of a shift-log question that ask for the log itself, its people, its writing or how often it is written ("weekly
 * rounds" are the rounds: every weekly note is not one of them), never a subject of the notes.
 */
export const LOG_WORDS: ReadonlySet<string> = new Set(
  (
    'log logs logged logbook book notes note noted entries entry remarks remark diary report reports reported rpt wrote write written up down ' +
    'writes say says said mention mentions mentioned mentioning about regarding re concerning subject related ' +
    'shift shifts handover handovers hand over ovr duty call charge operator operators crew crews control room people person ' +
    'whom whose electrician electricians electrical fitter technician mechanic supervisor ' +
    'working worked work covered took manning did do had have was were is who what anything something ' +
    'end start beginning morning afternoon evening night nights late lates early earlies earlys day latest last newest recent most ' +
    'frm pls show me tell give pull pulled bring find grab retrieve print check read want need know lemme gimme ' +
    'daily weekly monthly routine regular usual ' +
    'crew crews team teams member members staff colleague colleagues guys people lot'
  ).split(/\s+/),
);

/** Words after a shift's name that say its people: "the late crew", "night team". */
const CREW_WORDS = String.raw`(?:crew|crews|team|teams|staff|gang|guys|people|lot)`;

/**
 * "nights", "lates", "earlies", "the late crew": the shift of that name ("who had nights on the 28th"). The names are
 * the configured shifts' (and the morning and afternoon a site may call them); a singular "night" is a time, not a shift.
 */
function shiftNounRe(shifts: readonly ShiftDefinition[]): RegExp {
  const names = [...new Set([...shifts.map((s) => s.name.toLowerCase()), 'morning', 'afternoon'])]
    .map((n) => n.replace(/[^a-z0-9]/g, ''))
    .filter((n) => n.length > 0);
  const earlie = names.includes('early') ? '|earlie' : '';
  return new RegExp(String.raw`\b(${names.join('|')}${earlie})(?:s\b|\s+${CREW_WORDS}\b)|\bearlies\b`);
}

/**
 * "shift report", "shift log": the word "shift" there names the log, not a shift ("yesterday's shift report" is the day's;
 * "shift rpt nights 2 oct" the night shift's), unless a shift is named before it ("the last shift log", "night shift notes").
 */
function logCompoundRe(shifts: readonly ShiftDefinition[]): RegExp {
  const which = ['last', 'previous', 'prev', 'current', 'this', ...shifts.map((s) => s.name.toLowerCase().replace(/[^a-z0-9]/g, ''))];
  return new RegExp(
    String.raw`(?<!\b(?:${which.join('|')})\s+)\bshift(?=\s+(?:log|logs|notes?|report|reports|rpt|book|entries|handovers?|diary)\b)`,
    'g',
  );
}

/**
 * "latest handover", "last entry", "the last 3 handover notes", "when did katrin last write": the newest entries, as many
 * as said (group 1).
 */
const LATEST_RE =
  /\b(?:latest|newest|most recent|last)\b(?:\s+([a-z]+|\d+))?(?=(?:\s+\w+){0,2}?\s+(?:handovers?|notes?|entry|entries|logs?)\b|\s+(?:write|wrote|written|noted|logged|entered|reported)\b)/;

/** The most entries "the last N" may ask for: a count beyond it is no number of entries ("last 2026 entries"). */
const MAX_LATEST = 20;

/** How many newest entries the question asks for: "the last 3 handovers" 3, "latest handover" 1; null when none. */
function latestCount(question: string): number | null {
  const match = LATEST_RE.exec(question);
  if (!match) return null;
  const said = match[1] === undefined ? undefined : /^\d+$/.test(match[1]) ? Number(match[1]) : NUMBER_WORDS[match[1]];
  return said !== undefined && said >= 1 && said <= MAX_LATEST ? said : 1;
}

/** "nights", "the night shifts", "night shift": a shift's name said in the question, whatever else is said of it. */
function namedShift(question: string, shifts: readonly ShiftDefinition[]): ShiftDefinition | undefined {
  return shifts.find((s) => {
    const name = s.name.toLowerCase().replace(/[^a-z0-9]/g, '');
    return new RegExp(String.raw`\b${name}(?:s\b|\s+shifts?\b|\s+${CREW_WORDS}\b)|\b${name === 'early' ? 'earlies' : '$^'}\b`).test(
      question,
    );
  });
}

/**
 * "who did the late on monday", "worked the early yesterday": a shift's name after a verb of working and "the", with no
 * noun after it, is that shift ("the early hours" is a time of day, and names one).
 */
function bareShiftRe(shifts: readonly ShiftDefinition[]): RegExp {
  const names = shifts.map((s) => s.name.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((n) => n.length > 0 && n !== 'night');
  return new RegExp(
    String.raw`(?<=\b(?:did|do|does|doing|had|has|have|worked|working|covered|covering|took|taking|ran|running|on)\s+the\s+)(${names.join('|')})\b(?=\s+(?:on|yesterday|yday|today|last|this|mon|tue|wed|thu|fri|sat|sun|\d)|\s*\??$)`,
  );
}

/** The words among those that asked for the log that are neither log words, fillers nor shift names ("sat"). */
function unreadWords(words: string, shifts: readonly ShiftDefinition[]): string[] {
  const names = new Set(shifts.flatMap((s) => [s.name.toLowerCase(), `${s.name.toLowerCase()}s`]));
  return words.split(/[^a-z0-9']+/).filter((w) => w.length > 0 && !FILLER.has(w) && !LOG_WORDS.has(w) && !names.has(w));
}

/** Log words that also say a time: "last week" taken by "on duty last week" stays a time. */
const TIME_LOG_WORDS = new Set('last latest newest recent most end start beginning morning afternoon evening night nights day'.split(' '));

/** The words among those that asked for the log that are no log words ("this week" of "shifts this week log"). */
function unloggedWords(words: string): string {
  return words
    .split(/[^a-z0-9']+/)
    .filter((w) => w.length > 0 && (!LOG_WORDS.has(w) || TIME_LOG_WORDS.has(w)))
    .join(' ');
}

export interface ShiftLogInput {
  /** The source that maps a shift log, with its name, and the log's table. */
  source: string | undefined;
  table?: string | undefined;
  /** The normalized question before its time was read, and the window read from it. */
  question: string;
  time: TimeParse | null;
  /** The text left once the shift-log words and the time were blanked. */
  rest: string;
  words: string;
  /** How the words are read: catalog things ("notes from bps3" are about it, not by it), their spoken forms, typos. */
  reading?: SubjectReading;
  ctx: { now: Date; timezone: string; shifts: readonly ShiftDefinition[] };
}

/**
 * The entries of every shift of that name that started in the window ("who was on nights last week"), with the topics
 * asked; a decline when none started in it. The newest N are not read here ("last 3 handovers from nights last week").
 */
function shiftsOfWindow(input: ShiftLogInput, shift: ShiftDefinition, window: ResolvedWindow): Plan | Decline {
  const { ctx } = input;
  const name = shift.name.toLowerCase();
  const spans = shiftSpansIn(shift, new Date(window.from), new Date(window.to), ctx.now, ctx.timezone);
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return { kind: 'decline', reason: `no ${name} shift started in ${window.label}` };
  if (latestCount(input.question) !== null)
    return {
      kind: 'decline',
      reason: `"${input.words.trim()}": the newest entries of the ${name} shifts of ${window.label} is more than I read; ask for one shift`,
    };
  const subjects = shiftLogSubjects(input.rest, LOG_WORDS, input.reading);
  const label = `the ${spans.length} ${name} shift${spans.length === 1 ? '' : 's'} of ${window.label}`;
  const about = mentioning(subjects, false);
  return {
    kind: 'plan',
    source: input.source!,
    tags: [],
    window: makeWindow(first.from, last.to, ctx.timezone, label),
    operation: {
      kind: 'shift-log',
      ...subjectParts(subjects, undefined),
      spans: spans.map((s) => ({ from: s.from.toISOString(), to: s.to.toISOString() })),
    },
    understood: `shift log entries${about}, ${label}`,
  };
}

/**
 * "who was on shift when the cl2 went low", "what did the log say when p2 tripped": a "when" with what happened after
 * it, not opening the question, names an event as the time (group 1), which the log is not read by.
 */
const EVENT_TIME_RE =
  /\b(when\s+(?:[a-z0-9]+\s+){0,6}?(?:[a-z]+ed|went|was|were|got|fell|rose|broke|burst|dropped|tripped|found|hit|lost|came|stopped|started|failed)\b(?:\s+[a-z0-9]+)*)/;

/** "who ackd the alarm", "who acknowledged the cl2 alarm", "who cleared it": the person behind an alarm's handling. */
const WHO_ACKED_RE =
  /\bwho\s+(?:(?:has|had|did|was|actually|first)\s+)?(?:ack(?:nowledged|ed|d|s)?|acknowledges|cleared|clrd|reset|silenced|accepted)\b(?=.*\b(?:alarms?|alerts?|trips?)\b)/;

/** "who handed over the early shift", "who did the handover on lates": the person who wrote that shift's handover. */
const WHO_HANDOVER_RE = /\bwho\s+(?:(?:did|wrote|made|gave|had|done)\s+(?:the\s+)?)?handovers?\b/;

/** "who was on shift yesterday", "shift notes last night", "who had nights on the 28th": the log's entries in the window. */
export function planShiftLog(input: ShiftLogInput): Plan | Decline {
  const { ctx } = input;
  // "who ackd the cl2 alarm yesterday": the person who acknowledged an alarm, which the alarm journal does not record;
  // the crew on shift is no answer to it.
  const acker = WHO_ACKED_RE.exec(input.question);
  if (acker)
    return {
      kind: 'decline',
      reason: `I could not place "${acker[0]}": the alarm journal records when an alarm was acknowledged or cleared, not who did it (it has no operator column), and the shift log's notes do not say either; ask when it was acknowledged`,
    };
  if (!input.source) return { kind: 'decline', reason: `"${input.words.trim()}" asks for the shift log, and no source maps one` };
  // "who was on shift when the cl2 went low on 8/10": the time of an event is no window the log is read by; the
  // event's words are no subject of the notes either ("low" would find any note saying low).
  const event = /^\s*when\b/.test(input.question) ? null : EVENT_TIME_RE.exec(input.rest.replace(/\s+/g, ' '));
  if (event?.[1])
    return {
      kind: 'decline',
      reason: `"${event[1]}": the shift log is read by day or shift, not by when something happened; say the day and shift (e.g. "early shift on 8 oct"), or ask when it happened first`,
      ...(input.table ? { reads: { source: input.source, table: input.table } } : {}),
    };
  // "nite shift sat log", "night shifts this wk log": the words that asked for the log took the day from between them,
  // and no time was read. The whole question's time, else a decline: the last 24 hours are not the window asked.
  const taken = input.time ? [] : unreadWords(input.words, ctx.shifts).filter((w) => !new RegExp(`\\b${w}\\b`).test(input.rest));
  const timeTaken = taken.length > 0 || (!input.time && unloggedWords(input.words) !== '');
  const retaken = timeTaken ? resolveTime(input.question, ctx, { edges: false }) : null;
  if (taken.length > 0 && retaken?.kind !== 'range')
    return {
      kind: 'decline',
      reason: `I could not place ${taken.map((w) => `"${w}"`).join(', ')} in "${input.words.trim()}"; say the day apart, e.g. "night shift log on saturday"`,
    };
  // "the handover at the end of the night shift": the log of that shift, not of one moment at its end.
  let time = input.time?.kind === 'instant' ? (resolveTime(input.question, ctx, { edges: false }) ?? input.time) : (input.time ?? retaken);
  // "nights on the 28th", "the late shift handover on the 21st": the shift of that day, not the whole day (the words
  // that asked for the log may have taken "shift" from beside the shift's name).
  const question = input.question.replace(logCompoundRe(ctx.shifts), 'log');
  const noun = shiftNounRe(ctx.shifts).exec(question) ?? bareShiftRe(ctx.shifts).exec(question);
  const shiftName = noun ? ctx.shifts.find((s) => s.name.toLowerCase() === (noun[1] ?? 'early').replace(/^earlie$/, 'early')) : undefined;
  // "nights last week", "the night shifts this week": every shift of that name that started in the window.
  const named = shiftName ?? namedShift(question, ctx.shifts);
  if (named && time?.kind === 'range' && Date.parse(time.window.to) - Date.parse(time.window.from) > MAX_SHIFT_DAY_MS)
    return shiftsOfWindow(input, named, time.window);
  const latestAsked = latestCount(input.question);
  // "the latest night shift handover": the last shift of that name that has ended, its newest entries.
  if (!time && named && latestAsked !== null) time = resolveTime(`last ${named.name.toLowerCase()} shift`, ctx, { edges: false });
  // "notes from nights", "what did the late crew write": no day named, the last shift of that name.
  if (!time && shiftName) time = resolveTime(`${shiftName.name.toLowerCase()} shift`, ctx, { edges: false });
  const retimed =
    time?.kind === 'range'
      ? resolveTime(noun && shiftName ? question.replace(noun[0], `${shiftName.name.toLowerCase()} shift`) : question, ctx, {
          edges: false,
        })
      : null;
  const inside = (t: TimeParse): boolean =>
    t.kind === 'range' &&
    Date.parse(t.window.to) - Date.parse(t.window.from) < 86_400_000 &&
    time !== null &&
    Date.parse(t.window.from) >= Date.parse(time.window.from) &&
    Date.parse(t.window.from) < Date.parse(time.window.to);
  if (retimed && /\bshift\b/.test(retimed.window.label) && inside(retimed)) time = retimed;
  if (time?.kind === 'instant')
    return {
      kind: 'decline',
      reason: `"${input.words.trim()}" asks for the shift log; say which day or shift, e.g. "yesterday" or "last night"`,
    };
  const latest = latestAsked !== null && (!time || (named !== undefined && /\bshift\b/.test(time.window.label))) ? latestAsked : null;
  const handover = /\bhandovers?\b/.test(`${input.words} ${input.question}`);
  const shiftNames = new Set(ctx.shifts.flatMap((s) => [s.name.toLowerCase(), `${s.name.toLowerCase()}s`]));
  const { author, rest } = readAuthor(
    input.rest,
    input.question,
    (w) => LOG_WORDS.has(w) || shiftNames.has(w) || input.reading?.namesThing?.(w) === true,
  );
  const said = shiftLogSubjects(rest, LOG_WORDS, input.reading);
  // "the last 3 handovers", "who handed over the early shift": the handover entries, not every entry of the shift.
  const handoverAsked = handover && (latest !== null || WHO_HANDOVER_RE.test(input.question));
  const subjects = {
    things: said.things,
    topics: [...said.topics, ...(handoverAsked && !said.topics.includes('handover') ? ['handover'] : [])],
  };
  const topics = subjectWords(subjects);
  // A subject or a writer asked for: entries searched, however old ("the latest note about the burst").
  const searched = subjectWords(said).length > 0 || author !== undefined;
  // "the T3 chlorine analyser": a thing named with a subject asks for notes of it; the routine entries quote every tank
  // and the chlorine, and are none (unless a routine entry is what is asked for).
  const skipRoutine =
    latest !== null
      ? undefined
      : (routineSkipped(rest, topics, input.question) ??
        (said.things.length > 0 && said.topics.length > 0 && !handoverAsked ? routineOpeners(input.question) : undefined));
  // No window named: a subject or a writer searched for over the last 90 days ("who wrote up the main break", "when did
  // katrin last log": the event may be weeks old, and the label says how far back was read); else the newest entries
  // of the last week when the latest is asked for; else the last 24 hours (the last three handovers).
  const now = formatShort(ctx.now, ctx.timezone);
  const window =
    time?.window ??
    (latest !== null && !searched
      ? makeWindow(new Date(ctx.now.getTime() - LATEST_LOOKBACK_MS), ctx.now, ctx.timezone, `up to ${now}`)
      : searched || topics.length > 0
        ? makeWindow(
            new Date(ctx.now.getTime() - TOPIC_LOOKBACK_MS),
            ctx.now,
            ctx.timezone,
            `the last 90 days up to ${now}, as no period was named`,
          )
        : makeWindow(new Date(ctx.now.getTime() - 86_400_000), ctx.now, ctx.timezone, `last 24 hours up to ${now}`));
  // Beside the things named, topics no entry uses narrow nothing (routine entries then left out, unless already).
  const unusedSkip = latest !== null || handoverAsked ? undefined : skipRoutine ? [] : routineOpeners(input.question);
  const about = `${mentioning(subjects, unusedSkip !== undefined)}${skipRoutine ? ', routine handovers and rounds left out' : ''}${author ? `, written by an operator named like "${author}"` : ''}`;
  return {
    kind: 'plan',
    source: input.source,
    tags: [],
    window,
    operation: {
      kind: 'shift-log',
      ...subjectParts(subjects, unusedSkip),
      ...(latest !== null ? { latest } : {}),
      ...(skipRoutine ? { skipRoutine } : {}),
      ...(author ? { author } : {}),
    },
    understood: `${latest === null ? 'shift log entries' : latest === 1 ? 'the newest shift log entry' : `the ${latest} newest shift log entries`}${about}, ${window.label}`,
  };
}
