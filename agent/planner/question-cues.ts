// The cues of a question beyond its shape and time: limits, units, buckets, alarms, runs, ranks, and what kind of ask it is.
import { readAlarmRepeats } from './alarm-repeats.ts';
import { readCatalogAsk, type CatalogCue } from './catalog-ask.ts';
import { readCoverageAsk } from './coverage-ask.ts';
import { readStateReport } from './state-time.ts';
import type { Cues } from './choose-operation.ts';
import { bucketsDecline, readBucket } from './bucket-words.ts';
import { readRankLimit } from './rank-limit.ts';
import {
  ALARM_ACK_TIME_RE,
  ALARM_CLEAR_RE,
  ALARM_RE,
  ALARM_UNACK_RE,
  PLURAL_RE,
  RANK_RE,
  RUN_COUNTER_RE,
  RUN_RE,
  SERIES_RE,
} from './question-lexicon.ts';
import { readLimitWords } from './limit-words.ts';
import { readAlarmConditions } from './alarm-conditions.ts';
import { readThresholdReport, readShareWords } from './threshold-report.ts';
import { clockLikeBand, readThreshold, vagueComparison, type ThresholdCue } from './threshold-expression.ts';
import { readDurationUnit } from './duration-unit.ts';
import { readAlarmStanding } from './alarm-state.ts';
import { readAlarmQualifiers } from './alarm-qualifiers.ts';
import { readAlarmDurationLimit } from './alarm-duration-limit.ts';
import { withoutAlarmGrouping } from './alarm-grouping.ts';
import { readClearedFirst } from './alarm-cleared-first.ts';
import { findModifier, modifierDecline } from './modifier-words.ts';
import { readAskedUnit, type AskedUnit } from './asked-unit.ts';
import { findRatio, ratioDecline } from './unit-ratios.ts';
import { catalogUnits } from './planner-catalog.ts';
import type { Planned } from './planned.ts';
import { blankMatch, type PlanPass } from './question-text.ts';
import type { ShapeAndTime } from './shape-and-time.ts';

/** A choice written out: numbered things joined by "or" ("p1 or p2", "P01, or P02", "p1, p2 or p3"). */
const WRITTEN_CHOICE_RE = /\b(?:[a-z]*\d+\s*,\s*)*[a-z]*\d+\s*,?\s+or\s+[a-z]*\d+\b/;
/** A statistic of acknowledgement times: "average ack times", "how long ... to ack" ask for one number, not a list. */
const ACK_STATISTIC_RE = /\b(?:mean|average|avg|typical|median|max|maximum|min|minimum|longest|shortest|fastest|slowest|total|how long)\b/;

/** The cues read, and the text left with them blanked: the words that name the question's things. */
export interface CueReading {
  cues: Cues;
  text: string;
  /** The unit the result is asked in ("in l/s"), converted to once the plan is chosen. */
  asked: AskedUnit | undefined;
  /** The limit as read, before the catalog resolves it: a plan must take it up (untaken-limit.ts). */
  limitSaid: { threshold?: ThresholdCue; words?: string };
  /** The catalog itself is asked about ("what tags does BPS03 have"), not the plant. */
  catalogAsk: { cue: CatalogCue; text: string } | null;
}

/** Reads the question's cues in order, each from the text the earlier ones left; or the decline one of them makes. */
export function readCues(pass: PlanPass, frame: ShapeAndTime): Planned | CueReading {
  const values = readValueCues(pass, frame);
  if ('kind' in values) return values;
  const counted = readCountCues(pass, values.cues, values.text, values.runTimeInUnit);
  if (typeof counted !== 'string') return counted;
  const ask = readAskKind(pass, values.cues, counted, frame);
  if ('kind' in ask) return ask;
  return { cues: values.cues, text: ask.text, asked: values.asked, limitSaid: values.limitSaid, catalogAsk: ask.catalogAsk };
}

