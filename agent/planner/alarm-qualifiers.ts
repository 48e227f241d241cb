// The words of an alarm question that say which alarms or which state, read before the words that name tags: the
// state over the period ("active at some point"), chattering, and the whole plant as a place ("across the network").
import { readAlarmChatter } from './alarm-chatter.ts';
import { readAlarmDuring } from './alarm-during.ts';
import { readWholeScope } from './alarm-scope.ts';
import type { Cues } from './choose-operation.ts';
import type { TagIndex } from './tag-index.ts';

/**
 * "w/ prio", "with their priority", "+ prio": a column the alarm list shows anyway, not a priority asked ("with
 * priority 1", "with high priority" name one, and stay).
 */
const WITH_PRIORITY_RE =
  /(?:\bwith|\bw\/|\+|\bplus|\bincl(?:uding)?)\s+(?:the\s+|their\s+|its\s+|what\s+|which\s+)?(?:prio(?:rity|rities|s)?|prty)\b(?!\s*(?:\d|of\b|high|low|hi\b|lo\b|critical|crit\b|urgent|(?:or|and)\s+(?:\d|p\d|high|low|hi\b|lo\b|crit)|[<>=]))/;

/** Sets the cues of those words and returns the text with them blanked. */
export function readAlarmQualifiers(cues: Cues, text: string, indexes: readonly TagIndex[]): string {
  const during = readAlarmDuring(text, cues.text);
  if (during) {
    if (during.during) cues.alarmDuring = during.during;
    text = during.text;
  }
  const column = WITH_PRIORITY_RE.exec(text);
  if (column) text = text.slice(0, column.index) + ' '.repeat(column[0].length) + text.slice(column.index + column[0].length);
  const chatter = readAlarmChatter(text);
  if (chatter) [cues.alarmChatter, text] = [chatter.words, chatter.text];
  // "the whole network": every alarm; what it blanks names nothing, so it needs no cue of its own.
  return readWholeScope(text, indexes)?.text ?? text;
}
