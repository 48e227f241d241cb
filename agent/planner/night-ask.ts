// "last night" asked while a night is still under way (00:10 plant time): the night now running or the one before it?
// Asked back with both windows, never guessed.
import type { ResolvedWindow } from '../answer.ts';
import { DAY_PARTS } from './calendar-words.ts';
import type { Ambiguous } from './plan.ts';
import { formatShort } from './zoned-time.ts';

const NIGHT_FLOW_RE = /\bnight[\s-]?(?:time\s+)?flows?\b|\bmnf\b/;

/**
 * The ask-back for a "last night" whose night has not ended at `now` (the window was cut at now), or null. A night-flow
 * question is left alone: its hours (02-04) of the night under way have not come yet, so only the night before has them.
 */
export function unfinishedNightAsk(window: ResolvedWindow | undefined, question: string, now: Date): Ambiguous | null {
  if (!window || !window.label.startsWith('last night') || NIGHT_FLOW_RE.test(question.toLowerCase())) return null;
  const from = new Date(window.from);
  if (new Date(window.to).getTime() !== now.getTime()) return null;
  const [startHour, endHour] = DAY_PARTS.night;
  const nightMs = (24 - startHour + endHour) * 3_600_000;
  const before = new Date(from.getTime() - 86_400_000);
  const tz = window.timezone;
  const candidates = [
    `the night before: ${formatShort(before, tz)} – ${formatShort(new Date(before.getTime() + nightMs), tz)}`,
    `the night under way: ${formatShort(from, tz)} – now (${formatShort(now, tz)})`,
  ];
  return {
    kind: 'ambiguous',
    about: 'which night "last night" is',
    reason: `"last night" asked at ${formatShort(now, tz)}, while a night is still under way: which night do you mean? ${candidates.join('; ')}`,
    candidates,
  };
}