/** The cues of the values asked: a threshold or band, a state report, the unit asked, an alarm limit, a duration unit. */
function readValueCues(pass: PlanPass, frame: ShapeAndTime): Planned | (Omit<CueReading, 'catalogAsk'> & { runTimeInUnit: boolean }) {
  const { original, catalogs } = pass;
  const { shapeCue, recentAlarms, unitBand } = frame;
  let text = frame.text;
  const cues: Cues = {
    fns: [],
    plural: PLURAL_RE.test(text),
    text: original,
    rank: RANK_RE.test(text),
    compare: false,
    now: false,
    series: SERIES_RE.test(text),
    ...(shapeCue ? { shape: shapeCue } : {}),
  };
  cues.now = frame.nowSaid;
  // "alarms acked within 10 min": a limit on each alarm's own time, read before any limit on a value.
  const durationLimit = ALARM_RE.test(text) ? readAlarmDurationLimit(text) : null;
  if (durationLimit) [cues.alarmDurationLimit, text] = [durationLimit.limit, durationLimit.text];
  if (recentAlarms) {
    const { limit, words, oldest, defaulted } = recentAlarms;
    cues.recentAlarms = { limit, words, oldest, ...(defaulted ? { defaulted } : {}) };
  }
  // "above 80 psi", "under 0,3 mg/l", "run status 0" (threshold-expression.ts); "above normal" sets no number.
  const vagueLimit = vagueComparison(text);
  if (vagueLimit)
    return {
      kind: 'decline',
      reason: `"${vagueLimit.trim()}" gives no number to compare with; say the value, e.g. "above 0.5 mg/L", or "above its high alarm limit"`,
    };
  const clockBand = unitBand ? null : clockLikeBand(text);
  if (clockBand)
    return {
      kind: 'decline',
      reason: `"${clockBand}": hours of the day or values? Write the unit ("between 6 and 8 m") or the hours ("from 06:00 to 08:00")`,
    };
  // The band read before the time is blanked already.
  const threshold = unitBand ? { cue: unitBand.cue, text } : readThreshold(text);
  if (threshold) [cues.threshold, text] = [threshold.cue, threshold.text];
  // "availability of P02", "downtime of each pump", "hrs p2 offline": the time in each state (state-time.ts).
  const stateReport = cues.threshold ? null : readStateReport(text);
  if (stateReport?.state) [cues.threshold, text] = [{ comparator: 'below', value: 0.5, status: true }, stateReport.text];
  else if (stateReport) [cues.stateReport, text] = [stateReport.report, stateReport.text];
  // "in l/s", "psi", "in m3": the unit the result is asked in names no tag (asked-unit.ts).
  const askedUnit = readAskedUnit(text, catalogUnits(catalogs), original);
  text = askedUnit.text;
  // "below its low alarm limit", "over hi alarm": the tag's catalog limit is the threshold (not an alarm list).
  const limit = cues.threshold ? null : readLimitWords(text);
  if (limit) [cues.alarmLimit, text] = [limit.cue, limit.text];
  const limitSaid = { ...(cues.threshold ? { threshold: cues.threshold } : {}), ...(limit ? { words: limit.cue.words } : {}) };
  const report = cues.threshold || limit ? readThresholdReport(text) : null;
  if (report?.report) cues.thresholdReport = report.report;
  if (report) text = report.text;
  // "what percentage of yesterday did two or more pumps run": the share of the window they ran together.
  const togetherShare = shapeCue?.kind === 'together' && !report ? readShareWords(text) : null;
  if (togetherShare !== null) [cues.thresholdReport, text] = ['share', togetherShare];
  // "how many minutes was X below L", "overlap in mins": the stretches' time in that unit.
  // "how many minutes did the dosing pump run": a run time in minutes (the default unit, hours, names no tag either).
  const runTime = !cues.threshold && !limit && !cues.stateReport && !shapeCue && RUN_RE.test(text);
  const duration =
    cues.threshold || limit || shapeCue?.kind === 'together' || runTime ? readDurationUnit(text, { minutesOnly: runTime }) : null;
  if (duration) [cues.durationUnit, text] = [duration.unit, duration.text];
  // "avg ack time last month in mins?": the time to acknowledge or clear an alarm is given in minutes already; "in hrs"
  // asks it in hours.
  const alarmTime = ALARM_ACK_TIME_RE.test(text) || (ALARM_RE.test(text) && ALARM_CLEAR_RE.test(text));
  // "mins to ack", "hrs to ack": the unit is a word of the time asked, taken up with it (hours said, the unit is hours).
  const unitOfAck = /^(?:(?:mean|average|avg)\s+)?(mins?|minutes|hrs|hours)\b/.exec(ALARM_ACK_TIME_RE.exec(text)?.[0] ?? '');
  const alarmUnit = !duration && alarmTime && !unitOfAck ? readDurationUnit(text) : null;
  if (alarmUnit) [cues.durationUnit, text] = [alarmUnit.unit, alarmUnit.text];
  if (unitOfAck && /^h/.test(unitOfAck[1] ?? '')) cues.durationUnit = 'hours';
  return { cues, text, asked: askedUnit.asked, limitSaid, runTimeInUnit: runTime && duration !== null };
}

