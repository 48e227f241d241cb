// An alarm's state over a period ("active at some point on Sunday", "in alarm at any time between 6 and 7", "which
// alarms were active during the night"): the alarms standing at any moment of the window, raised before its end and not
// cleared before its start, not only those raised in it. "At some point", "at any time" alone mean any time of the
// window: they name no thing ("point" is no critical point there).

/** "at some point", "at any time", "at any point in time", "at some stage": any moment of the window. */
const ANY_TIME_RE = /\bat\s+(?:some|any)\s+(?:point|time|stage|moment)(?:\s+in\s+time)?(?:\s+(?:during|in|on|over|of))?\b/;
/** The state said of the alarms: "active", "in alarm", "standing". */
const STATE = String.raw`(?:active|in\s+alarm|standing)`;
/** "was active", "were in alarm", "are active": the state over the period named (or now, when none is). */
const STATE_OVER_RE = new RegExp(String.raw`\b(?:was|were|is|are|been|being|be)\s+${STATE}\b`);
/** "active during", "in alarm throughout": read in the whole question, as the period words are taken before. */
const STATE_DURING_RE = new RegExp(String.raw`\b${STATE}\s+(?:during|throughout)\b`);
const STATE_RE = new RegExp(String.raw`\b${STATE}\b`);

const blank = (text: string, match: RegExpExecArray | null): string =>
  match ? text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) : text;

/**
 * The words of a state over a period and the text with them blanked: `during` when the alarms' state is asked over
 * the window ("was active", "active during", or the state with "at some point"); the idiom alone is only blanked.
 * `whole` is the question before its period words were taken. Null when the text has neither.
 */
export function readAlarmDuring(text: string, whole: string): { during?: string; text: string } | null {
  const idiom = ANY_TIME_RE.exec(text);
  const without = blank(text, idiom);
  const over = STATE_OVER_RE.exec(without) ?? (idiom || STATE_DURING_RE.test(whole) ? STATE_RE.exec(without) : null);
  if (!idiom && !over) return null;
  const words = [idiom?.[0], over?.[0]].filter((w): w is string => w !== undefined).join(' … ');
  return { ...(over ? { during: words } : {}), text: blank(without, over) };
}
