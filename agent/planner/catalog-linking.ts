// Linking the question's tokens to the tags of each catalog: the best linking over all catalogs, or why none fits.
import { alarmSoftWordDecline } from './alarm-soft-words.ts';
import { planCatalog } from './catalog-ask.ts';
import { chooseOperation } from './choose-operation.ts';
import { KIND_DEFAULT_MEASUREMENT } from './question-lexicon.ts';
import { measurementsOf } from './group-check.ts';
import { askBack } from './ask-back.ts';
import { AMOUNT_RE, amountTags, isVolumeFlow, readFlowSide } from './amount-tags.ts';
import { rateUnit } from './signal-units.ts';
import { linkEntities, linkPair, placeTokens, type Linked, type PlacedTokens } from './link-entities.ts';
import { nearestMeasurement } from './nearest-measurement.ts';
import { stem, tokenize, type IndexedTag, type QueryToken } from './tag-catalog.ts';
import { makeWindow } from './time-window.ts';
import { fitsAskedUnit, type AskedUnit } from './asked-unit.ts';
import { conjoinedTags } from './conjoined-things.ts';
import { untakenDecline } from './taken-up.ts';
import { unplacedDecline } from './unplaced-words.ts';
import { disjointDecline, disjointWords } from './disjoint-words.ts';
import { escapeRe } from './phrase-pattern.ts';
import type { PlannerCatalog } from './planner-catalog.ts';
import { inAskedUnit, type Planned } from './planned.ts';
import type { PlanPass } from './question-text.ts';
import type { ShapeAndTime } from './shape-and-time.ts';
import type { CueReading } from './question-cues.ts';
import { withAlternatives, type ContentWords } from './content-words.ts';

/** The tags of one catalog the question names, with the tokens linked and the words no tag took up. */
export interface Best {
  catalog: PlannerCatalog;
  tags: IndexedTag[];
  multiId: boolean;
  tokens: QueryToken[];
  ignored: string[];
  held?: string[];
}

/** The best linking over the catalogs (fewest tags), the first failure, and a note on an amount answered by another tag. */
export interface Linking {
  best: Best | undefined;
  failure: Planned | undefined;
  amountNote: string | undefined;
}

