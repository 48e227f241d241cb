// The operation of an alarm question: a state at a moment (standing, unacknowledged), the newest alarms, the times
// to acknowledge and to clear (mean, longest, shortest, or the alarms ranked by them), counts in total or per tag, site
// or priority, or the list. The tags are linked by the caller; no tag named means every tag.
import type { ResolvedWindow } from '../answer.ts';
import { alarmGroupingDecline, readAlarmGrouping, type AlarmGrouping } from './alarm-grouping.ts';
import { readAlarmDurations } from './alarm-durations.ts';
import { alarmStateList } from './alarm-state.ts';
import { alarmConditionFilter } from './alarm-condition-filter.ts';
import { oneSiteAskBack } from './alarm-one-site.ts';
import { CHATTER_RULE, chatterWords } from './alarm-chatter.ts';
import type { Choice } from './choose-operation.ts';
import type { AlarmChatter, Operation, PlanResult } from './plan.ts';
import type { AlarmRepeatCue } from './alarm-repeats.ts';
import { ALARM_CLEAR_RE, ALARM_TOP_RE } from './question-lexicon.ts';
import { makeWindow } from './time-window.ts';
import { formatShort } from './zoned-time.ts';

/** How many alarms a list shows at most (the table says when there were more). */
export const ALARM_LIST_LIMIT = 200;
/** How far back "which alarms are unacknowledged" looks when no period is named. */
const UNACKNOWLEDGED_LOOKBACK_MS = 7 * 86_400_000;
/** How far back the alarms of a named tag are read when no period is named: the whole journal. */
const JOURNAL_LOOKBACK_MS = 20 * 365 * 86_400_000;
/** "when did it come in", "wen", "what time": the times of the alarms asked. */
const WHEN_RE = /\b(?:when|wen|whn|what\s+time)\b/;
/** The newest or a state: "last", "latest", "outstanding", "open" ask something the journal's span would not answer. */
const NEWEST_RE = /\b(?:last|latest|newest|recent|first|earliest|outstanding|open|current|still)\b/;
/** How far back "the last 5 alarms" looks when no period is named. */
const RECENT_LOOKBACK_MS = 365 * 86_400_000;
/**
 * "how many", "how often", "number of", "count", "no. of", "tally", "total alarms", "alarms in total": a count of alarms,
 * not the list ("total" only beside the alarms: "total time in alarm" is a duration).
 */
const ALARM_COUNT_RE =
  /\b(?:how many|how often|number of|count|no\.? of|tally|total(?=\s+(?:[a-z0-9-]+\s+){0,2}?(?:alarms?|alerts?|trips?)\b)|(?:alarms?|alerts?|trips?)\s+(?:in\s+)?total)\b/;

/** A superlative before one alarm or tag: "the noisiest alarm", "most frequent alarm aug", "top tag", "which alarm went off the most". */
const ONE_TOP_RE =
  /\b(?:noisiest|most\s+(?:frequent|common)|top|worst|chattiest)\s+(?:alarm|alert|tag)\b(?!\s+(?:tags|signals|points|alarms|alerts)\b)|\b(?:which|what)\s+(?:alarm|alert|tag)\b(?=(?:\s+\S+){0,6}?\s+(?:the\s+)?most\b)/;
/** Alarms counted by what was done to them ("how many alarms were acked", "no. of alarms cleared"): not by when raised. */
const HANDLED_RE = /\b(?:acknowledged|acked|ackd|cleared|clrd|reset)\b/;

/**
 * "how many tags alarmed", "how many sites had alarms", "how many different alarms": a count of the things that
 * alarmed, not of the alarms ("how many tank alarms" counts alarms).
 */
const THINGS_COUNT_RE =
  /\b(?:how many|number of|no\.? of|count of)\s+(?:(?:distinct|different|difference|unique|separate)\s+)?(?:tags?|sites?|stations?|stns?|signals?|points?|assets?|pumps?|locations?|dmas?|tanks?)\b(?!\s+(?:(?!(?:had|has|have|got|saw|raised|with)\b)\S+\s+)?(?:alarms|alerts)\b)|\b(?:distinct|different|difference|unique|separate)\s+(?:alarms?|alerts?)\b/;

