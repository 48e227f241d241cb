// Reads which shape beyond one statistic per tag a question asks for (first crossing, running together, correlation,
// change over a period, which bucket, night flow, shift log) and blanks the words that asked, so they name no tag.
import type { ResolvedWindow } from '../answer.ts';
import type { Bucket } from './plan.ts';
import { namesLimit } from './limit-words.ts';
import { NOW_RE } from './question-lexicon.ts';
import { COMPARED_SAME_TIME } from './same-time-rule.ts';
import { readThreshold } from './threshold-expression.ts';
import { STRETCH_TIMES_RE } from './threshold-report.ts';
import { MONTH_RE } from './time-words.ts';
import { readAllBuckets, readCountedBuckets } from './counted-buckets.ts';
import { WRITING_ADVERBS, WRITING_VERBS } from './shift-log-topics.ts';
import { HELD_STATE } from './modifier-words.ts';
import { readGroupStopped } from './group-state.ts';
import { readGroupMixed } from './group-mixed-state.ts';
import { readStateEvents, type StateEvent } from './state-events.ts';
import { readStopAsk } from './stopped-time.ts';
import { readLastRun } from './last-run.ts';
import { LAST_EVENT_RE } from './lookback-window.ts';
import { readAtLeastCount } from './together-counts.ts';
import { readNightFlowCue } from './night-flow-cue.ts';

/** The shape a question asks for, as far as its words tell (the tags and the window decide the rest). */
export type ShapeCue =
  /** `one`: a first, last or "which" asked ("which bps01 pump started first"): over a group, the one that did it first. */
  | { kind: 'crossing'; event?: 'start' | 'stop'; last?: boolean; one?: true; words: string }
  /** `state`: the state every one of them is in at once (`stopped`: "both off", "no hl pump running"); else running. */
  /** `anchor`: a window set by another event ("when p1 tripped"), which no plan reads: declined by name. */
  /** `state.stopped`: the words naming the members asked stopped, the others running ("p1 & p2 on but p3 off"). */
  | { kind: 'together'; words: string; atLeast?: number; state?: 'stopped' | { stopped: string }; anchor?: string }
  | { kind: 'correlation'; words: string }
  /**
   * The time of every start and / or stop ("at what times did the hl pumps start and stop"): a list; with `count`, how
   * many per tag ("how many times did P2 stop").
   */
  /** `any`: whether any stopped ("any pumps stop o/n"): every site's, each row naming its tag. */
  | { kind: 'events'; events: StateEvent[]; words: string; count?: true; any?: true }
  /** A status tag's newest run, searched back ("how long did hl p2 run last time it ran"): last-run.ts. */
  | { kind: 'last-run'; words: string }
  /** `previous`: the earlier period as named ("5-11 oct vs 12-18 oct"); without it, the window one `period` earlier. */
  | { kind: 'change'; period: Bucket; previous?: ResolvedWindow; words: string }
  /** `limit`: how many buckets a count asked for ("which 3 hours"); `all`: every bucket ("rank the days"); else one. */
  | { kind: 'bucket-rank'; bucket: Bucket; order: 'asc' | 'desc'; limit?: number; all?: boolean; words: string }
  /** `previous`: an earlier period the nights are compared with ("MNF last week vs the week before"). */
  /** `before`: compared with the period one day (week, month) earlier ("MNF last night vs the night before"). */
  | { kind: 'night-flow'; words: string; order?: 'asc' | 'desc'; previous?: ResolvedWindow; before?: Bucket }
  | { kind: 'shift-log'; words: string };

const STOP_WORDS =
  /\b(stop(?:ped|p|s)?|trip(?:ped|s)?|went off|go(?:es)? off|switch(?:ed)? off|turn(?:ed)? off|shut (?:down|off)|fail(?:ed)?|cut out)\b/;
/** "last started", "latest time it tripped", "most recently went above": the last crossing, not the first. */
const LAST_CROSSING =
  /\b(?:last|latest|most recent(?:ly)?)\s+(?:time\s+)?(?:(?:it|that|the pump|they)\s+)?(?=start|stop|trip|went|go|switch|turn|shut|came|come|kick|cut|fail|rose|rise|fell|fall|drop|exceed|cross|hit|reach|dip|sank|sink|slip|climb|breach|recover|back|got|get)/;
