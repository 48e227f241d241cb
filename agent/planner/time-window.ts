// Resolves time expressions of a question ("yesterday", "last shift", "Q1 2014", "since Monday 6am") to a window in the plant's zone.
// Only the English locale: loading every chrono-node locale costs seconds at start-up.
import type { ResolvedWindow } from '../answer.ts';
import { formatShort } from './zoned-time.ts';
import type { DateOrder } from './numeric-date.ts';
import type { TimeFound } from './calendar-words.ts';
import { readPeriodEdge } from './period-edge.ts';
import type { ShiftDefinition } from './shift-spans.ts';
import { firstRule, followUp } from './time-rules.ts';
import { placeOnDay } from './window-on-day.ts';
import { clockHoursWindow, clockInstantWindow, dayPartWindow } from './window-within-day.ts';
import { blank, makeWindow } from './window-parts.ts';

export { duringWindow, makeWindow } from './window-parts.ts';
export type { ShiftDefinition } from './shift-spans.ts';

export interface TimeContext {
  now: Date;
  timezone: string;
  shifts: readonly ShiftDefinition[];
  /** The window of the previous turn, for follow-ups like "and the day before?". */
  previousWindow?: ResolvedWindow;
  /** How numeric dates with slashes are read (planner.dateOrder); day first when unset. */
  dateOrder?: DateOrder;
}

/** What the time parser found: a range, an instant (value at a time), or nothing (caller decides the default). */
export interface TimeParse {
  kind: 'range' | 'instant';
  window: ResolvedWindow;
  /** For `instant`: the moment asked about. */
  at?: Date;
  /** For `instant`: an earlier moment the value at `at` is compared with ("now vs 24 h ago"; period-pair.ts). */
  against?: Date;
  /** The question with the consumed time expression blanked out. */
  rest: string;
  /** Clock hours named with a period of several days ("2-4am last week"): those hours of each day, plant time. */
  hours?: { fromHour: number; toHour: number };
  /** A bare span ("3hrs"): a second time beside another is not read as a second period. */
  weak?: boolean;
}

/** A time rule of the resolver: where in the text it found a time, and the window it means (rules live in time-rules.ts). */
export type WindowRule = (text: string, ctx: TimeContext) => TimeFound | null;

/**
 * Finds the time expression of a question and resolves it in the plant's zone. Returns null when the question
 * has none (the planner then applies the shape's default). Input should be lower-case.
 */
export function resolveTime(text: string, ctx: TimeContext, options: { edges?: boolean } = {}): TimeParse | null {
  // "end of last shift", "first thing today": a moment at an edge of the period named beside the edge words (unless the
  // caller reads whole periods only: the shift log "at the end of the night shift" is that shift's notes).
  const edge = options.edges === false ? null : readPeriodEdge(text, ctx, (cut) => resolveWindow(cut, ctx));
  if (!edge) return resolveWindow(text, ctx);
  if ('since' in edge)
    return {
      kind: 'range',
      window: makeWindow(edge.since, ctx.now, ctx.timezone, `since ${formatShort(edge.since, ctx.timezone)}`),
      rest: edge.rest,
    };
  const window = makeWindow(edge.at, new Date(edge.at.getTime() + 60_000), ctx.timezone, `at ${formatShort(edge.at, ctx.timezone)}`);
  return { kind: 'instant', at: edge.at, window, rest: edge.rest };
}

/** The first time the rules find, placed on a day named beside it and narrowed by what the rest says of it. */
function resolveWindow(text: string, ctx: TimeContext): TimeParse | null {
  const first = followUp(text, ctx) ?? firstRule(text, ctx);
  if (!first) return null;
  const { found, rest } = placeOnDay(first, blank(text, first.index, first.length), ctx);
  const narrowed = clockHoursWindow(found, rest, ctx) ?? dayPartWindow(found, rest, ctx) ?? clockInstantWindow(found, rest, ctx);
  if (narrowed) return narrowed;
  // Data after "now" does not exist yet (or must not be used): a month or quarter in progress ends now.
  const to = found.to > ctx.now && found.from < ctx.now ? ctx.now : found.to;
  const window = makeWindow(found.from, to, ctx.timezone, found.what);
  return found.at
    ? { kind: 'instant', at: found.at, window, rest }
    : { kind: found.kind, window, rest, ...(found.weak ? { weak: true } : {}) };
}

/** The bucket a series of the window is drawn in when none was asked: hours up to 2 days, days up to 62, then weeks, months. */
export function autoBucket(fromIso: string, toIso: string): 'hour' | 'day' | 'week' | 'month' {
  const days = (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 86_400_000;
  return days <= 2 ? 'hour' : days <= 62 ? 'day' : days <= 400 ? 'week' : 'month';
}
