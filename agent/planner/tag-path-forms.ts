// SCADA tag references as engineers paste or type them ("BPS02.P01.MotorCurrent", "bps02_p01_amps", "BPS2-P1",
// "DMA05-CP01"): the path is split into the words a question would use, so the linker reads its parts one by one.

/** One segment of a path: an identifier ("BPS02", "p1", "CP01") or a word, camel case kept for splitting ("MotorCurrent"). */
const SEGMENT = String.raw`[A-Za-z]+\d*`;
/**
 * Two or more segments joined by dots, underscores or dashes. A slash path ("BPS03/P02/Running") is left whole: the
 * catalog knows its tags' names as written, and "P1/P3" joins two things.
 */
const JOINED = new RegExp(String.raw`(?<![\w./-])(${SEGMENT}(?:[._-]${SEGMENT})+)(?![\w/-]|\.\w)`, 'g');

const ID = /^([a-z]+)(\d+)$/i;

/** "MotorCurrent" -> "motor current", "OutletFlowTotal" -> "outlet flow total", "BPS02" -> "bps02". */
function words(segment: string): string {
  return segment
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Whether a joined token is a tag reference: at least one segment is an identifier (letters then digits), and the
 * identifiers are not one family written as a range ("P1-P3" names pumps 1 to 3, not a path). Words alone ("hi-lift",
 * "day-over-day", "mg/l") and units ("m3/h") are no path.
 */
function isTagPath(segments: readonly string[]): boolean {
  const ids = segments.map((s) => ID.exec(s)).filter((m): m is RegExpExecArray => m !== null);
  if (ids.length === 0) return false;
  const families = new Set(ids.map((m) => (m[1] ?? '').toLowerCase()));
  if (ids.length === segments.length && families.size === 1) return false;
  // A unit with a digit ("m3", "m2") joined to a short word ("m3/h", "m3-hr") measures; it names nothing.
  return !segments.every((s) => /^(?:m[23]|[a-z]{1,3})$/i.test(s));
}

/** The question with each tag reference written as separate words ("BPS02.P01.MotorCurrent" -> "BPS02 P01 motor current"). */
export function splitTagPaths(question: string): string {
  return question.replace(JOINED, (token: string) => {
    const segments = token.split(/[._-]/);
    return isTagPath(segments) ? segments.map(words).join(' ') : token;
  });
}