const START_WORDS =
  /\b(start(?:ed|s|d)?|restart(?:ed)?|came on|come on|(?:c[oa]me |went |go |got )?back (?:on(?:line)?|in service|into service)|returned to service|switch(?:ed)? on|turn(?:ed)? on|kick(?:ed)? in|cut in|beg[ia]n)\b/;
/**
 * A "when" anywhere ("clrwell lvl fell undr 1.2 m wen", "below low alarm when?"), or "the last time", beside a limit
 * or a start/stop: the moment it happened. Not "when was X above L", "X when below L": that asks for the stretches (a
 * threshold).
 */
const LOOSE_WHEN_RE =
  /\b(?:wh?en|what time|at what time|time ?stamp)\b(?!\s+(?:was|were|is|are|below|under|above|over|beneath|<|>)(?:\s|\b))|\b(?:the\s+)?(?:first|1st|earliest|last|latest|most recent)\s+(?:time|tym|tme)\b/;
/** A dip or spike beyond a limit: an excursion that comes back, a stretch rather than a moment. */
const EXCURSION_VERB_RE = /\b(?:dip|dips|dipped|dipping|spike|spikes|spiked|spiking)\b/;
/** A "first" before a word that is no period ("1st breached", not "1st-5th sep", "first week of oct", "1st oct"). */
const FIRST_EVENT_RE = new RegExp(
  String.raw`\b(?:first|1st|earliest)\b(?=\s+(?!(?:of|the|half|week|wk|weekend|day|days|month|quarter|hour|hr|shift|night|nite|${MONTH_RE})\b)[a-z])`,
);
/** "which bps01 pump stopped last yesterday": the last after the event word (not "stopped last week"). */
const LAST_AFTER_EVENT_RE = new RegExp(
  String.raw`(?<=\b(?:start(?:ed|s)?|stop(?:ped|s)?)\s+)(?:last|lst|latest)\b(?!\s+(?:\d+\s+)?(?:weeks?|wks?|months?|mnths?|days?|nights?|nites?|hours?|hrs?|years?|shifts?|quarter|weekend|time|(?:mon|tues|wednes|thurs|fri|satur|sun)day|${MONTH_RE})\b)`,
);
/** "first", "last" (not of a period: "last week"), "most recent": one crossing, so one stretch, is asked. */
const ONE_STRETCH_RE = new RegExp(
  String.raw`\b(?:first|1st|earliest|latest|most recent|(?:last|lst)(?!\s+(?:\d+\s+)?(?:weeks?|wks?|months?|mnths?|mths?|days?|nights?|nites?|hours?|hrs?|years?|shifts?|quarter|weekend|\w+day|${MONTH_RE})\b))\b`,
);
/** "first time", "the 1st time", "earliest" left once a crossing is read: the first crossing, which is the default. */
const FIRST_WORDS_RE = /\b(?:(?:for\s+)?(?:the\s+)?(?:first|1st|earliest)(?:\s+(?:time|tym|tme))?)\b/g;
const LAST_WORD_RE = /\b(?:last|latest|most recent)\b/;
/**
 * "come back above 2 bar", "got back below 4.2 m", "recovered to over 0.3": a return across a limit is a crossing into the
 * side named (the first after being on the other side); the return words name no tag.
 */
const RETURN_RE =
  /\b(?:(?:c[oa]me|went|go(?:es)?|got|gets?|getting|is|was|were)\s+)?back(?:\s+up|\s+down)?\b(?=\s+(?:to\s+)?(?:above|over|below|under|beneath|>|<)\b)|\brecover(?:ed|s|ing|y)?\b(?:\s+to\b)?/g;

/**
 * "when did ...", "what time did ...", "at what time ...", "first went below", "time ... went over", and chat's "trip time",
 * "stopped when" (the event word stays for the event). Not "when was X above L": that asks for the stretches above it
 * (a threshold).
 */