/** The cues of what is counted or ranked: a bucket size, alarms and their acknowledgements, runs, a rank limit. */
function readCountCues(pass: PlanPass, cues: Cues, text: string, runTimeInUnit: boolean): Planned | string {
  // "hourly", "per day": one bucket size; two asked at once ("per day and per hour") are named (bucket-words.ts).
  const buckets = readBucket(text);
  const twoSizes = bucketsDecline(buckets);
  if (twoSizes) return twoSizes;
  if (buckets.bucket) [cues.bucket, text] = [buckets.bucket, buckets.text];
  // "worst ack time sept", "anything unacked at bps03": acknowledging is done to alarms only.
  cues.alarm = ALARM_RE.test(text) || ALARM_ACK_TIME_RE.test(text) || ALARM_UNACK_RE.test(text);
  // "active at some point on Sunday", "chattering", "across the whole network" (alarm-qualifiers.ts).
  if (cues.alarm) text = readAlarmQualifiers(cues, text, pass.indexes);
  if (cues.alarm) {
    // "hi alarms", "lo lvl alarm", "HH": the alarms of a condition, not a priority or a tag word (alarm-conditions.ts);
    // read first, so "in hi alarm" is the state "in alarm" to the readers after.
    const conditions = readAlarmConditions(text, pass.catalogs, pass.vocabulary);
    if (conditions) [cues.alarmConditions, text] = [conditions.cue, conditions.text];
    // "rtnd b4 anyone ackd": the order of the clear and the acknowledgement, not an acknowledgement asked.
    const clearedFirst = readClearedFirst(text);
    if (clearedFirst) [cues.alarmClearedFirst, text] = [clearedFirst.words, clearedFirst.text];
    // "which alarms are still unacknowledged", "time to acknowledge": what the acknowledgements say, not tag words.
    const unack = blankMatch(text, ALARM_UNACK_RE);
    if (unack.match) cues.acknowledgement = 'unacknowledged';
    const ackTime = blankMatch(unack.text, ALARM_ACK_TIME_RE);
    // "ack times for ps3 alarms": the times of each alarm (its list has them); a statistic of them is one number.
    const eachAlarm = /\btimes\b/.test(ackTime.match?.[0] ?? '') && !ACK_STATISTIC_RE.test(cues.text);
    if (ackTime.match && !eachAlarm) cues.acknowledgement = 'time';
    text = ackTime.text;
    // "still active", "standing", "not cleared yet": the alarms standing at a moment (alarm-state.ts).
    const standing = readAlarmStanding(text);
    if (standing) [cues.alarmStanding, text] = [standing.bare ? 'in-alarm' : 'standing', standing.text];
    // "came 2+ times", "repeated": a limit on each tag's count of alarms, not a value (alarm-repeats.ts).
    const repeats = readAlarmRepeats(text);
    if (repeats) [cues.alarmRepeats, text] = [repeats.limit, repeats.text];
    // "by station", "each priority": what the count is split by names no tag (alarm-grouping.ts).
    text = withoutAlarmGrouping(text);
  }
  // "hl p2 hrs meter reading now": the counter's stored reading, not hours run.
  cues.run = !cues.alarm && !RUN_COUNTER_RE.test(text) && (RUN_RE.test(text) || runTimeInUnit);
  if (!cues.alarm && /\bhours?\b/.test(text)) cues.hoursWord = true;
  const ranked = readRankLimit(text);
  if (ranked.limit !== undefined) cues.limit = ranked.limit;
  // "which of the two pumps started more often": a comparative ranks the running things and names one. "which ran
  // longer, p1 or p2": the choice is written out, so each of its members is shown, the leader first.
  if (ranked.comparative && cues.run) {
    cues.rank = true;
    const choice = WRITTEN_CHOICE_RE.exec(text)?.[0];
    cues.limit = choice ? (choice.match(/\d+/g) ?? []).length : 1;
  }
  return ranked.text;
}

