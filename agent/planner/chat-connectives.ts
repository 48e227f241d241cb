// Chat forms of connecting words, read before the question's things are: "p1 v p2" (versus), "all 3" (every one of
// them) and "btw" (by the way, unless a number follows). Without them "v" is an unknown word where a thing is named and "amps all 3" reads as an identifier "amps 3".

/** "p1 v p2", "f1 v f2 flow": a lone "v" between two words is "vs"; after a number ("400 v") it is a unit and stays. */
const VERSUS_RE = /(?<=(?:^|\s)[a-z][a-z0-9]*\s+)v\.?(?=\s+[a-z0-9])/g;

/** Time units after a count: "all 3 days" keeps its number, which is the window's length. */
const TIME_UNIT = "(?:h|hrs?|hours?|mins?|minutes?|days?|d|wks?|weeks?|months?|nights?|shifts?|am|pm|o'?clock)\\b";
/**
 * "all 3", "all three pumps": the number counts the things meant (all of them), it names none of them. Read where the
 * phrase ends or a plural follows; a time unit after it ("all 3 days") or a clock ("all 3:00") keeps it.
 */
const ALL_N_RE = new RegExp(
  `\\ball\\s+(?:\\d|two|three|four|five|six)(?=\\s*(?:$|[,;?!)]|\\s[a-z]+s\\b))(?!\\s*[:.]\\d)(?!\\s+${TIME_UNIT})`,
  'g',
);

/**
 * "btw what was T1 yday", "T1 lvl yday btw", "btw, ...": "btw" opening or closing the question, or before a comma, is
 * chat's "by the way" and asks nothing; elsewhere it is "between" (the thesaurus reads it so: "btw 1 and 4 am",
 * "diff btw yday and today").
 */
const BY_THE_WAY_RE = /^\s*btw\b,?(?!\s*[\d.])|\bbtw\s*,(?!\s*[\d.])|\s*,?\s*\bbtw\s*[?!.]*\s*$/g;

/** The question with "v" read as "vs", the count of "all N" dropped and "btw" as "by the way" dropped. */
export function readChatConnectives(text: string): string {
  return text.replace(VERSUS_RE, 'vs').replace(ALL_N_RE, 'all').replace(BY_THE_WAY_RE, ' ');
}