/** Links the tokens in each catalog; a plan or decline found on the way (a catalog list, the nearest tag) is returned. */
export function linkAcrossCatalogs(
  pass: PlanPass,
  frame: ShapeAndTime,
  reading: CueReading,
  words: ContentWords,
): { planned: Planned } | Linking {
  const { catalogs, vocabulary, verbal, ctx, original } = pass;
  const { shapeCue } = frame;
  const { cues, catalogAsk } = reading;
  const { tokens, sides } = words;
  const sideTokens = sides.map((words) => tokenize(words).map((t) => withAlternatives(t, vocabulary))) as [QueryToken[], QueryToken[]];
  let amountNote: string | undefined;
  let best: Best | undefined;
  let failure: Planned | undefined;
  for (const catalog of catalogs) {
    if (tokens.length === 0) {
      best = { catalog, tags: [], multiId: false, tokens: [], ignored: [] };
      break;
    }
    if (shapeCue?.kind === 'correlation' && sides[1].length > 0) {
      const pair = linkPair(catalog.index, sideTokens, vocabulary, verbal);
      if (pair) {
        // The words neither side placed still go to the placed-word contract ("... last week after the refill").
        const rest = placeTokens(catalog.index, tokens, vocabulary, verbal);
        best = { catalog, tags: pair, multiId: true, tokens, ignored: rest.ignored, held: rest.held };
        break;
      }
    }
    const placed = placeTokens(catalog.index, tokens, vocabulary, verbal);
    if (placed.blocking.length > 0) {
      failure ??= {
        kind: 'decline',
        reason: `I did not understand ${placed.blocking.map((w) => `"${w}"`).join(', ')}: no tag, asset or description matches, and it stands where a tag or measurement is named`,
      };
      continue;
    }
    if (placed.unplaced.length > 0) {
      failure ??= {
        kind: 'decline',
        reason: `I could not place ${placed.unplaced.map((w) => `"${w}"`).join(', ')}: it changes what is asked, and the quick planner has no way to apply it to this question`,
      };
      continue;
    }
    const useful = placed.tokens;
    // "pressure alarms, network and pump stations": a word joined by "and" to the words that chose the tags is part of
    // the asked set; dropped because no tag carries it, the answer would cover only the other part.
    const joined = joinedDrop(original, placed.dropped, tokens);
    if (joined) {
      failure ??= {
        kind: 'decline',
        reason: `I could not place "${joined.word}": it is joined to "${joined.other}", so the question asks for both, and no tag of the kind asked carries "${joined.word}"; ask for each part on its own, naming its tags`,
      };
      continue;
    }
    // "process alarms", "network alarms": a general word that says which alarms, placed by no site or asset name.
    const softWord = cues.alarm
      ? alarmSoftWordDecline({
          original,
          tokens,
          kept: useful,
          index: catalog.index,
          vocabulary,
        })
      : null;
    if (softWord) {
      failure ??= softWord;
      continue;
    }
    if (catalogAsk && useful.length > 0) {
      const listed = planCatalog({
        index: catalog.index,
        source: catalog.source.name,
        tokens: useful,
        cue: catalogAsk.cue,
        hasSites: catalog.source.historian?.assets?.site !== undefined,
        window: makeWindow(ctx.now, ctx.now, ctx.timezone, 'the catalog, no time window'),
      });
      if (listed?.kind === 'plan') return { planned: unplacedDecline(listed, placed, vocabulary) ?? listed };
      if (listed) {
        failure ??= listed;
        continue;
      }
    }
    if (useful.length === 0 && !cues.alarm) {
      failure ??= {
        kind: 'decline',
        reason: `I could not find a tag, asset or measurement for ${placed.ignored.map((w) => `"${w}"`).join(', ') || 'the question'}`,
        // "same for last week": nothing named, so a follow-up keeps the earlier question's things.
        followUp: pass.previous !== undefined,
      };
      continue;
    }
    const tagsLinked = linkInCatalog(pass, catalog, useful, reading, sideTokens, shapeCue);
    const linked = tagsLinked.linked;
    if (tagsLinked.amountNote !== undefined) amountNote = tagsLinked.amountNote;
    if (linked.kind === 'fail') {
      const nearest = nearestTagPlan(pass, catalog, useful, placed, frame, reading);
      if (nearest && 'planned' in nearest) return nearest;
      if (nearest && !failure) failure = askBack(nearest.reason, nearest.tags, original, words.content);
    }
    // "clearwell pump alarms": the clearwell's tags and the pumps' tags, though no tag is both, unless two things are
    // compared ("suction vs discharge"; disjoint-words.ts).
    const apart = linked.kind === 'ok' && !cues.compare ? disjointWords(catalog.index, useful, linked.tags) : null;
    if (apart) {
      failure ??= disjointDecline(apart);
      continue;
    }
    if (linked.kind === 'ok' && (!best || linked.tags.length < best.tags.length || best.tags.length === 0))
      best = { catalog, tags: [...linked.tags], multiId: linked.multiId, tokens: useful, ignored: placed.ignored, held: placed.held };
    else if (linked.kind === 'fail' && !failure) failure = { kind: 'decline', reason: linked.reason };
  }
  return { best, failure, amountNote };
}