/** A modifier or ratio no plan applies (declined), or an ask about the data's coverage or the catalog itself. */
function readAskKind(
  pass: PlanPass,
  cues: Cues,
  text: string,
  frame: ShapeAndTime,
): Planned | { text: string; catalogAsk: CueReading['catalogAsk'] } {
  const { original, question, vocabulary, indexes } = pass;
  const { shapeCue, time } = frame;
  // A statistic, condition, exclusion or rate no part of the plan applies ("median", "while P1 ran", "other than P1"):
  // named, instead of answering the question without it (modifier-words.ts).
  // In a together question the "when" clause is the question ("any time when both pumps ran"), not a condition on it.
  // Members each in their own state ("p2 running w/ p1 off") are the together shape's, read off the question already.
  const mixed = shapeCue?.kind === 'together' && typeof shapeCue.state === 'object';
  const modifier = findModifier(text, vocabulary, indexes, {
    whenIsShape: shapeCue?.kind === 'together',
    question: mixed ? text : original,
  });
  if (modifier) return modifierDecline(modifier);
  // "kwh per m3": a ratio of two quantities, named rather than answered as its first quantity (unit-ratios.ts).
  const ratio = findRatio(original);
  if (ratio) return ratioDecline(ratio);

  // "what tags does BPS03 have", "list the pumps at BPS01", "unit of T1 level": the catalog itself (catalog-ask.ts),
  // when nothing is measured, computed or timed.
  const measures =
    shapeCue !== undefined || cues.threshold || cues.alarmLimit || cues.stateReport || cues.alarm || cues.run || cues.series || cues.bucket;
  // "is there any data for T3 level", "how complete was the T1 data": the data's coverage, not the plant (coverage-ask.ts).
  const coverage = measures || cues.now ? null : readCoverageAsk(text);
  if (coverage) [cues.coverage, text] = [coverage.words, coverage.text];
  const catalogWords = measures || cues.now || coverage ? null : readCatalogAsk(text, question);
  // "what were the pumps at BPS01 doing yesterday": things of a kind asked with a time are asked about, not listed.
  const catalogAsk = catalogWords?.cue.asks === 'kind' && time ? null : catalogWords;
  if (catalogAsk && time)
    return {
      kind: 'decline',
      reason: `I could not place "${time.window.label.replace(/\s*\(.*$/, '')}" in a catalog question: the catalog lists tags, units, assets and sites, with no dates`,
    };
  if (catalogAsk) text = catalogAsk.text;
  return { text, catalogAsk };
}
