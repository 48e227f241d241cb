// Yes-or-no questions about a limit over a whole window: "did t3 stay below 4.1 m all month", "was it always above 0.3
// mg/l", "did it never go over 6 bar". They are answered by the stretches that would say no: staying below a limit by the
// stretches at or above it, "never above" by the stretches above it (none: the answer is yes).
import type { Comparator } from './comparator-words.ts';

/** A question answered yes or no: it opens with an auxiliary ("did", "has", "was"). */
export const YES_NO_RE = /^\s*(?:did|does|do|has|have|had|was|were|is|are)\b/;

/** A verb of staying (or "always") right before the comparison: "stay within", "remained above", "always below". */
const STAYED_RE =
  /\b(?:stay(?:s|ed)?|remain(?:s|ed)?|keep|kept|held|hold(?:s)?|always)\s+(?:(?:stay(?:s|ed)?|remain(?:s|ed)?|been|be)\s+)?$/;

/** A negation right before the comparison: "never went over", "didn't go above", "not once below". */
const NEVER_RE =
  /\b(?:never|not once|at no (?:time|point)|didn'?t|did not|hasn'?t|has not|haven'?t|have not)\s+(?:ever\s+)?(?:(?:go|went|gone|got|get|been|be|fall|fell|drop(?:ped)?|dip(?:ped)?|rise|rose)\s+)?$/;

/**
 * Words that ask an amount of the stretches ("hrs it stayed above", "how long", "% of the time", "which days"): with them
 * a verb of staying names the state measured, not a yes or no held over the window.
 */
const AMOUNT_ASKED_RE =
  /\b(?:how|hrs?|hours?|mins?|minutes?|time|duration|long(?:est)?|pct|percent(?:age)?|share|proportion|fraction|count|times|often|number|days?|dates?|when|which|what|stretch(?:es)?)\b|%/;
/** The whole window named right after the comparison ("was T1 above 4 m all day", "all of last week"): it held throughout. */
const THROUGHOUT_RE =
  /^\s*(?:all(?:\s+of)?(?:\s+the)?|(?:the\s+)?(?:whole|entire)|throughout(?:\s+the)?)(?:\s+(?:day|week|wk|month|night|nite|time|period|shift|weekend))?(?=\s|$)/;

/** The side opposite a comparator, for the stretches that break "stayed above" / "stayed within". */
const OPPOSITE: Record<Comparator, Comparator> = { above: 'below', below: 'above', between: 'outside', outside: 'between' };

export interface HeldSide {
  /** The comparator whose stretches answer the question. */
  comparator: Comparator;
  /** True when the answer's stretches include the limit itself (breaking "stay above 0.3" is reaching 0.3 or less). */
  flipped: boolean;
  /** Where the words of staying or negation start and how long they are, to blank them. */
  index: number;
  length: number;
}

/**
 * What a yes-or-no question held over the window asks, given the comparison read from `at` to `end` in `text`: "stay
 * below", "always below" and "below ... all day" are answered by the stretches on the other side (when the question opens
 * with an auxiliary or asks no amount); "never above", "didn't go over" by those above. Null when no staying or negation
 * word stands right before the comparison (or a whole window right after it).
 */
export function heldSide(text: string, at: number, comparator: Comparator, end = at): HeldSide | null {
  const before = text.slice(0, at);
  // "did t3 stay below 4.1 m", and chat's "t1 kept above 3.5 m l/wk?" (no amount asked of the stretches).
  const held = YES_NO_RE.test(text) || !AMOUNT_ASKED_RE.test(text);
  const stayed = held ? STAYED_RE.exec(before) : null;
  if (stayed) return { comparator: OPPOSITE[comparator], flipped: true, index: stayed.index, length: stayed[0].length };
  const throughout = held && end > at ? THROUGHOUT_RE.exec(text.slice(end)) : null;
  if (throughout) return { comparator: OPPOSITE[comparator], flipped: true, index: end, length: throughout[0].length };
  const never = NEVER_RE.exec(before);
  if (never) return { comparator, flipped: false, index: never.index, length: never[0].length };
  return null;
}
