// Entity linking of a question's content words: which tags they name, which words to drop, which word blocks the plan.
import {
  measurementKey,
  measurementTerms,
  linkTags,
  splitTerms,
  stem,
  wordsNamed,
  type IndexedTag,
  type QueryToken,
  type TagIndex,
} from './tag-catalog.ts';
import { MEANING_WORDS } from './question-lexicon.ts';
import { sameKindTags } from './measurement-kind.ts';
import type { Vocabulary } from './vocabulary.ts';

export type Linked = { kind: 'ok'; tags: IndexedTag[]; multiId: boolean } | { kind: 'fail'; reason: string };

/** Links tokens to tags; when several identifiers are named ("PU7 vs PU8 flow"), links each with the shared words. */
export function linkEntities(index: TagIndex, tokens: readonly QueryToken[], group = false): Linked {
  const all = linkTags(index, tokens);
  if (all.unmatched.length > 0) {
    return {
      kind: 'fail',
      reason: `I did not understand ${all.unmatched.map((t) => `"${t.text}"`).join(', ')} (no tag, asset or description matches)`,
    };
  }
  if (all.unexplained.length === 0 && group && all.best.length === 1) {
    // "which tank ...": the group is every tag of the same measurement that fits as well, not the single most specific one.
    const broad = linkTags(index, tokens, { specific: false });
    const byMeasurement = new Map<string, IndexedTag[]>();
    for (const tag of broad.best) {
      const key = measurementKey(tag.info);
      byMeasurement.set(key, [...(byMeasurement.get(key) ?? []), tag]);
    }
    // Only a measurement the question names may define the group ("which tank had the lowest level"); with none named
    // and several measurements ("which tank was lowest"), the mixed group goes on to be asked back (or given a default).
    const words = new Set(tokens.filter((t) => !t.id).flatMap((t) => [stem(t.text), ...(t.alts?.flat() ?? [])]));
    const groups = [...byMeasurement.values()];
    const named = groups.filter((tags) =>
      splitTerms(tags[0]?.info.measurement ?? measurementKey(tags[0]!.info)).some((term) => words.has(stem(term))),
    );
    // The measurement named most completely defines it: "works outflow", "plant output" name the outlet flow (OutletFlow),
    // not every flow of the site (the filters' Flow) that the word "flow" alone would fit.
    const eligible = groups.length === 1 ? groups : mostNamed(named, words);
    const sizes = eligible.map((tags) => tags.length).sort((a, b) => b - a);
    const largest = eligible.find((tags) => tags.length === sizes[0]) ?? [];
    if (broad.unexplained.length === 0 && largest.length > 1 && sizes[1] !== sizes[0]) return { kind: 'ok', tags: largest, multiId: false };
    // Several assets fit and no named measurement covers them: hand on the mixed set (asked back, or a kind's default).
    const assets = new Set(broad.best.map((t) => t.info.asset ?? t.info.name));
    if (broad.unexplained.length === 0 && groups.length > 1 && assets.size > 1 && named.every((tags) => tags.length === 1))
      return { kind: 'ok', tags: broad.best, multiId: false };
  }
  if (all.unexplained.length === 0 && group && all.best.length > 1) {
    // "chlorine everywhere", "all PRV positions": every tag of that one measurement that fits as well, not only the
    // ones with the fewest unnamed identifiers (the network sample points besides the tank outlets).
    const key = measurementKey(all.best[0]!.info);
    if (all.best.every((t) => measurementKey(t.info) === key)) {
      const broad = linkTags(index, tokens, { specific: false });
      // Only places not yet covered: a station already answered by its header does not bring its pumps in too.
      const place = (t: IndexedTag): string => t.info.site ?? t.info.asset ?? t.info.name;
      const covered = new Set(all.best.map(place));
      const same = broad.best.filter((t) => measurementKey(t.info) === key && (all.best.includes(t) || !covered.has(place(t))));
      // "which pressure was highest": a bare measurement word names every measurement of its kind (discharge, suction,
      // inlet, outlet pressures besides the critical points'); a group of several kinds is then asked back (group-check.ts).
      const kinds = broad.unexplained.length === 0 ? sameKindTags(same, broad.best) : same;
      if (kinds.length > same.length) return { kind: 'ok', tags: kinds, multiId: false };
      if (broad.unexplained.length === 0 && same.length > all.best.length) return { kind: 'ok', tags: same, multiId: false };
    }
  }
  if (all.unexplained.length === 0) return { kind: 'ok', tags: all.best, multiId: false };
  // The compared identifiers are the ones of one family named more than once (P01, P02, P03); the rest is shared.
  const families = new Map<string, QueryToken[]>();
  for (const token of tokens) if (token.id) families.set(token.id.letters, [...(families.get(token.id.letters) ?? []), token]);
  const compared = [...families.values()].find((family) => family.length >= 2);
  if (compared) {
    const shared = tokens.filter((t) => !compared.includes(t));
    const tags: IndexedTag[] = [];
    for (const id of compared) {
      const one = linkTags(index, [id, ...shared]);
      if (one.unmatched.length > 0 || one.unexplained.length > 0 || one.best.length !== 1)
        return { kind: 'fail', reason: `"${id.text}" with ${shared.map((t) => `"${t.text}"`).join(', ')} does not name exactly one tag` };
      if (!tags.includes(one.best[0]!)) tags.push(one.best[0]!);
    }
    if (tags.length >= 2) return { kind: 'ok', tags, multiId: true };
  }
  return {
    kind: 'fail',
    reason: `no single tag matches all of ${tokens.map((t) => `"${t.text}"`).join(', ')}; ${all.unexplained.map((t) => `"${t.text}"`).join(', ')} did not fit the best match (${all.best
      .slice(0, 3)
      .map((t) => t.info.name)
      .join(', ')})`,
  };
}

