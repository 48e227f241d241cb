// Alarms that returned to normal before anyone acknowledged them ("alms that rtnd b4 anyone ackd", "aug alms ack'd only
// after they'd cleared"): the order of an alarm's clear and its acknowledgement, kept as a filter of the alarm list or
// count. The journal pairs each activation with the first clear and the first acknowledgement of its tag after it.

/** "cleared before anyone acked", "returned to normal before being acknowledged" (b4 and rtnd are rewritten already). */
const CLEARED_BEFORE_RE =
  /\b(?:cleared|clear|clears|returned|reset)\s+(?:to\s+normal\s+)?(?:before|prior\s+to|ahead\s+of)\s+(?:(?:anyone|someone|somebody|it\s+was|they\s+were|being|getting|an?|the|any)\s+)*(?:ack(?:nowledge(?:d|ment)?|ed|d|s)?)\b/;
/** "acked only after they'd cleared", "acknowledged after it had cleared": the acknowledgement came second. */
const ACKED_AFTER_RE =
  /\back(?:nowledged|ed|d)?\s+(?:only\s+)?(?:after|once)\s+(?:(?:it|they|the\s+alarms?|had|have|has|was|were|already)(?:'d)?\s+)*(?:cleared|clear|returned)\b/;

/** The words that ask for the alarms cleared before their acknowledgement, and the text with them blanked; or null. */
export function readClearedFirst(text: string): { words: string; text: string } | null {
  const match = CLEARED_BEFORE_RE.exec(text) ?? ACKED_AFTER_RE.exec(text);
  if (!match) return null;
  return { words: match[0], text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) };
}