/**
 * A time asked of the "in alarm" state, before or after it ("how long ... in alarm", "in alarm how long", "hrs in
 * alarm"): the time spent in the state ("24 hrs" is a window).
 */
const IN_ALARM_TIME_RE = /\b(?:how\s+lo?ng|how much time|(?<!\d\s?)(?:time|hours?|hrs?|minutes?|mins?)|duration)\b/;

/**
 * "how long ... standing", "total time in alarm", "hrs in alarm": the time alarms stood (raised to cleared), not one
 * alarm's time to clear on average.
 */
const TIME_IN_ALARM_RE =
  /\b(?:how\s+lo?ng|how\s+much\s+time|total\s+(?:time|hours?|hrs?|minutes?|mins?|duration))\b(?:(?!\b(?:take|took|takes|to\s+clear|to\s+ack)\b).)*?\b(?:in\s+alarm|standing|stood|active)\b|\b(?:time|hours?|hrs?|duration)\s+in\s+alarm\b/;
/** "each", "every", "average", "longest": the time of each alarm, or a statistic of them, not their sum. */
const EACH_TIME_RE = /\b(?:each|every|per\s+alarm|avg|average|mean|typical|longest|shortest|max|min)\b/;

/** "each", "how many each": a count per member of the split named ("which sites ..., and how many each"). */
const EACH_RE = /\beach\b/;

/** The split of an alarm count the grouping names: per site, priority or condition (per tag is the default). */
function splitOf(grouping: AlarmGrouping | null): { by?: 'site' | 'priority' | 'condition' } {
  return grouping?.kind === 'site' || grouping?.kind === 'priority' || grouping?.kind === 'condition' ? { by: grouping.kind } : {};
}

/** A sliding rule stated with a count ("3+ inside 1h": 3 within 60 min; "more than 2 within 30 min": 3 within 30). */
function statedChatter(limit: AlarmRepeatCue): AlarmChatter {
  return { count: limit.comparator === '>' ? limit.count + 1 : limit.count, minutes: limit.minutes ?? CHATTER_RULE.minutes };
}

