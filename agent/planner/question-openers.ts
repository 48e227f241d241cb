// Openers of a question that ask nothing (a greeting, "pls", "quick q:", "can you tell me"): read off its start, so the
// words the question itself opens with ("did ...", "which pumps have ...", "time X went over ...") are read as its opening.

/**
 * One opener at the start of a normalized question (lower case, a space before it). "hi" alone is chat for "max" and
 * "q" alone for a flow: as openers only with their punctuation ("hi,", "q:"). A greeting is not a part of the day:
 * "morning all, T1 level?" asks for now.
 */
const OPENER = new RegExp(
  String.raw`^ (?:` +
    [
      String.raw`(?:hey|hiya|hello|yo|ok|okay|pls|plz|please)\b[,!.:;]*`,
      String.raw`(?:hi|q|qn|question)\s*[,!:]+`,
      String.raw`quick\s+(?:q|qn|question|one)\b[,!.:;-]*`,
      String.raw`(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:pls\s+|please\s+)?(?:tell|give)\s+me\b[,:]*`,
      String.raw`do\s+(?:you|u)\s+know\b[,:]*`,
      String.raw`(?:good\s+)?(?:morning|afternoon|evening)\b(?:\s+(?:all|guys|team|folks))?[,!.:]*`,
    ].join('|') +
    String.raw`)(?=\s)`,
);

/** The question without its openers, one after another ("hey, morning! quick one - max amps ..." -> "max amps ..."). */
export function dropOpeners(text: string): string {
  let rest = text;
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(OPENER, ' ').replace(/^ (?:\s|[-–,:](?=\s))+/, ' ');
  }
  return rest;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*';
const WEEKDAY = '(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*';
const UNIT = '(?:hours?|days?|weeks?|months?|nights?|shifts?|years?)';
/** A time phrase set off by a comma before the question: "yesterday, ...", "last week, did ...", "on 12 aug, ...". */
const FRONTED_TIME = new RegExp(
  String.raw`^\s*((?:(?:on|in|during|over|for)\s+)?(?:the\s+)?(?:` +
    [
      'yesterday',
      'today',
      'tonight',
      'last night',
      'this (?:morning|afternoon|evening|week|month|year)',
      `(?:last|past|previous) (?:\\d+\\s?)?${UNIT}`,
      `(?:last|this) ${WEEKDAY}`,
      `\\d{1,2}(?:st|nd|rd|th)? ${MONTH}`,
      `${MONTH} \\d{1,2}(?:st|nd|rd|th)?`,
      MONTH,
      'q[1-4]',
    ].join('|') +
    String.raw`)),\s+(\S.*)$`,
);

/**
 * A time phrase set off by a comma at the start moved to the end ("last week, did T1 stay within 3-5 m" -> "did T1 stay
 * within 3-5 m last week"): the question's own opening is then read as one ("did" a yes or no, "time X went over").
 */
export function moveFrontedTime(text: string): string {
  const m = FRONTED_TIME.exec(text);
  return m ? ` ${m[2]!.trimEnd()} ${m[1]!} ` : text;
}
