// Picks the plan of a shape cue (shape-cues.ts): which tags it reads, its function, its window, or why it cannot.
import type { ResolvedWindow } from '../answer.ts';
import type { Choice } from './choose-operation.ts';
import type { AggFn, Decline, Operation, PlanResult } from './plan.ts';
import { lastCompletePeriod, MAX_SPANS, bucketSpans, wholeBucketWindow } from './period-spans.ts';
import type { IndexedTag } from './tag-catalog.ts';
import { makeWindow } from './time-window.ts';
import { rateUnit } from './signal-units.ts';
import { fractionOfPercent, limitInTagUnit, tagsForLimit, withNote } from './limit-units.ts';
import { AMOUNT_RE } from './amount-tags.ts';
import { asksAmountOnly, bucketAmount, withoutMovedBy } from './bucket-amount.ts';
import { checkTogether, namedOneByOne, ofNamedKind, pairedBySite, saidCount, siteChoice, statusTagsNamed } from './together-check.ts';
import { chooseNightFlow } from './choose-night-flow.ts';
import { bucketStatistic } from './untaken-statistic.ts';
import { DAY_OF_WEEK_RE } from './counted-buckets.ts';
import { superlativeDirection } from './rank-direction.ts';
import { asksCount, asksLongest, asksStretches } from './threshold-report.ts';
import { lookbackWindow } from './lookback-window.ts';
import { memberStatesOf } from './group-mixed-state.ts';
import { isMixed } from './group-state.ts';

type Build = (operation: Operation, window: ResolvedWindow | undefined, tags: readonly IndexedTag[]) => PlanResult;
type Ask = (tags: readonly IndexedTag[]) => PlanResult;

const isStatus = (t: IndexedTag): boolean => t.info.dataType === 'status';
const isCounter = (t: IndexedTag): boolean => t.info.dataType === 'counter';
/**
 * A rate (flow, power): an amount per time (signal-units.ts), whose bucket's "highest flow" is its average. Not a speed
 * such as a vibration's mm/s: its highest day is its maximum, as a level's or a pressure's.
 */
const isRate = (t: IndexedTag): boolean => rateUnit(t.info.unit) !== null;
/** Words of a value moving inside a bucket ("dropped the most", "rose most"): a change, not a statistic of the value. */
const BUCKET_CHANGE_RE =
  /\b(?:drop(?:ped|s)?|f[ae]ll|falls|falling|decrease[sd]?|declined?|rise|rose|rises|rising|risen|increase[sd]?|climb(?:ed|s)?|gain(?:ed)?|swing|swings|range|variation|fluctuat\w*)\b/;
/** "per pump", "each station": a member of a group, where a bucket ranking ranks the buckets of one signal. */
const PER_MEMBER_RE = /\b(?:per|each|every)\s+(?!(?:hour|hr|day|date|week|wk|month|night|shift)s?\b)[a-z]+/;
/** "each day", "every week", "by day": a larger bucket inside which each smaller one would be ranked. */
const WITHIN_BUCKET_RE = /\b(?:each|every|by)\s+(hour|day|week|month)s?\b/;
const names = (tags: readonly IndexedTag[]): string => tags.map((t) => t.info.name).join(', ');
/** "all", "every", "each", "both": every one of the things, not any of them. */
const EVERY_ONE_RE = /\b(?:all|every|each|both|whole)\b/;

/**
 * "when were bps3 pumps running together", "hl pmps in parallel": more than two pumps named by their kind alone, with no
 * count and no "all", run together when any two or more run at once (parallel running); all three at once is asked
 * with "all". Pumps named one by one ("p1, p2 and p3") or a count said are taken as said. Only running: "no hl pump
 * running" is every one stopped (the caller asks this for the running state alone).
 */
function anyTwoOf(status: readonly IndexedTag[], choice: Choice, words: string): boolean {
  if (status.length <= 2 || namedOneByOne(status, choice.tokens)) return false;
  return !EVERY_ONE_RE.test(`${choice.cues.text} ${words}`) && saidCount(choice.cues.text) === undefined;
}

