// "worst cl2 dma yday", "best filter": a superlative that says no direction of its own. The catalog's alarm limits say
// which side is bad: a tag alarmed only when high (vibration, turbidity) is worst at its highest and best at its lowest,
// one alarmed only when low the other way round. Alarmed on both sides or on none (a level, a chlorine residual), the
// word is named in a decline: ranking the highest first would answer "the highest" where the lowest may be meant.
import type { AggFn, Decline } from './plan.ts';
import type { IndexedTag } from './tag-catalog.ts';
import { askedAmounts } from './bucket-amount.ts';

const UNDIRECTED_RE = /\b(worst|best)\b/;
const DIRECTED_RE =
  /\b(highest|lowest|most|least|largest|smallest|biggest|max(?:imum)?|min(?:imum)?|peak|top|fullest|emptiest|hottest|coldest)\b/;

export type Direction = { order: 'asc' | 'desc' } | { kind: 'decline'; reason: string };

/**
 * The order a "worst" or "best" ranks the tags in, from the side their alarm limits are on; a decline when the limits
 * do not say; null when no such word is asked, or a word of direction stands beside it.
 */
export function superlativeDirection(text: string, tags: readonly IndexedTag[]): Direction | null {
  const word = UNDIRECTED_RE.exec(text)?.[1];
  if (!word || DIRECTED_RE.test(text)) return null;
  const highOnly = tags.every((t) => t.info.highLimit != null && t.info.lowLimit == null);
  const lowOnly = tags.every((t) => t.info.lowLimit != null && t.info.highLimit == null);
  if (tags.length > 0 && (highOnly || lowOnly)) return { order: highOnly === (word === 'worst') ? 'desc' : 'asc' };
  return {
    kind: 'decline',
    reason: `I could not place "${word}": its alarm limits do not say which side is bad for this measurement; ask for the highest or the lowest`,
  };
}

/**
 * The order and the statistic a ranking of tags goes by. The order: a worst or best from the alarm side, else the
 * superlative's or the sort words' end. The statistic (`fns`, the period's functions with defaults filled): as asked,
 * but a counter's highest or lowest is how much it counted, not its reading ("bps w/ highest kwh").
 */
export function rankOfTags(
  text: string,
  superlative: string | undefined,
  tags: readonly IndexedTag[],
  fns: readonly AggFn[],
): { order: 'asc' | 'desc'; fn: AggFn } | Decline {
  const direction = superlativeDirection(text, tags);
  if (direction && 'kind' in direction) return direction;
  // "worst 2 dma for cl2 - lowest avg": the word of direction beside a worst or best says the end.
  const said = superlative && UNDIRECTED_RE.test(superlative) ? (DIRECTED_RE.exec(text)?.[1] ?? superlative) : superlative;
  const low = (said && /lowest|least|smallest|min/.test(said)) || /\b(ascending|lowest first|smallest first)\b/.test(text);
  const order = direction?.order ?? (low ? 'asc' : 'desc');
  const counters = tags.length > 0 && tags.every((t) => t.info.dataType === 'counter');
  const asked = fns.find((f) => f !== 'min' && f !== 'max') ?? fns[0] ?? 'avg';
  return { order, fn: counters && (asked === 'min' || asked === 'max') ? 'delta' : asked };
}

/**
 * The ranking of a group: its order and statistic (rankOfTags), and the members ranked. An amount asked of rates
 * ("which station had the highest output") ranks each member's amount: its totaliser's change, or its rate integrated.
 */
export function rankOfMembers(
  cues: { fns: readonly AggFn[]; text: string },
  superlative: string | undefined,
  tags: readonly IndexedTag[],
  fns: readonly AggFn[],
  catalog: readonly IndexedTag[],
): { order: 'asc' | 'desc'; fn: AggFn; tags: readonly IndexedTag[] } | Decline {
  const ranked = rankOfTags(cues.text, superlative, tags, fns);
  if ('kind' in ranked) return ranked;
  const amounts = askedAmounts(cues, tags, catalog);
  return amounts ? { order: ranked.order, ...amounts } : { ...ranked, tags };
}
