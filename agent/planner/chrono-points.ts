// Dates and times written in a question ("3 march", "monday 6am", "1.10.2026"), read by chrono-node in the plant's zone;
// numeric dates in the site's order (numeric-date.ts).
import * as chrono from 'chrono-node/en';
import { readNumericDate, type DateOrder } from './numeric-date.ts';
import { slashDottedDays } from './dotted-day-month.ts';
import { addDays, fromWall, toWall } from './zoned-time.ts';

const PART_OF_DAY_RE = /\b(night|tonight|overnight|morning|afternoon|evening|noon|midday|midnight)\b/;

export interface ChronoPoint {
  at: Date;
  hasTime: boolean;
  hasDay: boolean;
  text: string;
  index: number;
  /** chrono-node read a range ("monday to wednesday", "1 oct - 5 oct"): its end was written too. */
  hasEnd?: boolean;
}

/** chrono-node parses in a fake-UTC frame holding the plant's wall time; its fields are then placed in the real zone. */
export function chronoPoints(text: string, ctx: { now: Date; timezone: string; dateOrder?: DateOrder }): ChronoPoint[] {
  const wall = toWall(ctx.now, ctx.timezone);
  const instant = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  // A part of the day ("last night", "this morning") is not a whole day: chrono-node does not see it, so the day is read
  // alone ("during the night on 3 October") and the part is left in the text for the planner to apply or to name.
  const blanked = text.replace(new RegExp(PART_OF_DAY_RE.source, 'g'), (word) => ' '.repeat(word.length));
  // Words the planner has already read are blanked to spaces; chrono-node reads "21 october,          t1" as a bare month,
  // so it sees each run of spaces as one, and its places are mapped back to the question's.
  const { squeezed, place } = squeezeSpaces(blanked);
  const results = chrono.parse(slashDottedDays(squeezed), { instant, timezone: 0 }).map((result) => {
    const index = place(result.index);
    const end = place(result.index + result.text.length - 1) + 1;
    return Object.assign(result, { index, text: blanked.slice(index, end) });
  });
  return results.flatMap((result) => {
    const c = result.start;
    const hasTime = c.isCertain('hour');
    const hasDay = c.isCertain('day') || c.isCertain('weekday');
    let fields = { year: c.get('year') ?? wall.year, month: c.get('month') ?? 1, day: c.get('day') ?? 1 };
    if (c.isCertain('day') && c.isCertain('month')) {
      // "03/10/2026": the site's order says which number is the day (planner.dateOrder); a date it cannot make is no date.
      const numeric = readNumericDate(result.text, ctx.dateOrder);
      if (numeric && 'invalid' in numeric) return [];
      if (numeric) fields = { ...fields, ...numeric };
    }
    let at = fromWall({ ...fields, hour: hasTime ? (c.get('hour') ?? 0) : 0, minute: hasTime ? (c.get('minute') ?? 0) : 0 }, ctx.timezone);
    // A historian looks back: an expression without a year (or a bare weekday) means the latest past occurrence.
    if (at > ctx.now && !c.isCertain('year')) {
      fields = c.isCertain('month')
        ? { ...fields, year: fields.year - 1 }
        : addDays(fields, c.isCertain('weekday') && !c.isCertain('day') ? -7 : hasDay ? 0 : -1);
      at = fromWall({ ...fields, hour: hasTime ? (c.get('hour') ?? 0) : 0, minute: hasTime ? (c.get('minute') ?? 0) : 0 }, ctx.timezone);
    }
    return [{ at, hasTime, hasDay, text: result.text, index: result.index, ...(result.end ? { hasEnd: true } : {}) }];
  });
}

/** The text with each run of white space as one space, and the place in the text of each place in the result. */
function squeezeSpaces(text: string): { squeezed: string; place: (i: number) => number } {
  const places: number[] = [];
  let squeezed = '';
  for (const m of text.matchAll(/\s+|\S+/g)) {
    const at = m.index ?? 0;
    if (/^\s/.test(m[0])) {
      places.push(at);
      squeezed += ' ';
    } else {
      for (let i = 0; i < m[0].length; i += 1) places.push(at + i);
      squeezed += m[0];
    }
  }
  return { squeezed, place: (i) => places[i] ?? text.length };
}