const CROSSING_RE =
  /\b(?:when|what time|at what time|wh?en)\s+(?:did|does|do|has|had)\b|(?:what time|at what time)\s+(?:was|were)\b|^(?:time|when)\b(?=.*\b(?:went|go|rose|fell|dropped|crossed|exceeded)\b)|\b(?:first|earliest)\b(?=\s+(?:time\s+)?(?:went|go|rose|fell|dropped|exceeded|crossed|below|above|over|under)\b)|\b(?:first|earliest)(?:\s+time)?\b(?=.*\b(?:went|go(?:es)?|rose|rise|fell|fall|dropped|drop|exceed(?:ed|s)?|crossed|cross|hit|reached|reach|below|above|over|under)\s+-?\d)|\bwhen\s*[,?]?\s*(?=(?:last|this|yesterday|on|in)\b)|\b(?:wh?en|what time)\s+(?:was|were|is|got)\b(?=.*\b(?:start|stop|switch|turn|shut|trip|kick|cut|restart|back (?:on|in service|into service)\b)\w*)|\b(?=(?:trip|stop|start|restart)(?:ped|ed|s)?\s+(?:time|when|at what time)\b)/;
/**
 * "all 3 hl pumps running", "hl pumps all three on at once": all of a counted group running is them running together; the
 * count is the group's size, never an asset number ("all 3" is not P03), and "on" before a day is their state on it
 * ("all 3 hl pmps on sat 10/10 hrs"), and so is "on" before what is asked of the stretches ("hl all 3 on longest sep").
 * Not their run hours ("all 3 pumps run hrs on sat").
 */
const ALL_COUNT = String.raw`all\s+(?:two|three|four|[2-4])\b(?=(?:\s+(?!(?:run|runtime|hrs?|hours?)\b)[a-z0-9][a-z0-9_-]*){0,6}?\s+(?:running|ran|run(?!\s*(?:hours?|hrs?|h|time|times|count)\b)|on(?=\s*(?:$|[,?.!]|together|at once|simultaneously|longest|how lo?ng|how many|hrs?|hours|mins|minutes|yday|yesterday|today|last|this|when|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d|the\s+\d|o\/n|overnight)))\b)`;
/**
 * "hl p1 w/ p3 since mon hrs", "p2 ran with p3": one numbered thing with another is the two running together, unless
 * the other is held in a state ("p2 running w/ p1 stopped": a condition, modifier-words.ts).
 */
const WITH_OTHER = String.raw`(?<=\b[a-z]*\d+(?:\s+(?:running|ran|run|on))?\s*)(?:w\/|with)(?=\s*(?:the\s+)?[a-z]*\d+\b(?!\s+${HELD_STATE}\b))`;
const TOGETHER_RE = new RegExp(
  String.raw`${WITH_OTHER}|\b(?:together|simultaneous(?:ly)?|(?:at )?(?:the )?same time${COMPARED_SAME_TIME}|at once|concurrent(?:ly)?|in parallel|parallel(?!\s+(?:to|with|pipes?|lines?|trains?|filters?|circuits?)\b)|co-?running|overlap(?:ped|ping|s)?|both\b(?=(?:\s+[a-z0-9][a-z0-9_-]*){0,8}\s+(?:running|ran|run|on)\b)|${ALL_COUNT})`,
);
/**
 * Two signals that "move together", "go together", "rise and fall together", "move in step": a correlation, not things
 * running at once.
 */
const MOVE_TOGETHER_RE =
  /\b(?:move(?:s|d)?|moving|go(?:es)?|vary|varied|rise and fall|change(?:s|d)?)\s+(?:together|in\s+(?:step|sync|lockstep|tandem))\b/;
/** The words that ask how two signals go together ("r" only first, before a second side: "r T3 lvl vs DMA04 inflow"). */
const CORRELATION_WORDS =
  '(?:move(?:s|d)?|moving|go(?:es)?|vary|varied|rise and fall|change(?:s|d)?)\\s+(?:together|in\\s+(?:step|sync|lockstep|tandem))|in (?:step|sync|lockstep) with|co-?var(?:y|ies|ied)|(?:cross-?)?correlat\\w*|correl|corr|co-?relat\\w*|pearson|r between|r value|r-value|relationships?|(?:relation|link|connection|association|dependence) (?:between|of)|(?:relate|related|relates|linked|associated) (?:to|with)|linked|how (?:\\w+ )?(?:related|linked|connected)|track(?:s|ed)?|follow(?:s|ed)?|move(?:s|d)? with|depend(?:s|ed)? on|dependent on|driven by|drive by';
