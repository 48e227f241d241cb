// Chattering alarms: one tag raised again and again within a short time ("chattering alms last 30d", "which alarms
// chattered in aug", "any alarm chatter?"). Kept by a rule the answer states: at least `count` activations of one tag
// within `minutes`; not the most frequent alarms, which may never have chattered.
import type { AlarmChatter } from './plan.ts';

/** The rule: 3 or more activations of one tag within 60 minutes (raw turbidity above 20 NTU clears and returns so). */
export const CHATTER_RULE: AlarmChatter = { count: 3, minutes: 60 };

/** "chattering", "chattered", "chatters", "chatter", "chattery", "flapping", "flapped": the tag went active again and again. */
const CHATTER_RE = /\b(?:chatter(?:ing|ed|s|y)?|flapp(?:ing|ed|y)|flaps?)\b/;

/** The chattering words of an alarm question and the question with them blanked, or null when it names none. */
export function readAlarmChatter(text: string): { words: string; text: string } | null {
  const match = CHATTER_RE.exec(text);
  if (!match) return null;
  return { words: match[0], text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) };
}

/** The rule in words: "one tag active 3 or more times within 60 min". */
export const chatterWords = (rule: AlarmChatter): string => `one tag active ${rule.count} or more times within ${rule.minutes} min`;
