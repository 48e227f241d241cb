// The plan of a night-flow question: which flows (an area's inflow before a station's throughput), which nights (the
// newest whose hours have passed for "last night"), and what of them (each night, their mean, the areas or the nights
// ranked, two periods compared); what cannot be read so is declined.
import type { ResolvedWindow } from '../answer.ts';
import type { Choice } from './choose-operation.ts';
import type { Operation, PlanResult } from './plan.ts';
import { nightSpans, previousSpan } from './period-spans.ts';
import type { IndexedTag } from './tag-catalog.ts';
import { makeWindow } from './time-window.ts';
import { areaRankOrder, asksMeanOfNights, peakNightFlowReason, peakNightFlowWords, statisticOfNights } from './night-flow-ask.ts';

/** Night hours of "minimum night flow" in plant time when the site configures none: 02:00 to 04:00. */
export const DEFAULT_NIGHT_HOURS = { fromHour: 2, toHour: 4 } as const;

type Build = (operation: Operation, window: ResolvedWindow | undefined, tags: readonly IndexedTag[]) => PlanResult;
type Ask = (tags: readonly IndexedTag[]) => PlanResult;
type Hours = { fromHour: number; toHour: number };

/** A site that is a supply area (a district metered area, a zone), as its catalog code, name or description says. */
const AREA_SITE_RE = /\b(?:dma\d*|district|zone|metered area|supply area)\b/i;
/** Words that set two things side by side: with one flow and one period, the other side is not a night flow. */
const VERSUS_RE = /\b(?:vs\.?|versus|compared? (?:to|with)|against)\b/;
/** "rank", "ranking", "ranked": every area in order, not only the first. */
const RANK_ALL_RE = /\brank(?:ing|ed|s)?\b|\bleague table\b|\bin order\b/;

/** What a description says a thing is: its words before the first preposition or comma ("High zone Sonnenhang"). */
const headOf = (description: string): string => description.split(/,|\b(?:from|into|to|through|by|fed|with|for|of)\b/i)[0] ?? '';

/** A flow measured on a site that is an area (its code, name or what its description says it is), not into a station. */
const isAreaInflow = (t: IndexedTag): boolean =>
  [t.info.site, t.info.siteName, headOf(t.info.siteDescription ?? '')].some((text) => text !== undefined && AREA_SITE_RE.test(text));

/**
 * The flows a night flow is read of. A minimum night flow is an area's inflow: when a place's name fits an area and a
 * station of the same name ("Sonnenhang": DMA05 Sonnenhang and the booster station Sonnenhang), the area's inflow.
 */
export function nightFlowTags(flows: readonly IndexedTag[]): readonly IndexedTag[] {
  const areas = flows.filter(isAreaInflow);
  return areas.length > 0 && areas.length < flows.length ? areas : flows;
}

/** The newest night whose hours have passed at `now`. */
export function lastNight(now: Date, timezone: string, hours: Hours): ResolvedWindow {
  const day = makeWindow(new Date(now.getTime() - 2 * 86_400_000), now, timezone, 'last two days');
  const last = nightSpans(day, hours.fromHour, hours.toHour).at(-1);
  if (!last) return day;
  return makeWindow(last.from, last.to, timezone, 'last night');
}

/**
 * The nights a window asks for. "last night" is the newest night whose night hours have passed, whatever the hour it
 * is asked (01:30, 03:00, 23:00); a morning ("this morning", "yesterday morning") holds the night hours that end it.
 */
function nightWindow(window: ResolvedWindow | undefined, choice: Choice, hours: Hours): ResolvedWindow {
  const { ctx } = choice;
  if (!window || window.label.startsWith('last night')) return lastNight(ctx.now, ctx.timezone, hours);
  if (nightSpans(window, hours.fromHour, hours.toHour).length > 0 || !/^[a-z ]*morning\b/.test(window.label)) return window;
  const from = new Date(new Date(window.from).getTime() - 12 * 3_600_000);
  const night = nightSpans(makeWindow(from, new Date(window.to), window.timezone, 'morning'), hours.fromHour, hours.toHour).at(-1);
  return night ? makeWindow(night.from, night.to, window.timezone, window.label.replace(/\s*\(.*\)$/, '')) : window;
}