const CORRELATION_RE = new RegExp(`\\b(?:${CORRELATION_WORDS}|(?:^|(?<=\\bthe\\s))r(?=\\s+\\S+.*\\s(?:vs|versus|and|against|with)\\s))\\b`);
/** Said beside a correlation word: its coefficient, and how strongly two signals go together. */
const CORRELATION_EXTRA_RE =
  /\b(?:coeff?\w*|how (?:well|closely|strongly|tightly|much|far)|(?:strong|close|tight|good)(?:ly)?(?= (?:correlat|relat|link|track|follow)))\b/;
const CHANGE_RE =
  /\b(day|week|month)-over-(?:day|week|month)\b|\b(?:vs\.?|versus|compared? (?:to|with)|than|against|from|over|on|relative to|to|(?<!^\s*)and|with)\s+(?:the\s+)?(?:(day|week|month) before(?!\s+(?:last|yesterday))|previous (day|week|month)|prior (day|week|month)|preceding (day|week|month))\b/;
/**
 * The same part of an earlier period: "vs same day last week", "against the same time a week earlier", "compared with
 * the same day of the previous month". The change is then over the period named elsewhere, one week (month) earlier.
 */
const SAME_PART_RE =
  /\b(?:(?:vs\.?|versus|compared? (?:to|with)|than|against|over|on|relative to|to|and|with)\s+)?(?:the\s+)?same\s+(?:day|date|time|hours?|period|days|weekday|week)\s+(?:(?:of|in)\s+)?(?:the\s+)?(?:(?:last|previous|prior|preceding|a|one)\s+)?(week|month)(?:\s+(?:before|earlier|ago|prior))?\b/;
