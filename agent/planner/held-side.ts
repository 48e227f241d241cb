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
 * What a yes-or-no question held over the window asks, given the comparison read at `at` in `text`: "stay below" and
 * "always below" are answered by the stretches on the other side (when the question opens with an auxiliary); "never
 * above", "didn't go over" by those above. Null when no staying or negation word stands right before the comparison.
 */
export function heldSide(text: string, at: number, comparator: Comparator): HeldSide | null {
  const before = text.slice(0, at);
  const stayed = YES_NO_RE.test(text) ? STAYED_RE.exec(before) : null;
  if (stayed) return { comparator: OPPOSITE[comparator], flipped: true, index: stayed.index, length: stayed[0].length };
  const never = NEVER_RE.exec(before);
  if (never) return { comparator, flipped: false, index: never.index, length: never[0].length };
  return null;
}