/** The plan of a night-flow cue (shape-cues.ts) over the tags the question matched. */
export function chooseNightFlow(choice: Choice, build: Build, ask: Ask, isRateTag: (t: IndexedTag) => boolean): PlanResult {
  const { cues, time, ctx } = choice;
  const shape = cues.shape;
  if (shape?.kind !== 'night-flow') throw new Error('chooseNightFlow without a night-flow cue');
  const words = `"${shape.words.trim()}"`;
  const group = cues.plural || choice.multiId || cues.rank || cues.compare;
  const matched = choice.tags.filter((t) => t.info.dataType !== 'status' && t.info.dataType !== 'counter' && isRateTag(t));
  if (matched.length === 0)
    return {
      kind: 'decline',
      reason: `${words} needs a flow tag; ${choice.tags.map((t) => t.info.name).join(', ') || 'nothing'} matched none`,
    };
  const flows = nightFlowTags(matched);
  if (flows.length > 1 && !group) return ask(flows);
  if (time?.kind === 'instant')
    return { kind: 'decline', reason: `${words} is taken over nights; name a night or period, e.g. "last night" or "last week"` };
  const hours = ctx.nightHours ?? DEFAULT_NIGHT_HOURS;
  const window = nightWindow(time?.window, choice, hours);
  const nights = nightSpans(window, hours.fromHour, hours.toHour).length;
  if (nights === 0)
    return { kind: 'decline', reason: `no night's ${hours.fromHour}:00–${hours.toHour}:00 lies wholly inside ${window.label}` };
  if (shape.previous) return comparePeriods(shape.previous, window, hours, flows, build, choice);
  if (shape.before) {
    const span = previousSpan(window, shape.before);
    const what = shape.before === 'day' && nights === 1 ? 'night' : shape.before;
    const earlier = makeWindow(span.from, span.to, window.timezone, `the ${what} before`);
    return comparePeriods(earlier, window, hours, flows, build, choice);
  }
  // "min night flow vs average flow": the other side of the comparison is no night flow the plan computes.
  if (flows.length === 1 && VERSUS_RE.test(cues.text.toLowerCase()))
    return {
      kind: 'decline',
      reason: `I could not place "${VERSUS_RE.exec(cues.text.toLowerCase())?.[0] ?? 'vs'}": the night flow of ${flows[0]?.info.name ?? 'the flow'} is compared with something that is not a night flow of another period or area; ask for each on its own`,
    };
  if (shape.order) {
    // "which night": one flow, several nights to choose among.
    if (flows.length > 1) return ask(flows);
    if (nights < 2) return { kind: 'decline', reason: `${words}: "which night" needs a period of several nights, e.g. "last week"` };
    return build({ kind: 'night-flow', ...hours, order: shape.order, limit: cues.limit ?? 1 }, window, flows);
  }
  // "max night flow": the minimum night flow is an average and has no maximum; the decline says what to ask instead.
  // ("which DMA had the highest night flow" ranks the areas by it.)
  // ("rank the DMAs by maximum night flow" ranks by a maximum of the night flow, which it has not.)
  const rankAll = flows.length > 1 && RANK_ALL_RE.test(cues.text.toLowerCase());
  const peak = flows.length > 1 && cues.rank && !rankAll ? undefined : peakNightFlowWords(cues.text);
  if (peak) return { kind: 'decline', reason: peakNightFlowReason(peak, hours, flows[0]?.info.name ?? 'the flow') };
  // "which DMA had the highest MNF last night", "rank the DMAs by MNF": the areas ranked on that night; over several
  // nights by the mean of their nights (a "max MNF" of several nights is another statistic, declined named).
  const other = statisticOfNights(cues.text);
  if (flows.length > 1 && cues.rank && nights > 1 && other)
    return {
      kind: 'decline',
      reason: `I could not place "${other}": the areas are ranked by the mean of their nights' night flows; ask for the average, or for one night`,
    };
  const areaOrder = flows.length > 1 && cues.rank ? (areaRankOrder(cues.text) ?? (rankAll ? 'desc' : undefined)) : undefined;
  if (areaOrder) {
    const limit = cues.limit ?? (rankAll ? flows.length : 1);
    return build({ kind: 'night-flow', ...hours, order: areaOrder, limit, ...(nights > 1 ? { mean: true } : {}) }, window, flows);
  }
  // "avg MNF over the last 7 nights": one mean of the nights.
  if (nights > 1 && asksMeanOfNights(cues.fns)) return build({ kind: 'night-flow', ...hours, mean: true }, window, flows);
  return build({ kind: 'night-flow', ...hours }, window, flows);
}

/** "MNF last week vs the week before", "last night vs the night before": the mean of each period's nights. */
function comparePeriods(
  previous: ResolvedWindow,
  window: ResolvedWindow,
  hours: Hours,
  flows: readonly IndexedTag[],
  build: Build,
  choice: Choice,
): PlanResult {
  const earlier = nightWindow(previous, choice, hours);
  if (nightSpans(earlier, hours.fromHour, hours.toHour).length === 0)
    return { kind: 'decline', reason: `no night's ${hours.fromHour}:00–${hours.toHour}:00 lies wholly inside ${earlier.label}` };
  if (new Date(earlier.to).getTime() > new Date(window.from).getTime())
    return { kind: 'decline', reason: `the two periods overlap (${earlier.label}; ${window.label}); compare two that do not` };
  return build({ kind: 'night-flow', ...hours, previous: { from: earlier.from, to: earlier.to, label: earlier.label } }, window, flows);
}
