// An instant at an edge of a named period: "end of last shift", "start of the night shift", "first thing today".
import { DAY_PARTS } from './calendar-words.ts';
import { fromWall, toWall } from './zoned-time.ts';

/** The edge words found in a question: where they stand and which edge of the period after them they name. */
export interface PeriodEdge {
  index: number;
  length: number;
  /** `start`/`end` of the period; `first-thing` is the start of that day's morning (the day shift's first hour). */
  edge: 'start' | 'end' | 'first-thing';
}

/**
 * "(at the) end of", "start of", "beginning of", "first thing (in the)": words that ask a moment of the period named
 * right after them. "first thing" with no period after it is today's ("t3 lvl first thing").
 */
export function findPeriodEdge(text: string): PeriodEdge | null {
  const match = /\b(?:at\s+)?(?:the\s+)?(?:(start|beginning|begin|end|close)\s+of|(?:1st|first)\s+thing(?:\s+in)?)(?:\s+the)?\b/.exec(text);
  if (!match) return null;
  const word = match[1];
  return {
    index: match.index,
    length: match[0].length,
    edge: word === undefined ? 'first-thing' : word === 'end' || word === 'close' ? 'end' : 'start',
  };
}

/**
 * The moment of `edge` in the window a period resolved to, or null when the edge is not a moment that has come: the end
 * of a period still under way, a "first thing" of a window that is not a whole day or its morning.
 */
export function edgeInstant(
  edge: PeriodEdge['edge'],
  window: { from: Date; to: Date; cutAtNow: boolean },
  now: Date,
  timezone: string,
): Date | null {
  if (edge === 'start') return window.from;
  if (edge === 'end') return window.cutAtNow ? null : window.to;
  const start = toWall(window.from, timezone);
  const morning = DAY_PARTS.morning[0];
  if (start.minute !== 0 || (start.hour !== 0 && start.hour !== morning)) return null;
  const at = fromWall({ ...start, hour: morning, minute: 0, second: 0 }, timezone);
  return at <= now ? at : null;
}

/** What a period resolves to, as far as its edges go (a TimeParse of time-window.ts). */
interface ResolvedPeriod {
  kind: 'range' | 'instant';
  window: { from: string; to: string };
  rest: string;
}

/** Whether the time read from `cut` was consumed right beside [start, end) (only spaces between): the edge's period. */
function besideEdge(cut: string, rest: string, start: number, end: number, after: boolean): boolean {
  let p = end;
  while (p < cut.length && cut[p] === ' ') p += 1;
  if (p < cut.length && rest[p] === ' ') return true;
  if (after) return false;
  let q = start - 1;
  while (q >= 0 && cut[q] === ' ') q -= 1;
  return q >= 0 && rest[q] === ' ';
}

/**
 * The instant an edge word asks ("end of last shift" -> the end of the shift just finished), read by resolving the
 * question without the edge words and taking that edge of the period found right beside them; null when the question
 * has no edge words, or they stand beside no period ("pressure at the end of the main yday"), or the edge has not come.
 * After "since" the edge starts a window up to now instead ("since start of shift").
 */
export function readPeriodEdge(
  text: string,
  ctx: { now: Date; timezone: string },
  resolve: (text: string) => ResolvedPeriod | null,
): { at: Date; rest: string } | { since: Date; rest: string } | null {
  const edge = findPeriodEdge(text);
  if (!edge) return null;
  // "since (the) start of shift": the window from that moment up to now; "since" goes with the edge words.
  const since = /\bsince\s+$/.exec(text.slice(0, edge.index));
  const start = since ? since.index : edge.index;
  const end = edge.index + edge.length;
  const cut = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  const period = resolve(cut) ?? (edge.edge === 'first-thing' ? resolve(`${cut} today`) : null);
  if (!period || period.kind !== 'range') return null;
  const rest = period.rest.slice(0, cut.length);
  const today = period.rest.length > cut.length;
  if (!today && !besideEdge(cut, rest, start, end, edge.edge !== 'first-thing')) return null;
  const from = new Date(period.window.from);
  const to = new Date(period.window.to);
  const at = edgeInstant(edge.edge, { from, to, cutAtNow: to.getTime() === ctx.now.getTime() }, ctx.now, ctx.timezone);
  if (!at) return null;
  return since ? { since: at, rest } : { at, rest };
}
