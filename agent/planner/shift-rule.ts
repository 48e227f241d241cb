// "last shift", "the night shift", "yesterday's early shift": a shift of the plant's schedule, read as a window.
import { addDays, toWall, type WallTime } from './zoned-time.ts';
import { shiftWindow, type ShiftDefinition } from './shift-spans.ts';
import { dayName } from './window-parts.ts';
import type { TimeContext, WindowRule } from './time-window.ts';

/** All shift occurrences starting between two days before and one day after `now`, oldest first. */
function shiftOccurrences(ctx: TimeContext): { shift: ShiftDefinition; from: Date; to: Date; day: WallTime }[] {
  const today = toWall(ctx.now, ctx.timezone);
  const out: { shift: ShiftDefinition; from: Date; to: Date; day: WallTime }[] = [];
  for (let offset = -3; offset <= 0; offset += 1) {
    const day = addDays(today, offset);
    for (const shift of ctx.shifts) out.push({ shift, day, ...shiftWindow(shift, day, ctx.timezone) });
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** A word right before "shift" that names a shift ("day", "morning", "a", "1st"), unless it is a determiner or a preposition. */
const UNNAMED_SHIFT_RE =
  /(?<![a-z0-9'])(?!(?:the|a|an|this|that|each|every|per|my|our|your|one|same|whole|entire|full|of|on|in|during|over|for|and|or|by)\s+$)[a-z0-9]+\s+$/;

export const shiftRule: WindowRule = (text, ctx) => {
  if (ctx.shifts.length === 0) return null;
  const names = ctx.shifts.map((s) => s.name.toLowerCase().replace(/[^a-z0-9]/g, '')).join('|');
  const re = new RegExp(
    `\\b(?:(?:in|during|on|over|for)\\s+)?(?:the\\s+)?(last|previous|current|this|yesterday'?s?|today'?s?)?\\s*(${names})?\\s*shift(?:\\s+(yesterday|today))?\\b`,
  );
  const match = re.exec(text);
  if (!match || (!match[1] && !match[2] && !match[3])) return null;
  // "the day shift yesterday" where the plant's shifts are early, late and night: a shift of another name is none of
  // them, and no other shift of that day may stand in for it (its words stay, and are named).
  if (!match[2] && !match[1] && UNNAMED_SHIFT_RE.test(text.slice(0, match.index + match[0].indexOf('shift')))) return null;
  const occurrences = shiftOccurrences(ctx);
  const now = ctx.now.getTime();
  // "yesterday's" / "todays" -> the day; "this" keeps its s.
  const which = (match[1] ?? '').replace(/^(yesterday|today)'?s?$/, '$1');
  const day = match[3] ?? (which === 'yesterday' || which === 'today' ? which : undefined);
  let candidates = occurrences.filter((o) => !match[2] || o.shift.name.toLowerCase().replace(/[^a-z0-9]/g, '') === match[2]);
  if (day) {
    const target = addDays(toWall(ctx.now, ctx.timezone), day === 'yesterday' ? -1 : 0);
    candidates = candidates.filter((o) => o.day.year === target.year && o.day.month === target.month && o.day.day === target.day);
  }
  const finished = candidates.filter((o) => o.to.getTime() <= now);
  const running = candidates.filter((o) => o.from.getTime() <= now && o.to.getTime() > now);
  const pick = which === 'current' || which === 'this' ? running.at(-1) : (finished.at(-1) ?? (match[2] ? running.at(-1) : undefined));
  if (!pick) return null;
  const to = pick.to.getTime() > now ? ctx.now : pick.to;
  const named = match[2] ? ctx.shifts.find((s) => s.name.toLowerCase().replace(/[^a-z0-9]/g, '') === match[2]) : undefined;
  const onDay =
    named && !day && !which
      ? (on: Pick<WallTime, 'year' | 'month' | 'day'>) => {
          const span = shiftWindow(named, on, ctx.timezone);
          return span.from.getTime() < now
            ? { from: span.from, to: span.to.getTime() > now ? ctx.now : span.to, what: `${named.name} shift of ${dayName(on)}` }
            : null;
        }
      : undefined;
  return {
    index: match.index,
    length: match[0].length,
    kind: 'range',
    from: pick.from,
    to,
    what: `${pick.shift.name} shift`,
    ...(onDay ? { onDay } : {}),
  };
};