/**
 * The plan for a shape cue, or null when the cue does not decide the plan (an alarm question that says "when did"
 * with no state or limit is an alarm list). `build` makes the plan (declining without a window), `ask` asks back.
 */
export function chooseShape(choice: Choice, build: Build, ask: Ask): PlanResult | null {
  const { cues, time, ctx } = choice;
  const shape = cues.shape;
  if (!shape) return null;
  const tags = choice.tags;
  const group = cues.plural || choice.multiId || cues.rank || cues.compare;
  const instant = time?.kind === 'instant';
  const words = `"${shape.words.trim()}"`;
  switch (shape.kind) {
    case 'crossing': {
      if (cues.alarm && !cues.threshold && !shape.event) return null;
      if (instant) return { kind: 'decline', reason: `${words} asks for a moment inside a period; name the period, e.g. "yesterday"` };
      if (cues.threshold) {
        const { unit, comparator, value } = cues.threshold;
        // "when did it leave 3-5 bar": the moment of a band is not computed (only of one side of a limit).
        if (comparator === 'between' || comparator === 'outside')
          return {
            kind: 'decline',
            reason: `${words} with a band of two values: the first moment inside or outside a band is not computed yet; ask when it went above the upper or below the lower value`,
          };
        const candidates = tagsForLimit(
          unit,
          tags.filter((t) => !isStatus(t)),
        );
        if (!Array.isArray(candidates)) return candidates;
        if (candidates.length !== 1)
          return candidates.length === 0 ? { kind: 'decline', reason: `${words}: no measured value matched` } : ask(candidates);
        const fraction = fractionOfPercent([value], unit, candidates[0]!);
        if (fraction) return fraction;
        const limit = limitInTagUnit(value, unit, candidates[0]!) ?? { value };
        return withNote(
          build(
            { kind: 'crossing', event: comparator, value: limit.value, ...(shape.last ? { which: 'last' as const } : {}) },
            time?.window,
            candidates,
          ),
          limit.note,
        );
      }
      // "when was the pressure highest", "at what time did the inflow peak": the time of an extreme (an aggregate).
      if (!shape.event && cues.fns.some((fn) => fn === 'max' || fn === 'min')) return null;
      if (!shape.event)
        return {
          kind: 'decline',
          reason: `${words} asks for a moment; say what happened: started, stopped, or went above / below a value`,
        };
      // "which hl pump was the first to start": words that linked no running signal (the HL header) may still name some.
      const named = tags.some(isStatus) ? [] : statusTagsNamed(choice.catalog.index, choice.tokens, isStatus);
      const status = tags.some(isStatus) ? tags.filter(isStatus) : shape.one && named.length > 1 ? named : [];
      if (status.length === 0) return { kind: 'decline', reason: `"${shape.event}" needs a running (status) tag; ${names(tags)} has none` };
      // "first high-lift pump start today", "which bps01 pump started first": the earliest (latest) across the pumps of
      // one site, naming the pump. Asked back: no first, last or which ("when did the bps1 pumps start" asks each
      // time), pumps at several sites ("when did p1 start"), no window.
      if (status.length > 1) {
        if (!shape.one || !time?.window) return ask(status);
        const sites = new Set(status.map((t) => t.info.site ?? t.info.name.split('/')[0]));
        if (sites.size > 1) return siteChoice(status, cues.text, cues.entityWords ?? []) ?? ask(status);
      }
      // "last stop bps01 p2": the last one in all the data when no window is named (lookback-window.ts).
      const window = time?.window ?? (shape.last ? lookbackWindow(ctx.now, ctx.timezone) : undefined);
      return build({ kind: 'crossing', event: shape.event, ...(shape.last ? { which: 'last' as const } : {}) }, window, status);
    }
    case 'together': {
      if (shape.anchor)
        return {
          kind: 'decline',
          reason: `I could not place "${shape.anchor}": a window set by another event is not read; name the time, e.g. "26/8 15:55-16:15"`,
        };
      // "2+ hl pumps on": words that linked no running signal (the HL header) may still name some among the running ones.
      const linked = tags.some(isStatus) ? tags.filter(isStatus) : statusTagsNamed(choice.catalog.index, choice.tokens, isStatus);
      const named = ofNamedKind(linked, cues.text);
      // "bps1 p1 and bps3 p2": each thing with its own site, not every site's p1 and p2 (together-check.ts).
      const status = pairedBySite(choice.catalog.index, named, choice.tokens) ?? named;
      if (status.length < 2)
        return {
          kind: 'decline',
          reason: `${words} needs two or more running (status) tags; the question matched ${status.length === 0 ? 'none' : names(status)}`,
        };
      if (instant) return { kind: 'decline', reason: `${words} asks about a period, not an instant` };
      const atLeast = shape.atLeast ?? (!shape.state && anyTwoOf(status, choice, shape.words) ? 2 : undefined);
      if (atLeast !== undefined && atLeast > status.length)
        return { kind: 'decline', reason: `${words}: only ${status.length} running signals matched (${names(status)})` };
      const unclear = checkTogether(status, cues.text, cues.entityWords ?? [], atLeast !== undefined);
      if (unclear) return unclear;
      // "p1 & p2 on but p3 off": the state each one is asked in; "both off": every one stopped (group-mixed-state.ts).
      const states =
        shape.state === 'stopped' ? status.map(() => 'stopped' as const) : shape.state && memberStatesOf(status, shape.state.stopped);
      if (states === null || (states && isMixed(states) && atLeast !== undefined))
        return { kind: 'decline', reason: `I could not tell which of ${names(status)} ${words} asks stopped and which running` };
      const unit = cues.durationUnit === 'minutes' ? { unit: cues.durationUnit } : {};
      // "how many times did bps1 run 2 pumps": how many stretches, not each of them; "longest overlap" (also beside
      // "how many times"): the longest one, with the count and the total in its sentence.
      // "from when to when", "when and how long": each stretch with its times.
      const report =
        cues.thresholdReport === 'share'
          ? { report: 'share' as const }
          : asksLongest(cues.text)
            ? { report: 'longest' as const }
            : asksCount(cues.text)
              ? { report: 'count' as const }
              : asksStretches(cues.text)
                ? { report: 'stretches' as const }
                : {};
      return build(
        {
          kind: 'together',
          ...(atLeast !== undefined && atLeast < status.length ? { atLeast } : {}),
          ...unit,
          ...report,
          ...(states ? { states } : {}),
        },
        time?.window,
        status,
      );
    }
    case 'events': {
      // "at what times did the hl pumps start and stop": each event's time, of every running signal named.
      const status = tags.some(isStatus) ? tags.filter(isStatus) : statusTagsNamed(choice.catalog.index, choice.tokens, isStatus);
      if (status.length === 0) return { kind: 'decline', reason: `${words} needs a running (status) tag; the question matched none` };
      if (instant) return { kind: 'decline', reason: `${words} asks about a period, not an instant` };
      // "any pumps stop o/n": every site's stops, each row naming its tag, not one site's.
      const sites = shape.any ? null : siteChoice(status, cues.text, cues.entityWords ?? []);
      if (sites) return sites;
      return build({ kind: 'state-events', events: shape.events, ...(shape.count ? { count: true as const } : {}) }, time?.window, status);
    }
    case 'last-run': {
      // "how long did hl p2 run last time it ran": one pump's newest run, searched back when no window is named.
      const status = tags.filter(isStatus);
      if (status.length === 0) return { kind: 'decline', reason: `${words} needs a running (status) tag; ${names(tags)} has none` };
      if (status.length > 1) return ask(status);
      if (instant) return { kind: 'decline', reason: `${words} asks about a period, not an instant` };
      return build({ kind: 'last-run' }, time?.window ?? lookbackWindow(ctx.now, ctx.timezone), status);
    }
    case 'correlation': {
      const analog = tags.filter((t) => !isStatus(t) && !isCounter(t));
      const pick = analog.length >= 2 ? analog : tags;
      if (pick.length !== 2)
        return {
          kind: 'decline',
          reason: `${words} relates exactly two tags; the question matched ${pick.length === 0 ? 'none' : `${pick.length}: ${names(pick.slice(0, 6))}`}`,
        };
      if (instant) return { kind: 'decline', reason: `${words} needs a period, not an instant` };
      return build({ kind: 'correlation' }, time?.window, pick);
    }
    case 'change': {
      // "alarms today vs yday": the alarm answers count or list one period; two are not compared in one answer.
      if (cues.alarm)
        return { kind: 'decline', reason: `I could not place ${words}: alarms are counted or listed for one period; ask for each period` };
      const periodOnly = amountOf(periodFn(cues.fns, tags, amountAsked(cues.text)), tags);
      if (typeof periodOnly !== 'string') return periodOnly;
      // "was yesterday's output higher than the day before": each day's amount, from the rate's own totaliser where the
      // catalog has one (the plant's count of what went through), else the rate integrated (bucket-amount.ts).
      const amount =
        tags.length === 1 && (periodOnly === 'integral' || (periodOnly === 'avg' && cues.fns.length === 0 && asksAmountOnly(cues)))
          ? bucketAmount(tags[0]!, choice.catalog.index.tags)
          : null;
      const fn = amount?.fn ?? periodOnly;
      const measured = amount ? [amount.tag] : tags;
      if (tags.length > 1 && !group) return ask(tags);
      if (instant) return { kind: 'decline', reason: `${words} compares periods; name one, e.g. "yesterday" or "last week"` };
      const window =
        time?.window ??
        (() => {
          const span = lastCompletePeriod(ctx.now, shape.period, ctx.timezone);
          return makeWindow(span.from, span.to, ctx.timezone, `last complete ${shape.period}`);
        })();
      const previous = shape.previous
        ? { previous: { from: shape.previous.from, to: shape.previous.to, label: shape.previous.label } }
        : {};
      return build({ kind: 'change', fn, period: shape.period, ...previous }, window, measured);
    }
    case 'bucket-rank': {
      const candidates = tags.filter((t) => !isStatus(t));
      if (candidates.length !== 1)
        return candidates.length === 0 ? { kind: 'decline', reason: `${words}: no measured value matched` } : ask(candidates);
      // "which day did the plant send out the most water": each bucket's amount (bucket-amount.ts), not the rate's mean.
      const amount =
        asksAmountOnly(cues) && !bucketStatistic(cues.text, shape.order) ? bucketAmount(candidates[0]!, choice.catalog.index.tags) : null;
      const tag = amount?.tag ?? candidates[0]!;
      // "which day did the T1 level drop the most": a change inside each bucket, which the ranking does not compute
      // (a counter's rise is its amount, which it does).
      const change = isCounter(tag) ? null : BUCKET_CHANGE_RE.exec(cues.text);
      if (change)
        return {
          kind: 'decline',
          reason: `I could not place "${change[0]}": the ${shape.bucket}s are ranked by a statistic of the value (average, minimum, maximum), not by how much it moved inside each; ask e.g. "which ${shape.bucket} had the lowest level"`,
        };
      // "the highest day per pump": the buckets of one tag are ranked, not each member's.
      const perMember = PER_MEMBER_RE.exec(cues.text);
      if (perMember)
        return {
          kind: 'decline',
          reason: `I could not place "${perMember[0]}": the ${shape.bucket}s of one signal are ranked, not those of each member; ask for one at a time`,
        };
      // "the busiest hour each day": the first bucket of each larger one, which one ranking of the period does not give.
      const within = WITHIN_BUCKET_RE.exec(cues.text);
      if (within && !within[1]?.startsWith(shape.bucket))
        return {
          kind: 'decline',
          reason: `I could not place "${within[0]}": the ${shape.bucket}s of the whole period are ranked, not those of each ${within[1]?.replace(/s$/, '')}; ask for one ${within[1]?.replace(/s$/, '')} at a time`,
        };
      // "worst day for chlorine": the side the alarm limits say is bad, or a decline when they do not say.
      const direction = superlativeDirection(cues.text, [tag]);
      if (direction && 'kind' in direction) return direction;
      const order = direction?.order ?? shape.order;
      // "highest avg", or a second superlative beside the order ("the day with the highest peak flow"): its statistic.
      const explicit = cues.fns.find((f) => f !== 'min' && f !== 'max') ?? bucketStatistic(cues.text, order);
      const fn = amountOf(
        amount?.fn ?? (isCounter(tag) ? 'delta' : (explicit ?? (isRate(tag) ? 'avg' : order === 'asc' ? 'min' : 'max'))),
        [tag],
      );
      if (typeof fn !== 'string') return fn;
      if (!time || instant) return { kind: 'decline', reason: `${words} needs a period to look in, e.g. "last week" or "in September"` };
      const window = wholeBucketWindow(time.window, shape.bucket);
      const spans = bucketSpans(window, shape.bucket);
      if (!spans)
        return {
          kind: 'decline',
          reason: `${words} over ${time.window.label} means more than ${MAX_SPANS} ${shape.bucket}s; ask for a shorter period`,
        };
      // "which day of the week" over more than a week: each weekday is several dates (a weekday profile), not one day.
      const weekday = shape.bucket === 'day' && spans.length > 7 ? DAY_OF_WEEK_RE.exec(cues.text) : null;
      if (weekday)
        return {
          kind: 'decline',
          reason: `I could not place "${weekday[0]}": over ${time.window.label} each weekday is several dates, and the quick planner ranks single days; ask "which day ..." for the date`,
        };
      const limit = cues.limit ?? shape.limit ?? (shape.all ? spans.length : 1);
      return build({ kind: 'bucket-rank', fn, bucket: shape.bucket, order, limit }, window, [tag]);
    }
    case 'night-flow':
      return chooseNightFlow(choice, build, ask, isRate);
    case 'shift-log':
      return null;
  }
}

