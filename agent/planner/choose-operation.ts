// Picks the operation of a linked question (latest, at, aggregate, series, threshold, run-hours, rank, compare, alarms).
import type { AlarmConditionCue } from './alarm-conditions.ts';
import type { AlarmRepeatCue } from './alarm-repeats.ts';
import type { AlarmDurationLimitCue } from './alarm-duration-limit.ts';
import type { PlanContext, PlannerCatalog } from './plan-question.ts';
import { askWhichTag } from './ask-back.ts';
import { checkGroup } from './group-check.ts';
import { asksMembers, memberTags, runHoursLimit } from './member-limit.ts';
import { asksSummedRunHours, PER_MEMBER_RE } from './summed-run-hours.ts';
import { coverageTags } from './coverage-choice.ts';
import { numberedAcrossSites, statusTagsNamed } from './together-check.ts';
import { STATE_RE } from './question-lexicon.ts';
import { chooseAlarmOperation } from './alarm-operation.ts';
import type { AggFn, Bucket, Operation, PlanResult, ThresholdReport } from './plan.ts';
import { wholePeriodDecline } from './bucket-words.ts';
import { linkTags, type IndexedTag, type QueryToken } from './tag-catalog.ts';
import { asksAmountOnly, bucketAmount } from './bucket-amount.ts';
import { autoBucket, makeWindow, type TimeParse } from './time-window.ts';
import { formatShort } from './zoned-time.ts';
import type { ShapeCue } from './shape-cues.ts';
import type { DurationUnit } from './duration-unit.ts';
import { chooseShape } from './choose-shape.ts';
import { rateUnit } from './signal-units.ts';
import { fractionOfPercent, limitInTagUnit, tagsForLimit, withNote } from './limit-units.ts';
import { ofStretches, thresholdBeyondPlan, thresholdReportOf, thresholdStatistic } from './threshold-report.ts';
import type { ThresholdCue } from './threshold-expression.ts';
import { resolveLimit, type LimitCue } from './limit-words.ts';
import { stoppedTimeDecline, stoppedTimeWord } from './stopped-time.ts';
import type { StateReport } from './state-time.ts';
import { rankOfMembers, superlativeDirection } from './rank-direction.ts';
import { describeTags, toPlanTag } from './plan-tag.ts';
import { searchBack } from './search-back.ts';

/** What the question said besides entities and time. */
export interface Cues {
  text: string;
  fns: AggFn[];
  plural: boolean;
  rank: boolean;
  compare: boolean;
  now: boolean;
  series: boolean;
  bucket?: Bucket;
  threshold?: ThresholdCue;
  /** A tag's alarm limit named instead of a number ("below its low alarm limit"): resolved once the tag is known. */
  alarmLimit?: LimitCue;
  /** What a threshold question asks of the stretches: how many, their share, the longest, the days with any. */
  thresholdReport?: ThresholdReport;
  /** The unit a duration is asked in ("how many minutes"): the stretches' time in it. */
  durationUnit?: DurationUnit;
  alarm?: boolean;
  /** An alarm priority the question names ("critical alarms"), from the thesaurus' priority words. */
  /** `values`: several priorities named at once ("prio 1 & 2", "prio 2 or higher"), `value` the first of them. */
  priority?: { word: string; value: number; values?: number[] };
  /** The alarm conditions the question names ("hi alarms": HIGH), alarm-conditions.ts. */
  alarmConditions?: AlarmConditionCue;
  /** A limit on each alarm's time to acknowledge or clear ("acked within 10 min"), alarm-duration-limit.ts. */
  alarmDurationLimit?: AlarmDurationLimitCue;
  /** "came 2+ times", "repeated": only the tags that alarmed that often (alarm-repeats.ts). */
  alarmRepeats?: AlarmRepeatCue;
  run?: boolean;
  /** Availability or downtime of things with a running status asked (state-time.ts). */
  stateReport?: StateReport;
  /** "hrs", "hours" left once the window is read ("bps02 pmp 1 hrs yday"): of a thing with a running status, its run-hours. */
  hoursWord?: boolean;
  /** What an alarm question asks of acknowledgements: only the unacknowledged ones, or the time to acknowledge. */
  acknowledgement?: 'unacknowledged' | 'time';
  /**
   * An alarm question that asks which alarms were standing (raised, not cleared) at a moment: "standing", "still
   * active"; or "in alarm" alone, a state only when no period is named (alarm-state.ts).
   */
  alarmStanding?: 'standing' | 'in-alarm';
  /** The alarms' state over the period, "active at some point", "was in alarm during" (alarm-during.ts): the words. */
  alarmDuring?: string;
  /** "chattering": only the tags that chattered (alarm-chatter.ts): the word. */
  alarmChatter?: string;
  /** "cleared before anyone acked": only the alarms whose clear came before their acknowledgement (alarm-cleared-first.ts). */
  alarmClearedFirst?: string;
  /** The newest alarms asked by count ("last 5 alarms", "most recent alarm"): how many, and the words (alarm-recent.ts). */
  recentAlarms?: { limit: number; words: string; oldest: boolean; defaulted?: boolean };
  limit?: number;
  /** A shape beyond one statistic per tag (first crossing, together, change, which bucket, night flow...). */
  shape?: ShapeCue;
  /** The words that asked about the data itself ("any data", "coverage", "% good data"): its coverage (coverage-ask.ts). */
  coverage?: string;
  /** The content words of the question that named its entities (replaced by a tag name in an ask-back's choices). */
  entityWords?: string[];
}

