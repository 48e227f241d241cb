// A limit on how often a tag alarmed: "which alarms came 2+ times", "tags that alarmed more than 3 times last wk",
// "alarms that repeated". The alarms are counted per tag and only the tags past the limit are kept.
import { numberWordsBetween } from './number-words.ts';
import type { AlarmCountLimit } from './plan.ts';

/** A count as digits or words ("2", "two"): how often a tag alarmed. */
const COUNT_WORDS = numberWordsBetween(1, 20);
const N = String.raw`(\d+|${Object.keys(COUNT_WORDS).join('|')})`;
const countOf = (word: string): number => COUNT_WORDS[word] ?? Number(word);

/** The limit as written in the question, with the words it took. */
export type AlarmRepeatCue = AlarmCountLimit & { words: string };

/** Words that say an alarm came more than once: "repeated", "recurring", "kept coming back". */
export const REPEAT_WORDS = [
  'repeated',
  'repeating',
  'repeat',
  'repeats',
  'recurring',
  'recurred',
  'recurrent',
  'reoccurring',
  'reoccurred',
];
const REPEAT_RE = new RegExp(
  String.raw`\b(?:${REPEAT_WORDS.join('|')}|kept\s+coming(?:\s+back)?|came\s+back|more\s+than\s+once|again\s+and\s+again)\b`,
);

const TIMES = String.raw`\s*(?:times|x)\b`;
/** "2+ times", "2 or more times", "2 times or more", "at least 2 times": that many or more. */
const AT_LEAST_RE = new RegExp(
  String.raw`\b(?:at\s+least\s+|>=\s*)${N}${TIMES}|\b${N}\s*(?:\+|or\s+more)${TIMES}|\b${N}${TIMES}\s+or\s+more\b|(?<![\w.])(\d+)\s*\+\s*(?:times|x)?(?=\s|$)`,
);
/** "more than 3 times", "over 3 times", "> 3 times": more than that many. */
const MORE_THAN_RE = new RegExp(String.raw`(?:\b(?:more\s+than|over|above)\s+|>\s*)${N}${TIMES}`);
/** The number said as a word a count-words pass may have left: "twice or more". */
const TWICE_RE = /\btwice\s+or\s+more\b|\bat\s+least\s+twice\b/;

/**
 * The limit on the count of each tag's alarms the text names, and the text with its words blanked; null when it names
 * none. Read only beside the alarms: "above 3" elsewhere is a limit on a value.
 */
export function readAlarmRepeats(text: string): { limit: AlarmRepeatCue; text: string } | null {
  const found = ((): { comparator: AlarmCountLimit['comparator']; count: number; match: RegExpExecArray } | null => {
    const more = MORE_THAN_RE.exec(text);
    if (more) return { comparator: '>', count: countOf(more[1] ?? ''), match: more };
    const least = AT_LEAST_RE.exec(text);
    if (least) return { comparator: '>=', count: countOf(least[1] ?? least[2] ?? least[3] ?? least[4] ?? ''), match: least };
    const twice = TWICE_RE.exec(text);
    if (twice) return { comparator: '>=', count: 2, match: twice };
    const repeat = REPEAT_RE.exec(text);
    if (repeat) return { comparator: '>=', count: 2, match: repeat };
    return null;
  })();
  if (!found || found.count < 1) return null;
  const { match } = found;
  const blanked = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
  return { limit: { comparator: found.comparator, count: found.count, words: match[0].trim() }, text: blanked };
}