/** Plans an alarm question; `plan` makes the plan of the caller's tags (declining when no window is given). */
export function chooseAlarmOperation(choice: Choice, planIn: (operation: Operation, window?: ResolvedWindow) => PlanResult): PlanResult {
  const { catalog, cues, time, ctx } = choice;
  // "dma5 cp lo alm - ackd how fast?": the time to acknowledge or clear of a named tag's one alarm, over its journal.
  const oneTimed = cues.plural === false && (cues.acknowledgement === 'time' || ALARM_CLEAR_RE.test(cues.text));
  // "bps3-p2 vib alarm wen did it come in": when a named tag's alarms came, with no period and no word of the newest or
  // of a state ("outstanding", "last"): the whole journal of its alarms, said so.
  const journal = (): ResolvedWindow =>
    makeWindow(
      new Date(ctx.now.getTime() - JOURNAL_LOOKBACK_MS),
      ctx.now,
      ctx.timezone,
      `the whole alarm journal up to ${formatShort(ctx.now, ctx.timezone)}`,
    );
  const plan = (operation: Operation, window?: ResolvedWindow): PlanResult =>
    planIn(
      operation,
      window ??
        (!time && !cues.now && choice.tags.length > 0 && (WHEN_RE.test(cues.text) || oneTimed) && !NEWEST_RE.test(cues.text)
          ? journal()
          : undefined),
    );
  const mapping = catalog.source.historian;
  if (!mapping?.alarms) return { kind: 'decline', reason: `source "${catalog.source.name}" has no alarm table in its historian mapping` };
  if (cues.priority && !mapping.alarms.priority)
    return {
      kind: 'decline',
      reason: `"${cues.priority.word}" names an alarm priority, and source "${catalog.source.name}" maps no priority column of its alarm table`,
    };
  // "alarm count for the booster station": one of three stations, not said which.
  const oneSite = oneSiteAskBack(choice);
  if (oneSite) return oneSite;
  const conditions = alarmConditionFilter(choice);
  if ('kind' in conditions) return conditions;
  // The priorities and conditions asked: every alarm answer keeps only those alarms.
  const priority = {
    ...(cues.priority ? { priority: cues.priority.value, ...(cues.priority.values ? { priorities: cues.priority.values } : {}) } : {}),
    ...conditions,
  };
  const counted = ALARM_COUNT_RE.test(cues.text);
  const things = THINGS_COUNT_RE.exec(cues.text);
  if (things)
    return {
      kind: 'decline',
      reason: `I could not place "${things[0]}": alarms are counted one by one, not the tags or sites that raised them; ask which tags alarmed, or how many alarms`,
    };
  // "chattering alms last 30d": the tags that chattered by the rule, never the most frequent ones (alarm-chatter.ts).
  const chatter = cues.alarmChatter;
  const top = ALARM_TOP_RE.test(cues.text) && !chatter;
  const read = readAlarmGrouping(cues.text);
  const asked = [
    cues.recentAlarms,
    cues.acknowledgement,
    cues.alarmStanding,
    cues.alarmDuring,
    cues.alarmDurationLimit,
    cues.alarmRepeats,
    read,
  ];
  // "chattering alms (3+ activations inside 1h)", "alarms that came 3+ times within 30 min": the rule stated replaces
  // the default one.
  const stated = cues.alarmRepeats?.minutes ? statedChatter(cues.alarmRepeats) : undefined;
  if (stated && !counted && !cues.recentAlarms && !cues.acknowledgement && !cues.alarmStanding && !cues.alarmDuring && !read)
    return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, chatter: stated });
  if (chatter && (counted || asked.some(Boolean) || time?.kind === 'instant' || ALARM_CLEAR_RE.test(cues.text)))
    return {
      kind: 'decline',
      reason: `I could not place "${chatter}" here: the alarms that chattered (${chatterWords(CHATTER_RULE)}) are listed by tag with their counts, not counted, timed, split or taken as a state; ask which alarms chattered`,
    };
  if (chatter) return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, chatter: CHATTER_RULE });
  // "last 5 alarms", "most recent alarm at BPS03": newest first, over the period named, else the year up to now;
  // "first alarm yday": the oldest of the period.
  const recent = cues.recentAlarms;
  // "which site had the most alarms": the site counts, the most first, one when one is asked; "which site alarmed" ranks
  // nothing, unless it asks how many each raised ("which sites raised alarms, and how many each").
  const grouping = read?.which && !top && !counted && !EACH_RE.test(cues.text) ? null : read;
  // "daily alarm count", "alms per hr 25/8", "how many alarms each day": per plant-local bucket of the window.
  const bucket = grouping?.kind === 'bucket' ? grouping.bucket : cues.bucket;
  if (grouping?.kind === 'condition' && !mapping.alarms.condition)
    return {
      kind: 'decline',
      reason: `I could not place "${grouping.words}": source "${catalog.source.name}" records no alarm condition (the condition column of its alarm table is not mapped: historian.alarms.condition)`,
    };
  // "the noisiest alarm", "top alarm aug": one, as "which site" is one.
  // "which sites raised alarms, and how many each": every site with its count, not the first few.
  const everyMember = (counted || EACH_RE.test(cues.text)) && !top;
  const whichLimit = read?.which && !everyMember ? (read.which.singular ? 1 : 5) : ONE_TOP_RE.test(cues.text) ? 1 : undefined;
  if (recent && (counted || grouping || cues.acknowledgement === 'time' || ALARM_CLEAR_RE.test(cues.text) || top))
    return {
      kind: 'decline',
      reason: `I could not place "${recent.words}": the newest or first alarms are listed one by one, not counted or measured; ask for them as a list, or for a period`,
    };
  // "which alarms came 2+ times": the alarms counted per tag, only the tags past the limit; with a state, a time to
  // acknowledge or clear, or the newest alarms it would be dropped, so it is named.
  const repeats = cues.alarmRepeats;
  if (
    repeats &&
    (recent ||
      counted ||
      cues.acknowledgement ||
      cues.alarmStanding ||
      cues.alarmDurationLimit ||
      time?.kind === 'instant' ||
      ALARM_CLEAR_RE.test(cues.text))
  )
    return {
      kind: 'decline',
      reason: `I could not place "${repeats.words}": the tags that alarmed that often are listed with their counts, not counted, timed or taken as a state; ask which alarms came that often`,
    };
  if (repeats) {
    if (grouping?.kind === 'unsupported') return alarmGroupingDecline(grouping, Boolean(mapping.assets?.site && mapping.tags.asset));
    const countLimit = { comparator: repeats.comparator, count: repeats.count };
    // "more than once on the same day", "2+ times in one day": per tag and day, only those past the limit.
    const within = repeats.within ?? bucket;
    if (within) return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, bucket: within, countLimit });
    return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, ...splitOf(grouping), countLimit });
  }
  const newest = recent && !recent.oldest ? { newest: true } : {};
  // "the first alarms on the 29th", "latest alms at ps3 this wk": with a period and no number, every alarm of the period
  // in that order; without a period the default few.
  const limit = (recent?.defaulted && time?.window ? undefined : recent?.limit) ?? cues.limit ?? ALARM_LIST_LIMIT;
  const lookback = (ms: number, label: string): ResolvedWindow =>
    makeWindow(new Date(ctx.now.getTime() - ms), ctx.now, ctx.timezone, `${label} up to ${formatShort(ctx.now, ctx.timezone)}`);
  // A state at a moment: "still active", "standing rn", "alarms active at 06:00 on 3 Oct", "unacked at 16:10".
  const instant = time?.kind === 'instant' ? (time.at ?? new Date(time.window.from)) : undefined;
  // "how long was CW lvl in alarm in sept", "cw01 total time in alarm in oct", "how long was the dma02 lo press alarm
  // standing on oct 3": the time in the state over the period, each alarm raised in it to its clear, added up.
  const timeInAlarm =
    (cues.alarmStanding ? IN_ALARM_TIME_RE.exec(cues.text) : null) ??
    (EACH_TIME_RE.test(cues.text) ? null : TIME_IN_ALARM_RE.exec(cues.text));
  if (timeInAlarm) {
    if (!time?.window || instant || recent || grouping || top || repeats || cues.acknowledgement || cues.alarmDurationLimit)
      return {
        kind: 'decline',
        reason: `I could not place "${timeInAlarm[0]}" here: the time in alarm is added up over a period named (e.g. "in October"), in total, not ranked, split or taken at a moment`,
      };
    return plan({ kind: 'alarm-clear-time', ...priority, statistic: 'sum', unit: 'hours' });
  }
  // "alarms rn": with no period, now is the moment of a state. "in alarm this wk": the alarms raised in the period;
  // "active at some point on Sunday": standing at any moment of it (alarm-during.ts).
  const stateWord = cues.alarmStanding === 'in-alarm' || cues.alarmDuring !== undefined;
  const standing = cues.alarmStanding === 'standing' || (stateWord && (!time || instant !== undefined));
  if (cues.alarmDuring && time && !instant) {
    if (recent || top || grouping || repeats || cues.acknowledgement || cues.alarmDurationLimit || ALARM_CLEAR_RE.test(cues.text))
      return {
        kind: 'decline',
        reason: `I could not place "${cues.alarmDuring}" with the rest: the alarms active at some moment of a period are listed or counted, not ranked, timed or split`,
      };
    if (counted) return plan({ kind: 'alarm-count', during: true, ...priority });
    return plan({ kind: 'alarm-list', limit, during: true, ...priority });
  }
  if (instant || standing || (cues.now && !time)) {
    if (cues.acknowledgement === 'time' || ALARM_CLEAR_RE.test(cues.text) || top || grouping)
      return { kind: 'decline', reason: 'alarm statistics need a period, not an instant' };
    const state = alarmStateList({
      state: cues.acknowledgement === 'unacknowledged' ? 'unacknowledged' : 'standing',
      at: instant ?? ctx.now,
      period: instant ? undefined : time?.window,
      timezone: ctx.timezone,
      limit,
      ...priority,
      // "how many alarms are standing": how many, not which.
      count: counted,
      newest: recent !== undefined && !recent.oldest,
    });
    return plan(state.operation, state.window);
  }
  // "alms last month that rtnd b4 anyone ackd": the alarms whose clear came first, listed or counted.
  if (cues.alarmClearedFirst) {
    if (recent || grouping || top || repeats || cues.alarmDurationLimit || cues.acknowledgement)
      return {
        kind: 'decline',
        reason: `I could not place "${cues.alarmClearedFirst}" with the rest: the alarms that cleared before their acknowledgement are listed or counted in total`,
      };
    if (counted) return plan({ kind: 'alarm-count', ...priority, clearedFirst: true });
    return plan({ kind: 'alarm-list', limit, ...priority, clearedFirst: true });
  }
  // "avg time to clear in hrs", "how many hours did each take to clear": the time in the unit asked (minutes otherwise).
  const inHours = cues.durationUnit === 'hours' ? { unit: 'hours' as const } : {};
  // "which alarms got acked within 10 min", "how many took over an hour to clear": the alarms kept by their own time.
  const limited = cues.alarmDurationLimit;
  if (limited) {
    if (recent || grouping || top)
      return {
        kind: 'decline',
        reason: `I could not place "${limited.words}": alarms kept by their time to ${limited.to === 'ack' ? 'acknowledge' : 'clear'} are listed or counted in total`,
      };
    const durationLimit = { to: limited.to, comparator: limited.comparator, minutes: limited.minutes };
    if (counted) return plan({ kind: 'alarm-count', ...priority, durationLimit });
    return plan({
      kind: 'alarm-list',
      limit,
      durations: true,
      ...inHours,
      ...(limited.to === 'ack' ? { durationTo: 'ack' as const } : {}),
      durationLimit,
      ...priority,
    });
  }
  const durations = ALARM_CLEAR_RE.test(cues.text) || cues.acknowledgement === 'time' ? readAlarmDurations(cues.text, cues.limit) : null;
  if (cues.acknowledgement === 'time') {
    // "which alarm took the longest to be acknowledged": the alarms with their times to acknowledge, ranked.
    if (durations?.kind === 'list')
      return plan({
        kind: 'alarm-list',
        limit: durations.limit ?? cues.limit ?? ALARM_LIST_LIMIT,
        durations: true,
        ...inHours,
        durationTo: 'ack',
        ...(durations.order ? { byDuration: durations.order } : {}),
        ...priority,
      });
    const statistic = durations?.kind === 'statistic' && durations.statistic ? { statistic: durations.statistic } : {};
    return plan({ kind: 'alarm-ack-time', ...priority, ...statistic, ...inHours });
  }
  if (cues.acknowledgement === 'unacknowledged' && (grouping || top))
    return {
      kind: 'decline',
      reason: `I could not place "${grouping?.words ?? ALARM_TOP_RE.exec(cues.text)?.[0] ?? ''}": unacknowledged alarms are listed or counted in total, not per tag, site or priority`,
    };
  if (cues.acknowledgement === 'unacknowledged') {
    // "which alarms are still unacknowledged": as of now, over the last days unless a period is named.
    const window =
      time?.window ?? (recent ? lookback(RECENT_LOOKBACK_MS, 'the last 365 days') : lookback(UNACKNOWLEDGED_LOOKBACK_MS, 'last 7 days'));
    const state = { unacknowledged: true, asOf: ctx.now.toISOString(), ...priority };
    if (counted) return plan({ kind: 'alarm-count', ...state }, window);
    return plan({ kind: 'alarm-list', limit, ...state, ...newest }, window);
  }
  if (durations) {
    // "with how long each one stayed active", "longest alarm to clear": the alarms with their durations.
    if (durations.kind === 'list')
      return plan({
        kind: 'alarm-list',
        limit: durations.limit ?? cues.limit ?? ALARM_LIST_LIMIT,
        durations: true,
        ...inHours,
        ...(durations.order ? { byDuration: durations.order } : {}),
        ...priority,
      });
    return plan({ kind: 'alarm-clear-time', ...priority, ...(durations.statistic ? { statistic: durations.statistic } : {}), ...inHours });
  }
  // "how many alarms were acked in sept": the alarm answers count the alarms raised, not the acknowledgements or clears.
  const handled = counted || top || grouping ? HANDLED_RE.exec(cues.text) : null;
  if (handled)
    return {
      kind: 'decline',
      reason: `I could not place "${handled[0]}": alarms are counted by when they were raised, not by when they were acknowledged or cleared; ask for the alarms raised, with their times`,
    };
  // "alm count per site", "alarms by priority": counted per tag, site or priority, or named when split another way.
  const sites = Boolean(mapping.assets?.site && mapping.tags.asset);
  if (grouping?.kind === 'unsupported' || (grouping?.kind === 'site' && !sites)) return alarmGroupingDecline(grouping, sites);
  if (grouping?.kind === 'priority' && !mapping.alarms.priority)
    return {
      kind: 'decline',
      reason: `I could not place "${grouping.words}": source "${catalog.source.name}" maps no priority column of its alarm table`,
    };
  // "how many high alarms vs low alarms", "hi vs lo alarms sept": two conditions or more counted, each on its own.
  const eachCondition = counted || /\b(?:vs|versus|against|compared)\b/.test(cues.text);
  // Per condition, every condition asked (else every one the journal records) is listed, one with no alarms as 0.
  const recorded = catalog.source.alarmConditions ?? [];
  const listed = (): { listed?: readonly string[] } => {
    const each = priority.conditions ?? recorded;
    return each.length > 0 ? { listed: each } : {};
  };
  if (eachCondition && !top && !grouping && (cues.alarmConditions?.names.length ?? 0) > 1)
    return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, by: 'condition', ...listed() });
  if (bucket) {
    // "avg no. of alarms per day": a mean of the daily counts, which no alarm answer makes.
    const mean = cues.fns.length > 0 ? /\b(?:avg|average|mean|typical)\b/.exec(cues.text) : null;
    if (mean || top || read?.which)
      return {
        kind: 'decline',
        reason: `I could not place "${mean?.[0] ?? grouping?.words ?? 'most'}": alarms are counted per ${bucket}, every ${bucket} of the period in time order, not averaged or ranked; ask for the count per ${bucket}`,
      };
    return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, bucket });
  }
  // "prio 1 vs prio 4 alm cnt", "p1/p2 count each": two priorities or more named and counted, each on its own.
  if (
    eachCondition &&
    !top &&
    !grouping &&
    (cues.priority?.values?.length ?? 0) > 1 &&
    /\b(?:vs|versus|against|compared|each|per|split)\b/.test(cues.text)
  )
    return plan({ kind: 'alarm-top', limit: ALARM_LIST_LIMIT, ...priority, by: 'priority' });
  if (top || grouping) {
    return plan({
      kind: 'alarm-top',
      limit: cues.limit ?? whichLimit ?? (grouping ? ALARM_LIST_LIMIT : 5),
      ...priority,
      ...splitOf(grouping),
      ...(grouping?.kind === 'condition' ? listed() : {}),
    });
  }
  // "how many alarms": a count; "which alarms", "critical alarms last week", "show the alarms at BPS03": the alarms themselves.
  if (counted) return plan({ kind: 'alarm-count', ...priority });
  return plan(
    { kind: 'alarm-list', limit, ...priority, ...newest },
    time?.window ?? (recent ? lookback(RECENT_LOOKBACK_MS, 'the last 365 days') : undefined),
  );
}
