// The window of a "last start" / "last stop" asked without one ("last stop bps01 p2"): the last event is searched in all
// the data up to now, as far back as the lookback reaches, and the answer says so.
import type { ResolvedWindow } from '../answer.ts';
import { makeWindow } from './time-window.ts';
import { formatShort } from './zoned-time.ts';

/** How far back "the last time" is searched when no window is named: a year of history. */
export const LOOKBACK_DAYS = 366;

/** The window searched for the last event when the question names none: the lookback up to now. */
export function lookbackWindow(now: Date, timezone: string): ResolvedWindow {
  const from = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  return makeWindow(from, now, timezone, `in all the data up to ${formatShort(now, timezone)} (searched back ${LOOKBACK_DAYS} days)`);
}

/** "last stop", "latest start", "most recent trip": the last event of a status tag, asked by its noun alone. */
export const LAST_EVENT_RE =
  /\b(?:last|lst|latest|most recent)\s+(?:(?:one|pump|pmp)\s+)?(?:to\s+)?(?=(?:start|stop|restart|trip)(?:s|ed|ped)?\b)/;