export interface Choice {
  catalog: PlannerCatalog;
  tags: IndexedTag[];
  tokens: QueryToken[];
  multiId: boolean;
  cues: Cues;
  time: TimeParse | null;
  ctx: PlanContext;
}

/** Words asking for an amount that flowed or was used, which a totaliser answers. */
const VOLUME_RE = /\b(how much|volume|consum\w*|usage|used|use|uses|went into)\b|\bm3\b(?!\/)|\bsen(?:d|ds|t|ding) out\b/;

/** Words asking how a value changed: "how much did the flow increase" is a change, not an amount that flowed. */
const CHANGE_RE = /\b(change[ds]?|difference|diff|increase[ds]?|decrease[ds]?|rise|rose|drop(?:ped)?|fell|grow|grew)\b/;

/** "rank the pumps", "order the filters by ...", "sorted": the whole group listed in order, not only its leader. */
const RANK_ALL_RE = /\brank(?:ing|ed)?\b|\bsort(?:ed)?\b|\border(?:ed)?\b/;

/** Superlatives over a group: which member leads. */
const SUPERLATIVE_WORDS =
  /\b(highest|lowest|most|least|largest|smallest|biggest|max(?:imum)?|min(?:imum)?|peak|top|worst|best|fullest|emptiest|hottest|coldest)\b/;

/** Words asking for the moment of something ("when was it highest", "time of max", "at what time", "min + time"). */
const WHEN_RE = /\b(?:wh?en|what time|at what time|time of)\b|^time\b|(?:\+|&|\band|\bplus|\bwith)\s+(?:the\s+)?time\b/;

/** Latest-value look-back shown in the window, ms. */
export const LATEST_LOOKBACK_MS = 7 * 86_400_000;

const ambiguous = (tags: readonly IndexedTag[], what: string, cues: Cues): PlanResult =>
  askWhichTag(tags, what, cues.text, cues.entityWords ?? []);

