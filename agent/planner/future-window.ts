// A window that starts after now, or ends before it starts ("avg T1 lvl in a day" read as the day to come): nothing is
// recorded there, so it is declined with the words that named it, never queried as an empty window. An empty window at
// now (a catalog question's, which has no time) is no period asked.
import type { ResolvedWindow } from '../answer.ts';
import { formatShort } from './zoned-time.ts';

/** The reason to decline `window` at `now`, or undefined when it is a past period (it may end at now) or empty at now. */
export function futureWindowReason(window: ResolvedWindow, now: Date, words?: string): string | undefined {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const named = words ? `I could not place "${words}": it` : 'The period read';
  const label = window.label.replace(/\s*\(.*\)$/, '');
  if (from > now.getTime())
    return `${named} names a time to come (${label}), and the historian holds only what was recorded up to now (${formatShort(now, window.timezone)}); ask about a past period ("yesterday", "last 24 h"), or say "per day" for a daily figure`;
  if (from > to) return `${named} ends before it starts (${window.label}); write the period as one expression, e.g. "from 1 oct to 5 oct"`;
  return undefined;
}

/** The windows of a value that look like a resolved window (from, to, label), at any depth: a plan's own and its pair's. */
export function windowsIn(value: unknown, found: ResolvedWindow[] = []): ResolvedWindow[] {
  if (!value || typeof value !== 'object') return found;
  const v = value as Record<string, unknown>;
  if (typeof v.from === 'string' && typeof v.to === 'string' && typeof v.label === 'string') found.push(v as unknown as ResolvedWindow);
  for (const child of Object.values(v)) if (child && typeof child === 'object') windowsIn(child, found);
  return found;
}
