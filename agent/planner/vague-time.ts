// Time words that name no window: "t1 lvl earlier", "bps2 flow recently". Answered as "now" they would be wrong.

/** Words that say the time is in the past without saying when (read only when no window was found). */
const VAGUE_TIME_RE = /\b(earlier|recently|lately|a while ago|a bit ago|the other day|before)\b(?!\s*\d)/;

/**
 * The vague time word of a question whose window could not be read, so the planner asks for the time instead of
 * answering with the latest value ("t1 lvl earlier" is not "t1 lvl now"); undefined when there is none.
 */
export function vagueTimeWord(rest: string): string | undefined {
  return VAGUE_TIME_RE.exec(rest)?.[1];
}
