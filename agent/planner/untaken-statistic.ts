// A statistic the question names that the plan's operation computes nothing for: "maximum night flow" (the night flow is
// a minimum), "the median time to acknowledge" (the mean, the longest or the shortest is computed), "the highest maximum
// flow" of an hour ranked by its average; "how many times" of a plan that counts nothing. Answering without it answers
// another question, so the plan stops, named.
import type { Decline, Plan } from './plan.ts';
import { AGG_WORDS } from './question-lexicon.ts';

/** Words that ask for the largest value (or the longest time): read as a statistic or as the order of a ranking. */
const HIGH_RE = /\b(?:max|maximum|maximal|peak|highest|largest|biggest|longest|worst|most)\b/g;
/** Words that ask for the smallest value; "min" after a number or "in" is minutes ("in min", "5 min"). */
const LOW_RE = /\b(?:minimum|minimal|lowest|smallest|shortest|least|fastest|quickest)\b|(?<!\b(?:in|\d+)\s*)\bmin\b/g;
/** Words that ask for an average (every average word of the lexicon: "typical", "mean"), or a statistic per bucket. */
const MIDDLE_RE = new RegExp(
  `\\b(?:${[...Object.keys(AGG_WORDS).filter((w) => AGG_WORDS[w] === 'avg'), 'hourly', 'daily', 'weekly', 'monthly'].join('|')})\\b`,
  'g',
);
/** The night flow is a minimum by name: its own "minimum"/"MNF" is no statistic asked on top of it. */
const NIGHT_MINIMUM_RE = /\b(?:minimum|min|lowest)\s+night[\s-]?(?:time\s+)?(?:flows?|inflows?)\b|\bmnf\b/g;
/** "highest priority", "most recent", "most often": a superlative of something else than the value. */
const OTHER_SUPERLATIVE_RE = /\b(?:highest|lowest|most)\s+(?:priority|prio|recent|often|frequent|common)\b|\bat\s+(?:most|least)\b/g;

/** A count asked ("how many times", "how often"): of a value, a series or a ranking no plan counts anything. */
const COUNT_ASK_RE = /\b(?:how\s+many\s+times|how\s+often|(?:number|no\.?|count)\s+of\s+times)\b/;
/** Operations that count nothing: what they answer is a value, a series of values, an order or a relation. */
const COUNTLESS: ReadonlySet<Plan['operation']['kind']> = new Set([
  'latest',
  'at',
  'series',
  'compare',
  'rank',
  'correlation',
  'change',
  'total',
]);

const words = (text: string, re: RegExp): string[] => [...text.matchAll(re)].map((m) => m[0]);

/**
 * The statistic of each bucket named beside the order of a bucket ranking: "the day with the highest peak inflow" ranks
 * the days by their maximum, "the lowest max level" by their maximum, least first. The order takes one superlative
 * of its side; a second, or one of the other side, is the statistic. Undefined when none is named (or two that differ).
 */
export function bucketStatistic(text: string, order: 'asc' | 'desc'): 'max' | 'min' | undefined {
  const rest = text.replace(OTHER_SUPERLATIVE_RE, ' ');
  const high = words(rest, HIGH_RE);
  const low = words(rest, LOW_RE);
  const [same, other] = order === 'desc' ? [high, low] : [low, high];
  // "the top hourly max": "top" takes the order, so every superlative of its side is the statistic.
  const taken = /\btop\b/.test(rest) ? 0 : 1;
  const sides = new Set([...same.slice(taken), ...other].map((w) => (high.includes(w) ? 'max' : 'min')));
  return sides.size === 1 ? [...sides][0] : undefined;
}

/**
 * The first statistic word of `text` (the question, lower case) the plan's operation does not take up, or undefined.
 * Only operations whose statistic is fixed by their kind are checked: the night flow (a minimum; a ranking takes one
 * superlative as its order), the mean times to acknowledge and to clear, a list of alarms (a ranking by duration takes
 * one), and the buckets ranked by one statistic (the ranking's order takes one superlative, the statistic another).
 */
export function untakenStatistic(text: string, plan: Plan): string | undefined {
  const op = plan.operation;
  const count = COUNT_ASK_RE.exec(text)?.[0];
  if (count && (COUNTLESS.has(op.kind) || (op.kind === 'aggregate' && !op.fns.includes('count')))) return count;
  const rest = text.replace(OTHER_SUPERLATIVE_RE, ' ');
  const high = words(rest, HIGH_RE);
  const low = words(rest, LOW_RE);
  switch (op.kind) {
    case 'night-flow': {
      // The night flow is a minimum by name: one low word is it ("minimum flow at night", "MNF"); a ranking's order
      // takes one superlative more ("which DMA had the highest / the lowest minimum night flow").
      const lows = words(rest.replace(NIGHT_MINIMUM_RE, ' min '), LOW_RE);
      const up = op.order === 'desc' ? high.slice(1) : high;
      const down = lows.slice(op.order === 'asc' ? 2 : 1);
      return up[0] ?? down[0];
    }
    case 'latest':
    case 'at': {
      // A value at one moment has no statistic ("T1 level now hourly average"); a ranking's order takes one superlative.
      const taken = op.kind === 'latest' && op.rank ? 1 : 0;
      return [...high, ...low].slice(taken)[0] ?? words(rest, MIDDLE_RE)[0];
    }
    case 'alarm-ack-time':
    case 'alarm-clear-time':
      // The longest or shortest time takes one word of its side ("max time to ack", "the shortest clear time").
      if (op.statistic === 'max') return high[1] ?? low[0];
      if (op.statistic === 'min') return low[1] ?? high[0];
      return high[0] ?? low[0];
    case 'alarm-list':
      return op.byDuration ? [...high, ...low][1] : (high[0] ?? low[0]);
    case 'bucket-rank': {
      // The order takes one superlative; a second asks the bucket's statistic, which must be the one ranked.
      const same = op.order === 'desc' ? high : low;
      const other = op.order === 'desc' ? low : high;
      const statistic = [...same.slice(1), ...other];
      return statistic.find((w) => (high.includes(w) ? 'max' : 'min') !== op.fn);
    }
    default:
      return undefined;
  }
}

/** The decline naming the statistic the plan would have left out; null when the plan takes up every one. */
export function untakenStatisticDecline(text: string, plan: Plan): Decline | null {
  const word = untakenStatistic(text, plan);
  if (word === undefined) return null;
  return {
    kind: 'decline',
    reason:
      `I could not place "${word}": the ${plan.operation.kind} answer computes no such statistic, and answering without it would answer another question. ` +
      `Without it I would answer: ${plan.understood}`,
  };
}