/** The tags of one catalog the useful tokens name: a group or the most specific tags, then the readings that refine them. */
function linkInCatalog(
  pass: PlanPass,
  catalog: PlannerCatalog,
  useful: QueryToken[],
  reading: CueReading,
  sideTokens: [QueryToken[], QueryToken[]],
  shapeCue: ShapeAndTime['shapeCue'],
): { linked: Linked; amountNote?: string } {
  const { original, vocabulary, verbal } = pass;
  const { cues } = reading;
  // "which tank", "rank ...", "all tanks", "each reservoir": a group is asked for, not the single most specific tag.
  // So is a run-hours ranking over a kind named without an identifier ("least used pump", "pump ran the longest").
  // So is a superlative over things named by no identifier ("highest pressure yesterday": of every pressure).
  const group = /\bwhich\b|\brank(?:ing|ed)?\b/.test(original) || cues.plural || (cues.rank && useful.every((t) => !t.id));
  let linked: Linked = useful.length === 0 ? { kind: 'ok', tags: [], multiId: false } : linkEntities(catalog.index, useful, group);
  // "wtp out ph + raw ph": one side's words lost to the other side's tag; each side linked on its own (conjoined-things.ts).
  const both =
    shapeCue?.kind !== 'correlation' && linked.kind === 'ok' && conjoinedTags(catalog.index, sideTokens, linked.tags, vocabulary, verbal);
  if (both) linked = { kind: 'ok', tags: both, multiId: true };
  const amount = amountLinked(catalog, useful, linked, original);
  linked = amount.linked;
  // "total flow" means the totaliser: when the best match is not a counter, try again with "total" as a word.
  if (cues.fns.includes('sum') && linked.kind === 'ok' && !linked.tags.every((t) => t.info.dataType === 'counter')) {
    const withTotal = linkEntities(catalog.index, [...useful, { text: 'total' }]);
    if (withTotal.kind === 'ok' && withTotal.tags.every((t) => t.info.dataType === 'counter')) linked = withTotal;
  }
  // "which reservoir was lowest": a bare storage kind means its level when the kind's tags measure several things.
  if (linked.kind === 'ok' && measurementsOf(linked.tags).length > 1) {
    const implied = useful.map((t) => (t.id ? undefined : KIND_DEFAULT_MEASUREMENT[stem(t.text)])).find((m) => m !== undefined);
    if (implied && !useful.some((t) => t.text === implied)) {
      const withMeasure = linkEntities(catalog.index, [...useful, { text: implied }], group);
      if (withMeasure.kind === 'ok' && measurementsOf(withMeasure.tags).length === 1) linked = withMeasure;
    }
  }
  // "energy used by bps03 pump 2 in MWh": the thing named has no such tag, but exactly one of its tags can be given
  // in the asked unit (its power, integrated): that, before a wider asset's measurement.
  if (linked.kind === 'fail' && reading.asked) linked = inAskedUnitOnly(catalog, useful, reading.asked) ?? linked;
  return amount.amountNote === undefined ? { linked } : { linked, amountNote: amount.amountNote };
}

/** The one tag of the named thing that can be given in the asked unit, or null. */
function inAskedUnitOnly(catalog: PlannerCatalog, useful: readonly QueryToken[], asked: AskedUnit): Linked | null {
  const ids = useful.filter((t) => t.id);
  const asset = ids.length > 0 ? linkEntities(catalog.index, ids, true) : null;
  const fit = asset?.kind === 'ok' ? asset.tags.filter((t) => fitsAskedUnit(t.info.unit, asked)) : [];
  return fit.length === 1 ? { kind: 'ok', tags: fit, multiId: false } : null;
}