/** The tokens worth linking, and what was set aside: ignored words (said in the interpretation) or a blocking word. */
export interface PlacedTokens {
  tokens: QueryToken[];
  /** Unknown words that sit where they cannot change the plan ("ever", "dipped"): skipped, and shown as skipped. */
  ignored: string[];
  /** Unknown words where a tag, measurement or asset is expected ("gas" in "gas flow"): the plan cannot go on. */
  blocking: string[];
  /**
   * Words the planner knows carry meaning (a negation, an alarm state, a time or operation word) that no part of the
   * plan took up ("not acked", "unacknowledged"): answering without them would answer another question.
   */
  unplaced: string[];
  /**
   * Words that carry meaning unless a part of the plan takes them up (thesaurus `placed`: "per", "between"): set aside
   * here, and checked against the plan once it is chosen (unplaced-words.ts).
   */
  held: string[];
  /** Soft words dropped because the best tags do not carry them ("network" beside "pump stations"). */
  dropped: string[];
}

/** A number spelled out, as a count is ("three tanks"). */
const NUMBER_WORD_RE = /^(?:two|three|four|five|six|seven|eight|nine|ten|twenty)$/;

/**
 * Decides which content words the catalog must explain. A word no tag matches is dropped when it is plain English
 * or a soft word ("water"), is held for the plan to take up when the thesaurus says which parts do ("per", "between"),
 * blocks the plan when it could name something (it has digits, or it stands right before a word the catalog knows, as
 * "gas" before "flow"), and is otherwise ignored: the plan stops on it unless it is harmless (unplaced-words.ts). A soft or plain word that
 * the best tags do not carry is dropped too ("how much water went into DMA02": DMA02's meter says nothing of water), and
 * so is a verb made of a catalog noun (`verbal`: "volume pumped by BPS01" names BPS01's volume, not a pump).
 */
