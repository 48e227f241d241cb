// A limit on an alarm's own time to acknowledge or to clear ("acked within 10 min", "took more than 30 min to get
// acknowledged", "cleared in under an hour"): the alarms are kept by it, not a value of a tag compared with a number.

import type { AlarmDurationLimit } from './plan.ts';

/** Which time is limited, how, and in minutes; `words` as written in the question. */
export type AlarmDurationLimitCue = AlarmDurationLimit & { words: string };

const VERB = String.raw`(acknowledged|acknowledge|acked|ackd|ack|cleared|clear|reset)`;
const NUMBER = String.raw`(\d+(?:[.,]\d+)?|an?|one)`;
const UNIT = String.raw`(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b`;
/** "faster than 10 min", "quicker than": a shorter time, as "under" is; "slower than" a longer one. */
const LESS = String.raw`less than|under|below|faster than|quicker than|sooner than|<`;
const MORE = String.raw`more than|over|longer than|above|slower than|later than|>`;

/** "acknowledged within 10 min", "acked in under 5 minutes", "cleared below 15 min", "acknowledged after over 30 min". */
const AFTER_VERB_RE = new RegExp(String.raw`\b${VERB}\s+(?:(within|in)\s+)?(?:(after)\s+)?(?:(${LESS}|${MORE})\s*)?${NUMBER}\s*${UNIT}`);
/** "took more than 30 min to get acknowledged", "took under an hour to clear". */
const TOOK_RE = new RegExp(String.raw`\btook\s+(${LESS}|${MORE})\s*${NUMBER}\s*${UNIT}\s+to\s+(?:be\s+|get\s+)?${VERB}`);

const MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, m: 1, h: 60 };

function minutesOf(number: string, unit: string): number {
  const n = /^(?:an?|one)$/.test(number) ? 1 : Number(number.replace(',', '.'));
  const scale = /^(?:seconds?|secs?|s)$/.test(unit) ? MINUTES.s : /^(?:hours?|hrs?|h)$/.test(unit) ? MINUTES.h : MINUTES.m;
  return n * (scale ?? 1);
}

const toOf = (verb: string): 'ack' | 'clear' => (/^ack/.test(verb) ? 'ack' : 'clear');
const comparatorOf = (word: string | undefined, within: boolean): AlarmDurationLimit['comparator'] | undefined => {
  if (word === undefined) return within ? '<=' : undefined;
  return new RegExp(String.raw`^(?:${LESS})$`).test(word) ? '<' : '>';
};

/** The limit on the alarms' time to acknowledge or clear the text names, and the text with its words blanked. */
export function readAlarmDurationLimit(text: string): { limit: AlarmDurationLimitCue; text: string } | null {
  const took = TOOK_RE.exec(text);
  const after = took ? null : AFTER_VERB_RE.exec(text);
  let limit: AlarmDurationLimitCue | undefined;
  if (took) {
    const comparator = comparatorOf(took[1], false);
    if (comparator) limit = { to: toOf(took[4] ?? ''), comparator, minutes: minutesOf(took[2] ?? '', took[3] ?? ''), words: took[0] };
  } else if (after) {
    // "acknowledged after 30 min" is later than that; "within" is at most ("acked in 24 h" may be a window: no limit).
    const comparator = after[3] === 'after' && after[4] === undefined ? '>=' : comparatorOf(after[4], after[2] === 'within');
    if (comparator) limit = { to: toOf(after[1] ?? ''), comparator, minutes: minutesOf(after[5] ?? '', after[6] ?? ''), words: after[0] };
  }
  if (!limit) return null;
  const match = (took ?? after)!;
  return { limit, text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) };
}
