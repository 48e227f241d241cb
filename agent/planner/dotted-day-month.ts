// A day and month written with a dot and no year ("07.09", "15.10", "8.10.", "am 3.10"), as German and Nordic plants
// write them: handed to the date reader as "07/09" (same length, so places in the text stay), and read day first
// (numeric-date.ts). A decimal is no date: a number after a comparison word or before a unit stays a number ("above
// 12.05 m"), and a short form ("8.10", "1.9") is a date only where a decimal cannot stand: closed by a dot ("8.10.", the
// German way of writing a date) or after a word that names a day ("on 8.10", "am 26.8", "seit 1.9").

/** A day and a month of one or two digits, a closing dot maybe, standing alone (not part of a longer number or a time). */
const DOTTED_RE = /(?<![\w.,/:-])(\d{1,2})\.(\d{1,2})(\.(?!\d))?(?![\w,/:%°-]|\.\d)/g;
/** A comparison or limit word right before: the number is a value ("over 12.05"). */
const VALUE_BEFORE_RE = /(?:\b(?:above|below|over|under|than|exceed\w*|reach\w*|hit|limit|setpoint|sp)|[<>=])\s*$/;
/** A word that names a day right before: "on 8.10", "am 26.8" (German "on"), "since 1.9", "seit 1.9", "vom 3.10". */
const DAY_BEFORE_RE = /\b(?:on|am|since|seit|vom|ab)\s+$/;
/** A unit right after: the number is a value ("12.05 m", "10.10 bar"). */
const UNIT_AFTER_RE =
  /^\s*(?:m|bar|kpa|mbar|psi|mg|ntu|l\/s|m3|m³|kw|kwh|mw|mwh|a|amps?|rpm|mm|deg|ph|hz|v|ms|us|µs|s|min|h|hrs?|%)(?![a-z0-9])/;

/** The text with each dotted day.month written "dd/mm" for the date reader (a closing dot as a space); other dots untouched. */
export function slashDottedDays(text: string): string {
  return text.replace(DOTTED_RE, (found: string, day: string, month: string, closing: string | undefined, at: number) => {
    const before = text.slice(0, at);
    if (VALUE_BEFORE_RE.test(before) || UNIT_AFTER_RE.test(text.slice(at + found.length))) return found;
    const short = day.length < 2 || month.length < 2;
    if (short && !closing && !DAY_BEFORE_RE.test(before)) return found;
    if (Number(day) < 1 || Number(day) > 31 || Number(month) < 1 || Number(month) > 12) return found;
    return `${day}/${month}${closing ? ' ' : ''}`;
  });
}