/** "sunday against the sunday before", "this monday vs last monday": a weekday against the one a week earlier. */
const WEEKDAY_BEFORE_RE =
  /\b(?:vs\.?|versus|compared? (?:to|with)|than|against|relative to|to|and|with)\s+(?:the\s+)?(?:(?:last|previous|prior)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(?:before|prior|earlier)|(?:previous|prior|preceding)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/;
const BUCKET_NOUN = '(hour|day|date|week|month)';
const BUCKET_RANK_RE = new RegExp(
  `\\b(?:which|what)\\s+${BUCKET_NOUN}\\b|\\b${BUCKET_NOUN}\\s+(?:with|had|has|of)\\s+the\\s+(?:highest|lowest|most|least|max|min|peak|maximum|minimum|biggest|smallest|worst|best)\\b|\\b(?:peak|busiest|quietest|worst|best|top|bottom)\\s+${BUCKET_NOUN}\\b(?!\\s+of\\b)`,
);
const SHIFT_LOG_RE =
  /\b(?:shift[\s-]?(?:log|logs|notes?|book|reports?|rpts?|entries|handovers?)|log ?book|handover notes?|who (?:was|were|is) (?:on|working)(?: the)? shift|who (?:was|were|is) (?:on|working)(?= (?:the )?\w+ shift)|who (?:was|were) on (?:duty|shift|call)|on (?:duty|shift) (?:at|in|on|yesterday|today|last))\b/;
/** Who is asked for: "who", or "which operator", "what crew member", "which engineer". */
const PERSON = String.raw`(?:who|(?:which|what)\s+(?:operators?|crew\s+members?|crews?|persons?|people|teams?|staff|colleagues?|(?:shift\s+)?engineers?))`;
/**
 * The shift log named less directly: what the operators or the shift wrote or noted, the log (book) of a shift, who
 * worked or was on duty (the operators' names are in the log), the handover.
 */
const SHIFT_LOG_LOOSE_RE = new RegExp(
  String.raw`\b(?:(?:operators?|crews?|shifts?|control room)\b(?:\s+[a-z]+){0,3}\s+(?:wrote|write|written|noted|note|notes|logged|log|logs|said|say|reported|entries|entry|book|diary|remarks?)|(?:log|notes?|entries|remarks?|handover)\b(?=(?:\s+[a-z]+){0,4}\s+(?:shifts?|operators?|crews?|teams?|nights|lates|earlies|earlys)\b)|handovers?|${PERSON}\s+(?:was|were|is)?\s*(?:working|worked|on duty|on call|in charge|manning|running the (?:plant|shift))|${PERSON}\s+(?:had|did|covered|took|worked|ran|manned)(?=\s+(?:the\s+)?(?:\w+\s+)?shift\b)|operators? on (?:duty|shift)|which operators?|operator names?)\b`,
);
/**
 * A person asked for ("who ...", "the electrician"): names are only in the shift log. "who was duty pump" asks for a
 * piece of equipment, not a person.
 */
const SHIFT_LOG_PERSON_RE =
  /\bwho\b(?!\s+(?:was|is|were|'s)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:pumps?|pmps?|tanks?|valves?|filters?|meters?|analy[sz]ers?)\b)|\b(?:electricians?|fitters?|technicians?|mechanics?)\b(?!\s*(?:power|energy|kw|current|amps?|consumption)\b)/;
/**
 * Notes named with their subject ("any notes about the burst", "entries mentioning rain", "notes on the chlorine issue",
 * "notes on bps3 p2": an identifier), what was noted or written about something, or what "the log" said: the notes are
 * the shift log's.
 */
const SHIFT_LOG_SUBJECT_RE =
  /\b(?:notes?|log entries|logbook entries|entries|remarks)\b(?=\s+(?:about|regarding|re|concerning|mentioning|on the subject of|on (?:the|a|an|that|[a-z]*\d[a-z\d]*)\b|(?:from|by)\s+[a-z]{3,}\b))|\blog\s+(?:say|says|said|mention|mentions|mentioned)\b|\b(?:was|were|anything|something)\s+(?:noted|written(?:\s+(?:down|up))?)(?=\s+(?:about|on|re|regarding|concerning)\b)/;
/**
 * The log said bare ("log sat nite", "logs o/n", "burst notes in the log") and the writing of a person ("what did sevgi
 * write", "which notes did felix richter write") and what was logged ("rain events logged in sept"): no tag is a log, so the word names the shift log, unless it says which other log
 * (the alarm or event log is the alarm journal's) or is the water-treatment "log" of a removal value.
 */
const SHIFT_LOG_BARE_RE = new RegExp(
  String.raw`(?<!\b(?:alarms?|alms?|alerts?|events?|data|audit|error|errors|system|trend|historian|sequence|soe|journal|tag)\s+)\b(?:log|logs|logbook)\b(?!\s*(?:removal|reduction|credits?|scale|values?|files?)\b)|` +
    String.raw`(?<=\b(?:did|has|had|does|have)\s+[a-z]{3,}\s+(?:[a-z]{3,}\s+)?(?:${WRITING_ADVERBS}\s+)?)(?:${WRITING_VERBS})\b|` +
    String.raw`(?<!\b(?:alarms?|alms?|alerts?|trips?|data|values?|readings?|samples?|points?|audit|errors?|system|historian|journal|tags?)\s+)\blogged\b`,
);
/** A statistic of a signal: what a number is asked for, which no shift-log entry holds. */
const STATISTIC_RE = /\b(?:average|avg|mean|max|maximum|min|minimum|median|peak|highest|lowest|total|sum)\b/;
/** Events the shift log records and no tag measures: they stay in the question, as what the entries must mention. */
const SHIFT_LOG_EVENT_RE = /\b(?:rounds?|call[- ]?outs?|site visits?)\b/;
const LOW_WORDS = /\b(lowest|least|min|minimum|smallest|quietest|fewest|bottom)\b/;

const BUCKETS: Record<string, Bucket> = { hour: 'hour', day: 'day', date: 'day', week: 'week', month: 'month' };

function blank(text: string, match: RegExpExecArray): string {
  return text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
}

/** The shape cue of a normalized question and the question with its shape words blanked; null when none is asked. */
export function readShape(text: string): { cue: ShapeCue; text: string } | null {
  const log =
    SHIFT_LOG_RE.exec(text) ??
    SHIFT_LOG_LOOSE_RE.exec(text) ??
    SHIFT_LOG_PERSON_RE.exec(text) ??
    SHIFT_LOG_SUBJECT_RE.exec(text) ??
    SHIFT_LOG_BARE_RE.exec(text);
  // "for my shift handover I need the average chlorine at T2": a statistic is a number the notes do not hold, so the
  // log words there say what the number is for, not what is asked ("who was on shift when ..." still asks the log).
  if (log && !(STATISTIC_RE.test(blank(text, log)) && !/\bwho\b/.test(text)))
    return { cue: { kind: 'shift-log', words: log[0] }, text: blank(text, log) };
  const event = SHIFT_LOG_EVENT_RE.exec(text);
  if (event) return { cue: { kind: 'shift-log', words: event[0] }, text };
  const nightFlow = readNightFlowCue(text);
  if (nightFlow) return nightFlow;
  // "both off", "all stopped at the same time", "no hl pump running": the group together in its stopped state; "p1 & p2
  // on but p3 off", "hl p1 running w/ p2 off": each member in its own state at once (group-mixed-state.ts).
  const stopped = readGroupStopped(text);
  const mixed = stopped ? null : readGroupMixed(text);
  const state = stopped ?? mixed;
  if (state) {
    const rest = state.text
      .replace(new RegExp(TOGETHER_RE.source, 'g'), (w) => ' '.repeat(w.length))
      .replace(new RegExp(STRETCH_TIMES_RE.source, 'g'), (w) => ' '.repeat(w.length));
    const anchor = stopped?.anchor ? { anchor: stopped.anchor } : {};
    return { cue: { kind: 'together', words: state.words, state: mixed ? { stopped: mixed.stopped } : 'stopped', ...anchor }, text: rest };
  }
  const atLeast = readAtLeastCount(text);
  if (atLeast) {
    const n = atLeast.count;
    const rest = blank(text, atLeast).replace(new RegExp(TOGETHER_RE.source, 'g'), (w) => ' '.repeat(w.length));
    return {
      cue: { kind: 'together', words: atLeast[0], atLeast: atLeast[1] === 'more than' || atLeast[1] === 'over' ? n + 1 : n },
      text: rest,
    };
  }
  const together = MOVE_TOGETHER_RE.test(text) ? null : TOGETHER_RE.exec(text);
  if (together) {
    // Every together word goes ("both on at once"): the shape's, not a tag's; so do words asking for the stretches'
    // times ("in parallel 22nd, from-to"), which the together answer lists.
    const rest = text
      .replace(new RegExp(TOGETHER_RE.source, 'g'), (w) => ' '.repeat(w.length))
      .replace(new RegExp(STRETCH_TIMES_RE.source, 'g'), (w) => ' '.repeat(w.length));
    return { cue: { kind: 'together', words: together[0] }, text: rest };
  }
  const correlation = CORRELATION_RE.exec(text);
  if (correlation) {
    // "T2 level tracks BPS01 flow": the verb stands between the two sides, as "vs" would.
    // Not after "A and B" ("were A and B linked in September"): the two sides are already apart.
    const apart = /\b(?:and|vs|versus|with)\b/.test(text.slice(0, correlation.index)) || MOVE_TOGETHER_RE.test(correlation[0]);
    const between =
      !apart &&
      /^(?:relate|related|relates|linked|associated|track|tracks|tracked|follow|follows|followed|move|moves|moved|depend|depends|depended|dependent|driven|drive)\b/.test(
        correlation[0],
      );
    let rest = between
      ? `${text.slice(0, correlation.index)} vs ${text.slice(correlation.index + correlation[0].length)}`
      : blank(text, correlation);
    // The words that say the same again ("follow ... give me the correlation", "correl coeff") and the degree asked
    // ("how well", "how closely correlated"): the shape's, not a tag's.
    rest = rest.replace(new RegExp(`\\b(?:${CORRELATION_WORDS})\\b|${CORRELATION_EXTRA_RE.source}`, 'g'), (w) => ' '.repeat(w.length));
    return { cue: { kind: 'correlation', words: correlation[0] }, text: rest };
  }
  const change = CHANGE_RE.exec(text);
  if (change) {
    const period = BUCKETS[change[1] ?? change[2] ?? change[3] ?? change[4] ?? change[5] ?? 'day'] ?? 'day';
    return { cue: { kind: 'change', period, words: change[0] }, text: blank(text, change) };
  }
  const same = SAME_PART_RE.exec(text);
  // "T2 lvl now vs same time last week": the value at that moment (same-time-rule.ts), not a period's statistic.
  if (same && !(/\btime\b/.test(same[0]) && NOW_RE.test(text)))
    return { cue: { kind: 'change', period: BUCKETS[same[1] ?? 'week'] ?? 'week', words: same[0] }, text: blank(text, same) };
  const weekday = WEEKDAY_BEFORE_RE.exec(text);
  if (weekday) return { cue: { kind: 'change', period: 'week', words: weekday[0] }, text: blank(text, weekday) };
  // "which 3 hours", "top 3 hrs", "the 2 days ... with the lowest": the first few buckets.
  const counted = readCountedBuckets(text);
  if (counted) {
    const { bucket, limit, words } = counted;
    return { cue: { kind: 'bucket-rank', bucket, order: LOW_WORDS.test(text) ? 'asc' : 'desc', limit, words }, text: counted.text };
  }
  // "rank the days last week by ...", "busiest hrs", "daily kWh, highest first": every bucket, in order.
  // Not "list the days last week with T1 below 2 m": the days beyond a limit (threshold-report.ts).
  const every = readThreshold(text) === null && !namesLimit(text) ? readAllBuckets(text) : null;
  if (every) {
    const order = every.order ?? (LOW_WORDS.test(text) ? 'asc' : 'desc');
    return { cue: { kind: 'bucket-rank', bucket: every.bucket, order, all: true, words: every.words }, text: every.text };
  }
  // "which day did T1 go above 5.3 m", "on which dates ... exceed 15 NTU": the days beyond a limit (threshold-report.ts),
  // not the day ranked by a statistic; "which day had the highest level" has no limit.
  const bucket = BUCKET_RANK_RE.exec(text);
  if (bucket && !(/^(?:which|what)\s/.test(bucket[0]) && (readThreshold(text) !== null || namesLimit(text)))) {
    const noun = BUCKETS[bucket[1] ?? bucket[2] ?? bucket[3] ?? 'day'] ?? 'day';
    const order = LOW_WORDS.test(text) ? 'asc' : 'desc';
    return { cue: { kind: 'bucket-rank', bucket: noun, order, words: bucket[0] }, text: blank(text, bucket) };
  }
  // "at what times did the hl pumps start and stop", "list the starts of p2": every event's time.
  const listed = readStateEvents(text);
  if (listed)
    return {
      cue: { kind: 'events', events: listed.events, words: listed.words },
      text: listed.text,
    };
  // "how many times did bps3 p2 stop", "any pumps stop o/n": the stops counted, or each one (a trip declined before).
  const stops = readStopAsk(text);
  if (stops)
    return {
      cue: { kind: 'events', events: ['stop'], words: stops.words, ...(stops.count ? { count: true as const } : { any: true as const }) },
      text: stops.text,
    };
  // "when did bps3 p1 last run and for how long", "last run of P03": the newest run, with its start, end and hours.
  const lastRun = readLastRun(text);
  if (lastRun) return { cue: { kind: 'last-run', words: lastRun.words }, text: lastRun.text };
  // "T2 lvl 1st breached 4 m", "first start of P01": a first beside a limit or a start/stop asks for the moment too.
  // "from when to when", "when and how long": the stretches' times (threshold-report.ts), no crossing.
  const whenWord = LOOSE_WHEN_RE.exec(text) ?? FIRST_EVENT_RE.exec(text);
  const limited = readThreshold(text) !== null || namesLimit(text);
  // "when did T1 go above 5.2 m and for how long": every stretch answers both; a crossing would drop "how long". With a
  // "first" or "last" one stretch is asked, which no report computes: the crossing's plan declines the "how long".
  // "did cl2 dip below 0.3 thu? when": a dip goes beyond the limit and back, so when it did is each one's from-to; "what
  // time" asks one clock time, the crossing ("dipped under 0.25 what time").
  const dips = EXCURSION_VERB_RE.test(text) && /\bwh?en\b/.test(text) && !/\bwhat time\b/.test(text);
  const stretches =
    STRETCH_TIMES_RE.test(text) || (limited && (/\bhow\s+lo?ng\b(?!\s+ago)/.test(text) || dips) && !ONE_STRETCH_RE.test(text));
  const crossing = stretches
    ? null
    : (CROSSING_RE.exec(text) ??
      (whenWord && (limited || STOP_WORDS.test(text) || START_WORDS.test(text)) ? whenWord : null) ??
      LAST_EVENT_RE.exec(text) ??
      LAST_AFTER_EVENT_RE.exec(text));
  if (crossing) {
    let rest = blank(text, crossing)
      .replace(RETURN_RE, (w) => ' '.repeat(w.length))
      .replace(FIRST_WORDS_RE, (w) => ' '.repeat(w.length));
    const lastMatch = LAST_CROSSING.exec(rest) ?? /\b(?:for )?(?:the )?(?:last|latest|most recent) time\b/.exec(rest);
    if (lastMatch) rest = blank(rest, lastMatch);
    const last = lastMatch ?? LAST_WORD_RE.exec(crossing[0]);
    const stop = STOP_WORDS.exec(rest);
    const start = START_WORDS.exec(rest);
    const event = stop && (!start || stop.index < start.index) ? stop : start;
    if (event) rest = blank(rest, event);
    const cue: ShapeCue = {
      kind: 'crossing',
      words: crossing[0],
      ...(event ? { event: event === stop ? 'stop' : 'start' } : {}),
      ...(last ? { last: true } : {}),
      ...(ONE_STRETCH_RE.test(text) || /\bwhich\b/.test(text) ? { one: true as const } : {}),
    };
    return { cue, text: rest };
  }
  return null;
}

/**
 * A "last", "latest" or "most recent" left over once the window is read ("last" of "last week" is gone by then): the
 * last crossing. Null when none is left.
 */
export function lastCrossingWord(text: string): { text: string } | null {
  const match = /\b(?:last|lst|latest|most recent(?:ly)?)\b/.exec(text);
  return match ? { text: blank(text, match) } : null;
}

/** A superlative beside a bucket noun left over once the window is read ("lowest T2 lvl day last wk") asks which bucket. */
export function bucketRankAfterTime(text: string): { cue: ShapeCue; text: string } | null {
  // "highest daily energy", "lowest hourly level": a superlative before a bucket adjective asks which bucket (not
  // "daily max", the series of each day's maximum).
  // "max hourly avg" is the highest of the hourly averages, as "highest hourly average" is.
  const adjective =
    /\b(highest|lowest|biggest|largest|smallest|peak|busiest|quietest|most|least|max|maximum|maximal|min|minimum|minimal)\s+(hourly|daily|weekly|monthly)\b/.exec(
      text,
    );
  if (adjective) {
    const bucket = ({ hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' } as const)[adjective[2] as 'hourly'];
    return {
      cue: { kind: 'bucket-rank', bucket, order: LOW_WORDS.test(adjective[1] ?? '') ? 'asc' : 'desc', words: adjective[0] },
      // The bucket word goes; the superlative stays to say which end.
      text: text.replace(new RegExp(`\\b${adjective[2] ?? ''}\\b`), ' '.repeat((adjective[2] ?? '').length)),
    };
  }
  const noun = /\b(hour|day|week|month)\b/.exec(text);
  // Not "the top of the hour", "top up": no ranking.
  const extreme =
    /\b(highest|lowest|peak|max|min|maximum|minimum|busiest|quietest|most|least|worst|best|top(?!\s+(?:of|up)\b)|bottom(?!\s+of\b))\b/.exec(
      text,
    );
  if (!noun || !extreme) return null;
  const bucket = BUCKETS[noun[1] ?? 'day'] ?? 'day';
  return {
    cue: { kind: 'bucket-rank', bucket, order: LOW_WORDS.test(extreme[0]) ? 'asc' : 'desc', words: `${extreme[0]} ${noun[0]}` },
    text: blank(text, noun),
  };
}