export function placeTokens(
  index: TagIndex,
  tokens: readonly QueryToken[],
  vocabulary: Vocabulary,
  verbal: ReadonlySet<string> = new Set(),
): PlacedTokens {
  // A bare number is the count of the things named right after it ("the 2 pumps", "all 3 duty pumps"); anywhere else it
  // may be a value, a limit or an identifier the question meant, and blocks the plan ("max flow DMA01 2 last wk"). A
  // number spelled out counts things a little further off or just before ("the two Kirchberg booster pumps", "hl pmps
  // all three"); anywhere else it is held (thesaurus `placed`: "the three highest flows" asks for three values).
  const plural = (t: QueryToken): boolean => !t.id && /[a-z]{2,}s$/.test(t.text);
  const counts = new Set(
    tokens.filter((token, i) =>
      /^\d+$/.test(token.text)
        ? tokens.slice(i + 1, i + 3).some(plural)
        : NUMBER_WORD_RE.test(token.text) && [...tokens.slice(Math.max(0, i - 2), i), ...tokens.slice(i + 1, i + 4)].some(plural),
    ),
  );
  const droppable = (token: QueryToken): boolean =>
    !token.id &&
    (counts.has(token) ||
      verbal.has(token.text) ||
      vocabulary.plain.has(token.text) ||
      vocabulary.soft.has(token.text) ||
      vocabulary.soft.has(stem(token.text)));
  const first = linkTags(index, tokens);
  const unmatched = new Set(first.unmatched);
  const ignored: string[] = [];
  const blocking: string[] = [];
  const unplaced: string[] = [];
  const held: string[] = [];
  const dropped: string[] = [];
  let kept = tokens.filter((token, i) => {
    if (!unmatched.has(token)) return true;
    if (counts.has(token)) return false;
    if (!token.id && vocabulary.placed.has(token.text)) {
      held.push(token.text);
      return false;
    }
    if (droppable(token)) return false;
    if (!token.id && MEANING_WORDS.has(token.text)) {
      unplaced.push(token.text);
      return false;
    }
    const next = tokens[i + 1];
    if (token.id || /\d/.test(token.text) || (next !== undefined && !unmatched.has(next))) blocking.push(token.text);
    else ignored.push(token.text);
    return false;
  });
  if (kept.length > 1 && blocking.length === 0) {
    // Words the best tags do not carry: drop the soft and plain ones; when a word that matters is left out, the soft
    // words that pulled the match elsewhere go too ("which DMA used the most water": DMA, not the tanks' water).
    const linked = linkTags(index, kept);
    const loose = linked.unexplained.some((token) => !droppable(token)) ? kept.filter(droppable) : linked.unexplained.filter(droppable);
    if (loose.length > 0 && loose.length < kept.length) {
      kept = kept.filter((token) => !loose.includes(token));
      dropped.push(...loose.map((token) => token.text));
    }
  }
  // A word the thesaurus holds that some tag's text also carries ("above" in T1's "water level above floor", "since" in
  // a description) names a tag only when the tags need it: when the others choose the same tags, it is held as well.
  const placedKept = kept.filter((token) => !token.id && vocabulary.placed.has(token.text));
  const others = kept.filter((token) => !placedKept.includes(token));
  if (placedKept.length > 0 && others.length > 0 && blocking.length === 0) {
    const names = (found: readonly IndexedTag[]): string => found.map((t) => t.info.name).join('\n');
    if (names(linkTags(index, others).best) === names(linkTags(index, kept).best)) {
      held.push(...placedKept.map((token) => token.text));
      kept = others;
    }
  }
  return { tokens: kept, ignored, blocking, unplaced, held, dropped };
}

/**
 * Links the two sides of "A and B", "A vs B" (a correlation relates exactly two tags): each side to one tag. A side
 * that names no identifier borrows the other side's ("BPS03 P02 vibration and motor current": P02's motor current).
 */
export function linkPair(
  index: TagIndex,
  sides: readonly [QueryToken[], QueryToken[]],
  vocabulary: Vocabulary,
  verbal: ReadonlySet<string> = new Set(),
): IndexedTag[] | null {
  const ids = sides.map((side) => side.filter((t) => t.id));
  const tags: IndexedTag[] = [];
  for (const [i, side] of sides.entries()) {
    const other = ids[1 - i] ?? [];
    // A side that names one tag on its own keeps it ("raw turbidity vs F1 turbidity": the intake's, not F01's).
    const alone = ids[i]?.length === 0 && other.length > 0 ? onePairTag(index, side, vocabulary, verbal) : undefined;
    const one = alone ?? onePairTag(index, ids[i]?.length === 0 ? [...other, ...side] : side, vocabulary, verbal);
    if (!one || tags.includes(one)) return null;
    tags.push(one);
  }
  return tags;
}

/** The one tag (an analog one when several match) that a side of a pair names, or undefined. */
function onePairTag(
  index: TagIndex,
  tokens: readonly QueryToken[],
  vocabulary: Vocabulary,
  verbal: ReadonlySet<string>,
): IndexedTag | undefined {
  const placed = placeTokens(index, tokens, vocabulary, verbal);
  if (placed.blocking.length > 0 || placed.unplaced.length > 0 || placed.tokens.length === 0) return undefined;
  const linked = linkEntities(index, placed.tokens);
  if (linked.kind !== 'ok') return undefined;
  const analog = linked.tags.filter((t) => t.info.dataType !== 'status' && t.info.dataType !== 'counter');
  return analog.length === 1 ? analog[0] : linked.tags.length === 1 ? linked.tags[0] : undefined;
}

/**
 * The groups whose measurement the question's words name most completely: most of its terms named, then the largest
 * share of them ("outlet flow" names OutletFlow fully, Flow by one word, OutletFlowTotal by two of three).
 */
function mostNamed(groups: readonly IndexedTag[][], words: ReadonlySet<string>): IndexedTag[][] {
  const named = (tags: readonly IndexedTag[]): number => wordsNamed(tags[0]!.info, words);
  const share = (tags: readonly IndexedTag[]): number => {
    const terms = measurementTerms(tags[0]!.info);
    return terms.filter((term) => words.has(term)).length / Math.max(1, terms.length);
  };
  const most = Math.max(0, ...groups.map(named));
  const top = groups.filter((tags) => named(tags) === most);
  const best = Math.max(0, ...top.map(share));
  return top.filter((tags) => share(tags) === best);
}