/** Decides the operation; declines when something needed (a window, a single tag, an alarm table) is missing. */
export function chooseOperation(choice: Choice): PlanResult {
  const { catalog, cues, time, ctx } = choice;
  let tags = choice.tags;
  // "how much water went into DMA02", "which DMA used the most": a volume is the totaliser's change, not the rate.
  const isCounter = (t: IndexedTag): boolean => t.info.dataType === 'counter';
  if (VOLUME_RE.test(cues.text) && tags.some(isCounter) && tags.some((t) => !isCounter(t))) {
    tags = tags.filter(isCounter);
    if (!cues.fns.some((fn) => fn === 'delta' || fn === 'sum')) cues.fns.unshift('delta');
  }
  const mapping = catalog.source.historian;
  if (!mapping) return { kind: 'decline', reason: `source "${catalog.source.name}" has no historian mapping` };
  const isStatus = (t: IndexedTag): boolean => t.info.dataType === 'status';
  const what = choice.tokens.map((t) => t.text).join(' ');
  const plan = (operation: Operation, given = time?.window, planTags: readonly IndexedTag[] = tags): PlanResult => {
    const window = given ?? searchBack(operation, cues.text, ctx);
    if (!window)
      return { kind: 'decline', reason: 'the question names no time window; say e.g. "yesterday", "last 24 h", "last week" or "in July"' };
    const mapped = planTags.map(toPlanTag);
    return {
      kind: 'plan',
      source: catalog.source.name,
      tags: mapped,
      window,
      operation,
      understood: `${'report' in operation && operation.report ? operation.report : operation.kind}${'priority' in operation && operation.priority !== undefined ? ` (priority ${operation.priority} alarms)` : ''}${'atLeast' in operation && operation.atLeast !== undefined ? ` (at least ${operation.atLeast} running)` : ''} of ${mapped.length > 0 ? describeTags(mapped) : 'all tags'}, ${window.label}`,
    };
  };

  if (cues.alarmLimit && !cues.threshold) {
    // The limit of the one measured tag named, in its unit; a status tag has none.
    const limit = cues.alarmLimit;
    const all = tags.filter((t) => !isStatus(t) && (!limit.unit || t.info.unit?.toLowerCase() === limit.unit));
    // Of several, those that have the limit named ("T3 over the hi limit": the level, chlorine, temperature; not the inflow).
    const withLimit = all.filter(
      (t) => (limit.side !== 'low' && t.info.highLimit !== undefined) || (limit.side !== 'high' && t.info.lowLimit !== undefined),
    );
    const measured = all.length > 1 && withLimit.length > 0 ? withLimit : all;
    if (measured.length > 1) return ambiguous(measured, what, cues);
    const tag = measured[0];
    if (!tag) return { kind: 'decline', reason: `"${cues.alarmLimit.words.trim()}": no measured value with alarm limits matched` };
    const resolved = resolveLimit(cues.alarmLimit, tag);
    if ('kind' in resolved) return resolved;
    cues.threshold = resolved;
    tags = [tag];
  }
  if (cues.coverage) {
    const several = Boolean(cues.plural || choice.multiId || cues.compare);
    const covered = coverageTags(
      { index: catalog.index, tags, tokens: choice.tokens, coverage: cues.coverage, ...(cues.fns[0] ? { fn: cues.fns[0] } : {}), several },
      (candidates) => ambiguous(candidates, what, cues),
    );
    return 'kind' in covered ? covered : plan({ kind: 'coverage' }, time?.window, covered.tags);
  }
  const shaped = chooseShape(
    { ...choice, tags },
    (operation, window, planTags) => plan(operation, window, planTags),
    (candidates) => ambiguous([...candidates], what, cues),
  );
  if (shaped) return shaped;
  // "the 2-4am flow on the 3rd": one number for those hours; "2-4am flow last week": those hours of each day.
  if (time?.hours && !cues.shape && !cues.series && !cues.bucket && !cues.alarm && !cues.run && cues.fns.every((fn) => fn === 'avg')) {
    const days = (Date.parse(time.window.to) - Date.parse(time.window.from)) / 86_400_000;
    const analog = tags.filter((t) => t.info.dataType !== 'status' && t.info.dataType !== 'counter');
    if (days > 1) {
      if (analog.length > 1 && !(cues.plural || choice.multiId || cues.compare)) return ambiguous(analog, what, cues);
      if (analog.length > 0) return plan({ kind: 'night-flow', ...time.hours }, time.window, analog);
    } else if (cues.fns.length === 0) cues.fns = ['avg'];
  }
  if (cues.alarm) {
    if (choice.tokens.length > 0) tags = linkTags(catalog.index, choice.tokens, { specific: false }).best;
    return chooseAlarmOperation(choice, (operation, window) => plan(operation, window, tags));
  }
  const single = (filtered: IndexedTag[]): IndexedTag | PlanResult =>
    filtered.length === 1 ? filtered[0]! : ambiguous(filtered, what, cues);

  // "pmp 1 hrs yday": hours of a pump asked with no limit and no aggregate are its run-hours; with a limit ("hrs ... below
  // 4 bar") they are the time beyond it, read below.
  const runHours = cues.hoursWord === true && !cues.threshold && cues.fns.length === 0 && tags.some(isStatus);
  // "RunHours increase last week": the change of the run-hour counter itself, not the time its pump's status was on.
  const counterChange = cues.fns.includes('delta') && tags.some((t) => t.info.dataType === 'counter');
  // "how long was each pump stopped": the stopped state of several status tags is their downtime, one row each.
  const stoppedState = cues.threshold?.status === true && cues.threshold.comparator === 'below' && ofStretches(cues.thresholdReport);
  const stoppedGroup =
    stoppedState && (tags.some(isStatus) ? tags.filter(isStatus) : statusTagsNamed(catalog.index, choice.tokens, isStatus)).length > 1;
  const report = cues.stateReport ?? (stoppedGroup ? 'downtime' : undefined);
  // "which pumps ran more than 10 h": each pump's run-hours held to the limit, not a time beyond a value of a tag.
  const hoursLimit = report ? null : runHoursLimit(cues);
  if ((cues.run || runHours || report || hoursLimit) && !counterChange) {
    const measure = report ?? 'run-hours and starts';
    // "hl pumps run hrs": when the words name no status tag as linked (the HL header's energy meter), the status tags they fit.
    const status = tags.some(isStatus) ? tags.filter(isStatus) : statusTagsNamed(catalog.index, choice.tokens, isStatus);
    if (status.length === 0)
      return { kind: 'decline', reason: `${measure} need${report ? 's' : ''} a status (running) tag; ${what} matched none` };
    if (time?.kind === 'instant') return { kind: 'decline', reason: `${measure} need${report ? 's' : ''} a period, not an instant` };
    if (cues.bucket) return wholePeriodDecline(cues.text, cues.bucket, `${measure} ${report ? 'is' : 'are'}`);
    // "bps01 total pump run hrs", "starts at bps3 altogether": one row, every pump's added (summed-run-hours.ts).
    const summed = !report && !hoursLimit && asksSummedRunHours(cues, status.length);
    const several = cues.plural || choice.multiId || cues.rank || cues.compare || stoppedGroup || summed;
    if (status.length > 1 && !several && !(hoursLimit && asksMembers(cues, false))) return ambiguous(status, what, cues);
    // "starts P1/P2 yday": pumps named by number at no site are every station's P1 and P2; which station is asked.
    const sites = numberedAcrossSites(catalog.index, status, choice.tokens, cues.text, cues.entityWords ?? []);
    if (sites) return sites;
    const problem = choice.multiId ? null : checkGroup(catalog.index, status, choice.tokens, what, cues);
    if (problem) return problem;
    // "what was the availability of each pump": a report is ranked only when a superlative asks which one.
    const ranks =
      cues.rank &&
      status.length > 1 &&
      (!report || /\b(?:most|least|longest|shortest|highest|lowest|best|worst|max(?:imum)?|min(?:imum)?)\b/.test(cues.text));
    const withReport = report ? { report } : cues.durationUnit === 'minutes' ? { unit: cues.durationUnit } : {};
    if (hoursLimit) return plan({ kind: 'run-hours', hoursLimit, ...withReport }, time?.window, status);
    if (ranks) {
      // "which pump ran the longest", "most run hrs bps3 pumps" ask for one; "which pumps", "rank", "all" the list.
      const one =
        !(cues.plural && /\bwhich\b/.test(cues.text)) && !RANK_ALL_RE.test(cues.text) && !/\ball\b|\beach\b|\bevery\b/.test(cues.text);
      const limit = cues.limit ?? (one ? 1 : undefined);
      // "ran the least", "fewest starts", "shortest": least first.
      const least =
        /\b(least|fewest|shortest|lowest|min(?:imum)?|less|fewer|shorter)\b/.test(cues.text) &&
        !/\b(most|longest|highest|max(?:imum)?|more|longer)\b/.test(cues.text);
      return plan(
        {
          kind: 'run-hours',
          rankBy: /\bstart/.test(cues.text) ? 'starts' : 'run_hours',
          ...(least ? { order: 'asc' as const } : {}),
          ...(limit !== undefined ? { limit } : {}),
          ...withReport,
        },
        time?.window,
        status,
      );
    }
    return plan({ kind: 'run-hours', ...withReport, ...(summed ? { summed } : {}) }, time?.window, status);
  }
  // "is pump 1 running?", "status of pump 2": the state is the status (running feedback) tag's value.
  const wantsState = STATE_RE.test(cues.text) && cues.fns.length === 0 && !cues.threshold;
  // "are the hl pumps running": the words fit the status tags too, though a meter fit them better ("High-lift pumping energy").
  const stateTags = wantsState && !tags.some(isStatus) ? statusTagsNamed(catalog.index, choice.tokens, isStatus) : [];
  const analog =
    stateTags.length > 0
      ? stateTags
      : wantsState && tags.some(isStatus)
        ? tags.filter(isStatus)
        : tags.some((t) => !isStatus(t)) && cues.fns.length > 0
          ? tags.filter((t) => !isStatus(t))
          : tags;
  // "how long was p2 off": a stopped time, which no plan computes; its status series would not say it (stopped-time.ts).
  const stopped = !cues.threshold && analog.length > 0 && analog.every(isStatus) ? stoppedTimeWord(cues.text) : null;
  if (stopped) return stoppedTimeDecline(stopped);
  if (cues.threshold) {
    const { unit, comparator, value, upper } = cues.threshold;
    // "humidity above 70 %" that matched only a kWh meter: the number is in no matched tag's unit nor converts to it.
    const fitting = tagsForLimit(unit, cues.threshold.status ? tags.filter(isStatus) : analog);
    if (!Array.isArray(fitting)) return fitting;
    // "which critical points went below 2 bar": every member of one measurement, each with its own time beyond the limit.
    const members = memberTags(fitting, cues, choice.multiId);
    const problem = members ? checkGroup(catalog.index, members, choice.tokens, what, cues) : null;
    if (problem) return problem;
    const tag = members ? members[0]! : single(fitting);
    if (!('info' in tag)) return tag;
    if (time?.kind === 'instant') return { kind: 'decline', reason: 'threshold questions need a period, not an instant' };
    // A report no plan computes; "days T1 avg over 4.5 m", "daily max above 5 bar": a statistic compared with the limit
    // is not the signal's time beyond it (thresholdStatistic names the word); "above 0.8" of a tag in %: 0.8 % or 80 %?
    const refused = thresholdBeyondPlan(cues) ?? thresholdStatistic(cues) ?? fractionOfPercent([value, upper], unit, tag);
    if (refused) return refused;
    const report = thresholdReportOf(cues);
    const limit = limitInTagUnit(value, unit, tag) ?? { value };
    const band = upper === undefined ? {} : { upper: (limitInTagUnit(upper, unit, tag) ?? { value: upper }).value };
    const inclusive = cues.threshold.inclusive ? { inclusive: true as const } : {};
    return withNote(
      plan({ kind: 'threshold', comparator, value: limit.value, ...band, ...inclusive, ...report }, time?.window, members ?? [tag]),
      limit.note,
    );
  }
  const group = analog.length > 1;
  if (group && !(cues.plural || choice.multiId || cues.rank || cues.compare)) return ambiguous(analog, what, cues);
  const problem = group && !choice.multiId ? checkGroup(catalog.index, analog, choice.tokens, what, cues) : null;
  if (problem) return problem;

  if (time?.kind === 'instant' && time.at)
    return plan(
      { kind: 'at', at: time.at.toISOString(), ...(time.against ? { against: time.against.toISOString() } : {}) },
      time.window,
      analog,
    );
  if (cues.now || (!time && cues.fns.length === 0 && !cues.series && !cues.bucket)) {
    if (time) return { kind: 'decline', reason: 'unclear whether the latest value or the period named is meant' };
    const window = makeWindow(
      new Date(ctx.now.getTime() - LATEST_LOOKBACK_MS),
      ctx.now,
      ctx.timezone,
      `latest value as of ${formatShort(ctx.now, ctx.timezone)}`,
    );
    // "which tank is lowest rn": the group's latest values ranked, the leader first.
    const leader = group ? SUPERLATIVE_WORDS.exec(cues.text) : null;
    const ranked = group && RANK_ALL_RE.test(cues.text);
    if ((leader && cues.rank) || ranked) {
      const one = !cues.plural && !ranked && !/\ball\b|\beach\b/.test(cues.text);
      // "worst", "best": the side of the tags' alarm limits, or named (rank-direction.ts).
      const direction = superlativeDirection(cues.text, analog);
      if (direction && 'kind' in direction) return direction;
      const order = direction?.order ?? (leader && /lowest|least|smallest|min|emptiest|coldest/.test(leader[0]) ? 'asc' : 'desc');
      return plan({ kind: 'latest', rank: { order, limit: cues.limit ?? (one ? 1 : analog.length) } }, window, analog);
    }
    return plan({ kind: 'latest' }, window, analog);
  }
  if (!time) return plan({ kind: 'latest' }, undefined);
  // A rate (m3/h, L/s, kW: signal-units.ts) asked for its total is integrated over time; a level or pressure has none.
  const allRates = analog.length > 0 && analog.every((t) => t.info.dataType !== 'counter' && rateUnit(t.info.unit) !== null);
  const counters = (fns: AggFn[]): AggFn[] | null => {
    const counter = analog.every((t) => t.info.dataType === 'counter');
    if (fns.includes('sum') && !counter && !allRates) return null;
    return fns.map((fn) => (fn === 'sum' ? (counter ? 'delta' : 'integral') : fn));
  };
  // "how much water went into T3", "power used by P02": the amount a rate delivered over the window is its integral.
  if (allRates && VOLUME_RE.test(cues.text) && !CHANGE_RE.test(cues.text) && cues.fns.every((fn) => fn === 'sum' || fn === 'delta'))
    cues.fns = ['integral'];
  const notRate = (): string => {
    const t = analog.find((a) => a.info.dataType === 'counter' || rateUnit(a.info.unit) === null) ?? analog[0];
    return `${t?.info.name ?? 'this tag'} (${t?.info.unit ? `in ${t.info.unit}` : 'no unit'}) is not a rate over time such as m3/h, L/s or kW`;
  };
  // A counter (a running total such as an energy meter) asked about a period means how much it counted: its change.
  const allCounters = analog.every((t) => t.info.dataType === 'counter');
  if (allCounters && cues.fns.includes('avg'))
    return {
      kind: 'decline',
      reason: `${analog.map((t) => t.info.name).join(', ')} counts a running total, so its average reading means nothing; ask for the total or the change over the period`,
    };
  const defaultFns = (rateOrLevel: AggFn[]): AggFn[] => (cues.fns.length > 0 ? cues.fns : allCounters ? ['delta'] : rateOrLevel);
  if (cues.series || cues.bucket) {
    const bucket = cues.bucket ?? autoBucket(time.window.from, time.window.to);
    // "plant output per day": each bucket's amount (its totaliser's change, else the rate integrated), not the rate's
    // average, minimum and maximum (bucket-amount.ts).
    const amount = !group && analog.length === 1 && asksAmountOnly(cues) ? bucketAmount(analog[0]!, catalog.index.tags) : null;
    if (amount) return plan({ kind: 'series', bucket, fns: [amount.fn] }, time.window, [amount.tag]);
    const fns = counters(defaultFns(group ? ['avg'] : ['avg', 'min', 'max']));
    if (!fns)
      return { kind: 'decline', reason: `${notRate()}, so it has no total over a period; ask for the average, or for a totaliser tag` };
    if (group) return plan({ kind: 'compare', fn: fns[0] ?? 'avg', bucket }, time.window, analog);
    return plan({ kind: 'series', bucket, fns }, time.window, analog);
  }
  if (group) {
    const fns = counters(defaultFns(['avg']));
    if (!fns)
      return { kind: 'decline', reason: `${notRate()}, so it has no total over a period; ask for the average, or for a totaliser tag` };
    const superlative = SUPERLATIVE_WORDS.exec(cues.text);
    // "total energy used by all booster stations": one sum over the group, unless each one's total is asked for.
    if ((cues.fns.includes('sum') || cues.fns.includes('integral')) && !cues.rank && !cues.compare && !PER_MEMBER_RE.test(cues.text)) {
      // Integrals add up when they come out in one unit (m3/h and L/s both give m3).
      const units = new Set(analog.map((t) => (fns[0] === 'integral' ? (rateUnit(t.info.unit)?.amount ?? '') : (t.info.unit ?? ''))));
      if (units.size > 1)
        return { kind: 'decline', reason: `the tags of "${what}" have different units (${[...units].join(', ')}); they cannot be added` };
      return plan({ kind: 'total', fn: fns[0] ?? 'delta' }, time.window, analog);
    }
    const rankWord = RANK_ALL_RE.test(cues.text);
    if ((cues.rank && superlative) || rankWord) {
      const ranked = rankOfMembers(cues, superlative?.[0], analog, fns, catalog.index.tags);
      if ('kind' in ranked) return ranked;
      const { order, fn, tags: members } = ranked;
      // "for each DMA, the peak inflow": a superlative that is the statistic, asked of every member; all are listed.
      const all = RANK_ALL_RE.test(cues.text) || /\ball\b|\beach\b|\bevery\b/.test(cues.text);
      return plan({ kind: 'rank', fn, order, limit: cues.limit ?? (all ? members.length : 1) }, time.window, members);
    }
    return plan({ kind: 'compare', fn: fns[0] ?? 'avg' }, time.window, analog);
  }
  // A bare tag and a period ("dma2 flw yday", "flow @ ps2 since 8") asks one number: the period's time-weighted average,
  // with its range beside it. A series needs a word for it (trend, hourly, plot); a status tag's period stays a series.
  if (cues.fns.length === 0 && !allCounters)
    return analog.some(isStatus)
      ? plan({ kind: 'series', bucket: autoBucket(time.window.from, time.window.to), fns: ['avg', 'min', 'max'] }, time.window, analog)
      : plan({ kind: 'aggregate', fns: ['avg', 'min', 'max'] }, time.window, analog);
  const fns = counters(defaultFns([]));
  if (!fns)
    return { kind: 'decline', reason: `${notRate()}, so it has no total over a period; ask for the average, or for a totaliser tag` };
  // "when was the pressure highest", "time of max level": the extreme and the first instant the signal reached it.
  const extremes = fns.filter((fn): fn is 'max' | 'min' => fn === 'max' || fn === 'min');
  const when = WHEN_RE.test(cues.text) && extremes.length === 1 && !allCounters ? { when: extremes[0] } : {};
  // "hi and lo and when": the plan gives the moment of one extreme; both asked is named rather than given without times.
  if (WHEN_RE.test(cues.text) && extremes.length > 1 && !allCounters)
    return { kind: 'decline', reason: 'I could not place "when" beside both the highest and the lowest value; ask for one at a time' };
  return plan({ kind: 'aggregate', fns, ...when }, time.window, analog);
}