/**
 * A total asked of tags that are not counters: a rate's is its integral over the period (signal-units.ts: m3/h -> m3);
 * a level or a pressure has none, which the decline says.
 */
function amountOf(fn: AggFn, tags: readonly IndexedTag[]): AggFn | Decline {
  if (fn !== 'sum' || tags.every(isCounter)) return fn;
  if (tags.every((t) => !isCounter(t) && rateUnit(t.info.unit) !== null)) return 'integral';
  const t = tags.find((x) => isCounter(x) || rateUnit(x.info.unit) === null) ?? tags[0];
  return {
    kind: 'decline',
    reason: `${t?.info.name ?? 'this tag'} (${t?.info.unit ? `in ${t.info.unit}` : 'no unit'}) is not a rate over time such as m3/h, L/s or kW, so it has no total over a period; ask for the average, or for a totaliser tag`,
  };
}

/**
 * The function of a period's statistic: as asked, else a counter's change, a rate's amount when an amount is asked
 * ("m3 this week vs last week": its integral), and a level's or rate's average.
 */
function periodFn(fns: readonly AggFn[], tags: readonly IndexedTag[], amount: boolean): AggFn {
  const counters = tags.length > 0 && tags.every(isCounter);
  // "day on day diff of the flow": the difference is the change itself, not the function of each period.
  const asked = fns.find((fn) => fn !== 'delta') ?? (counters ? 'delta' : undefined);
  if (counters && (!asked || asked === 'sum' || asked === 'avg')) return 'delta';
  if (!asked && amount && tags.length > 0 && tags.every((t) => !isCounter(t) && rateUnit(t.info.unit) !== null)) return 'integral';
  return asked ?? 'avg';
}

/** An amount asked ("volume", "m3", "how much water"), not how much a value moved ("how much higher"). */
const amountAsked = (text: string): boolean => AMOUNT_RE.test(withoutMovedBy(text));