/** An amount asked of a thing ("how much went into T3"): the volume of its flow, or of its station's when it has none. */
function amountLinked(
  catalog: PlannerCatalog,
  useful: readonly QueryToken[],
  linked: Linked,
  original: string,
): { linked: Linked; amountNote?: string } {
  let amountNote: string | undefined;
  // "how much water went into T3", "how much did BPS02 pump": the volume of the named thing's flow on that side.
  const side = readFlowSide(original);
  const amount = side ? amountTags(catalog.index, useful, side) : null;
  // "how much did pump P1 at BPS02 pump": the pump measures no flow; its station's flow is the amount it took part in.
  const wider =
    side && !amount && useful.filter((t) => t.id).length > 1
      ? useful
          .filter((t) => t.id)
          .map((dropped) => ({
            dropped,
            tags: amountTags(
              catalog.index,
              useful.filter((t) => t !== dropped),
              side,
            ),
          }))
          .find((w) => w.tags !== null)
      : undefined;
  const volume = amount ?? wider?.tags ?? null;
  if (volume) {
    const counters = volume.filter((t) => t.info.dataType?.toLowerCase() === 'counter');
    linked = { kind: 'ok', tags: counters.length > 0 ? counters : volume, multiId: false };
    if (wider && linked.tags[0])
      amountNote = `${wider.dropped.text.toUpperCase()} has no flow tag; answered with ${linked.tags.map((t) => t.info.name).join(', ')}`;
  }
  // "how many litres did the dosing pump deliver", "hypo dosed last wk in m3": an amount of a thing named without an
  // identifier is its flow's volume when the thing (the assets of the tags linked) has exactly one flow (DosingRate).
  if (!volume && linked.kind === 'ok' && linked.tags.length > 0 && AMOUNT_RE.test(original)) {
    const isRate = (t: IndexedTag): boolean => isVolumeFlow(t) && t.info.dataType?.toLowerCase() !== 'counter';
    // Only where nothing linked is an amount already (an energy meter, a totaliser, another rate such as kW).
    const amountLike = (t: IndexedTag): boolean => t.info.dataType?.toLowerCase() === 'counter' || rateUnit(t.info.unit) !== null;
    const direct = linked.tags.filter(isRate);
    const others = linked.tags.filter((t) => !isRate(t));
    const assets = new Set(linked.tags.map((t) => t.info.asset ?? t.info.name));
    const rates = direct.length > 0 ? direct : catalog.index.tags.filter((t) => assets.has(t.info.asset ?? t.info.name) && isRate(t));
    if (rates.length === 1 && others.length > 0 && !others.some(amountLike)) linked = { kind: 'ok', tags: rates, multiId: false };
  }
  return amountNote === undefined ? { linked } : { linked, amountNote };
}

/**
 * "average flow of pump 1 at BPS03": the pump measures no flow; its station's flow is the nearest answer, planned when
 * it is one tag (or the decline of the words it leaves); when it is several, the ask-back's reason and tags.
 */
function nearestTagPlan(
  pass: PlanPass,
  catalog: PlannerCatalog,
  useful: QueryToken[],
  placed: PlacedTokens,
  frame: ShapeAndTime,
  reading: CueReading,
): { planned: Planned } | { reason: string; tags: IndexedTag[] } | null {
  const { ctx, original } = pass;
  const { cues } = reading;
  const nearest = nearestMeasurement(catalog.index, useful);
  if (nearest?.kind === 'one') {
    const chosen = chooseOperation({ catalog, tags: [nearest.tag], tokens: useful, multiId: false, cues, time: frame.time, ctx });
    // The words placed so far, its statistic, limit and count must be taken up by this plan too ("flow of pump 1 at BPS03
    // per pump", "typical flow of pump 2 right now": the station's flow now is no typical value).
    const untaken = chosen.kind === 'plan' ? untakenDecline(chosen, placed, pass, reading) : null;
    if (untaken) return { planned: untaken };
    if (chosen.kind === 'plan')
      return {
        planned: inAskedUnit({ ...chosen, notes: [...(chosen.notes ?? []), nearest.note], followUp: false }, original, reading.asked),
      };
  }
  return nearest?.kind === 'several' ? { reason: nearest.reason, tags: nearest.tags } : null;
}

/**
 * A dropped soft word joined by "and", "&", "+" or "or" to its neighbour ("network and pump stations", "water and
 * energy"), with the neighbour as typed in the question's words; null otherwise.
 */
function joinedDrop(question: string, dropped: readonly string[], tokens: readonly QueryToken[]): { word: string; other: string } | null {
  const text = question.toLowerCase();
  const link = String.raw`\s*(?:and|&|\+|or)\s+(?:the\s+)?`;
  for (const word of dropped) {
    const said = escapeRe(word);
    const after = new RegExp(String.raw`\b${said}${link}([a-z0-9]+)`).exec(text);
    const before = new RegExp(String.raw`\b([a-z0-9]+)${link}${said}\b`).exec(text);
    const other = after?.[1] ?? before?.[1];
    const at = tokens.findIndex((t) => t.text === word);
    // The neighbour must be a word of the tags' part of the question, not a word of time or of the operation.
    if (other && at >= 0 && (tokens[at + 1] !== undefined || tokens[at - 1] !== undefined)) return { word, other };
  }
  return null;
}
