// Plans a shift-log question: the window (a shift named as "nights", "lates"; the newest entries when none is named),
// and what the entries must mention ("notes about rain", "electrician rounds"). Read through the guard like any table.
import type { Plan, Decline } from './plan.ts';
import { FILLER } from './question-lexicon.ts';
import { makeWindow, resolveTime, type ShiftDefinition, type TimeParse } from './time-window.ts';
import { formatShort } from './zoned-time.ts';

/** How far back "the latest handover" looks when no window is named, ms. */
const LATEST_LOOKBACK_MS = 7 * 86_400_000;

/** Words of a shift-log question that ask for the log itself, its people or its writing, never a subject of the notes. */
const LOG_WORDS = new Set(
  (
    'log logs logged logbook book notes note noted entries entry remarks remark diary report reports reported wrote write written ' +
    'writes say says said mention mentions mentioned mentioning about regarding re concerning subject related ' +
    'shift shifts handover handovers hand over ovr duty call charge operator operators crew crews control room people person ' +
    'whom whose electrician electricians electrical fitter technician mechanic supervisor ' +
    'working worked work covered took manning did do had have was were is who what anything something ' +
    'end start beginning morning afternoon evening night nights late lates early earlies earlys day latest last newest recent most ' +
    'frm pls show me tell give pull pulled bring find grab retrieve print check read want need know lemme gimme ' +
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

/** "latest handover", "last entry", "most recent note": the newest entry. */
const LATEST_RE = /\b(?:latest|newest|most recent|last)\b(?=(?:\s+\w+){0,2}\s+(?:handover|note|notes|entry|entries|log)\b)/;

/**
 * The words the entries must mention: the question's content words that are neither log words, fillers nor times
 * ("shift log entries in August that mention rain" -> rain; "electrician rounds last week" -> round).
 */
export function shiftLogTopics(rest: string): string[] {
  const words = rest
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !FILLER.has(w) && !LOG_WORDS.has(w) && !/^\d+(?:st|nd|rd|th)?$/.test(w));
  // A plural names what its singular does ("rounds" -> round); the match is on the start of a word of the note.
  return [...new Set(words.map((w) => (/[^s]s$/.test(w) && w.length > 4 ? w.slice(0, -1) : w)))];
}

export interface ShiftLogInput {
  /** The source that maps a shift log, with its name. */
  source: string | undefined;
  /** The normalized question before its time was read, and the window read from it. */
  question: string;
  time: TimeParse | null;
  /** The text left once the shift-log words and the time were blanked. */
  rest: string;
  words: string;
  ctx: { now: Date; timezone: string; shifts: readonly ShiftDefinition[] };
}

/** "who was on shift yesterday", "shift notes last night", "who had nights on the 28th": the log's entries in the window. */
export function planShiftLog(input: ShiftLogInput): Plan | Decline {
  const { ctx } = input;
  if (!input.source) return { kind: 'decline', reason: `"${input.words.trim()}" asks for the shift log, and no source maps one` };
  // "the handover at the end of the night shift": the log of that shift, not of one moment at its end.
  let time = input.time?.kind === 'instant' ? (resolveTime(input.question, ctx, { edges: false }) ?? input.time) : input.time;
  // "nights on the 28th", "the late shift handover on the 21st": the shift of that day, not the whole day (the words
  // that asked for the log may have taken "shift" from beside the shift's name).
  const question = input.question.replace(logCompoundRe(ctx.shifts), 'log');
  const noun = shiftNounRe(ctx.shifts).exec(question);
  const shiftName = noun ? ctx.shifts.find((s) => s.name.toLowerCase() === (noun[1] ?? 'early').replace(/^earlie$/, 'early')) : undefined;
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
  const latest = !time && LATEST_RE.test(input.question);
  const handover = /\bhandovers?\b/.test(`${input.words} ${input.question}`);
  const topics = [...shiftLogTopics(input.rest), ...(latest && handover ? ['handover'] : [])];
  // No window named: the newest entry when the latest is asked for, else the last 24 hours (the last three handovers).
  const window =
    time?.window ??
    (latest
      ? makeWindow(new Date(ctx.now.getTime() - LATEST_LOOKBACK_MS), ctx.now, ctx.timezone, `up to ${formatShort(ctx.now, ctx.timezone)}`)
      : makeWindow(
          new Date(ctx.now.getTime() - 86_400_000),
          ctx.now,
          ctx.timezone,
          `last 24 hours up to ${formatShort(ctx.now, ctx.timezone)}`,
        ));
  const about = topics.length > 0 ? ` mentioning ${topics.map((t) => `"${t}"`).join(' or ')}` : '';
  return {
    kind: 'plan',
    source: input.source,
    tags: [],
    window,
    operation: { kind: 'shift-log', ...(topics.length > 0 ? { topics } : {}), ...(latest ? { latest: 1 } : {}) },
    understood: `${latest ? 'the newest shift log entry' : 'shift log entries'}${about}, ${window.label}`,
  };
}
