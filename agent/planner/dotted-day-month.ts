// A day and month written with a dot and no year ("07.09", "15.10"), as German and Nordic plants write them: handed to
// the date reader as "07/09" (same length, so places in the text stay), and read day first (numeric-date.ts).
// A decimal is no date: a number after a comparison word or before a unit stays a number ("above 12.05 m").

/** Two digits each, a valid day and month, standing alone (not part of a longer number, a time or a date with year). */
const DOTTED_RE = /(?<![\w.,/:-])(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])(?![\w.,/:%°-])/g;
/** A comparison or limit word right before: the number is a value ("over 12.05"). */
const VALUE_BEFORE_RE = /(?:\b(?:above|below|over|under|than|exceed\w*|reach\w*|hit|limit|setpoint|sp)|[<>=])\s*$/;
/** A unit right after: the number is a value ("12.05 m", "10.10 bar"). */
const UNIT_AFTER_RE =
  /^\s*(?:m|bar|kpa|mbar|psi|mg|ntu|l\/s|m3|m³|kw|kwh|mw|mwh|a|amps?|rpm|mm|deg|ph|hz|v|ms|us|µs|s|min|h|hrs?|%)(?![a-z0-9])/;

/** The text with each dotted day.month written "dd/mm" for the date reader; other dots untouched. */
export function slashDottedDays(text: string): string {
  return text.replace(DOTTED_RE, (found: string, day: string, month: string, at: number) =>
    VALUE_BEFORE_RE.test(text.slice(0, at)) || UNIT_AFTER_RE.test(text.slice(at + found.length)) ? found : `${day}/${month}`,
  );
}
