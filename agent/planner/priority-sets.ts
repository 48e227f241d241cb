// Several alarm priorities named at once: "prio 1 & 2", "priority 1 or 2 alarms", "pri 1/2", "prio 2 or higher",
// "at least prio 2" (written "priority 2 or higher" by normalize-question.ts). Priority 1 is the most urgent (as
// "highest priority" is 1 in the thesaurus), so "2 or higher" is 1-2.

/** Words joining a further priority number to the one read: "1 and 2", "1 or 2", "1, 2" ("&", "+", "/" read as "and"). */
export const PRIORITY_JOINERS: ReadonlySet<string> = new Set(['and', 'or', ',']);

/**
 * Words after "N or" that take in every more urgent priority: "2 or higher", "3 or above". "2 or more" alone may be the
 * numbers from 2 up (less urgent), so "more" counts only with what it is more of ("2 or more urgent").
 */
export const MORE_URGENT_WORDS: ReadonlySet<string> = new Set(['higher', 'above']);
const MORE_OF_WORDS: ReadonlySet<string> = new Set(['urgent', 'severe', 'critical', 'important']);
/** Words after "N or" whose direction on the scale cannot be told: "2 or more" (numbers or urgency?), "3 or lower". */
const UNCLEAR_DIRECTION_WORDS: ReadonlySet<string> = new Set(['more', 'lower', 'less', 'below', 'under', 'fewer', 'over', 'up']);

/** The highest priority number a set may name: beyond it "prio 1 and 5 alarms" is not read as a set. */
const HIGHEST_PRIORITY_NUMBER = 9;

export type PrioritySet =
  | {
      values: number[];
      /** How many words after the priority word(s) the set took up. */
      skip: number;
    }
  | { kind: 'decline'; reason: string };

const priorityNumber = (word: string | undefined): number | undefined =>
  word !== undefined && /^\d$/.test(word) && Number(word) >= 1 && Number(word) <= HIGHEST_PRIORITY_NUMBER ? Number(word) : undefined;

const upTo = (value: number): number[] => Array.from({ length: value }, (_, k) => k + 1);

/**
 * The set of priorities said from the priority `value` read (its last word at `end`), or null when one
 * priority alone is named. Only numbers right after a joiner are taken: "prio 1 and 2 alarms" is a set, "prio 1 and
 * p2 current" is not.
 */
export function prioritySetAt(words: readonly string[], end: number, value: number): PrioritySet | null {
  const values = [value];
  let j = end + 1;
  for (;;) {
    const joiner = words[j];
    if (joiner === undefined || !PRIORITY_JOINERS.has(joiner)) break;
    const next = priorityNumber(words[j + 1]);
    if (next !== undefined) {
      if (!values.includes(next)) values.push(next);
      j += 2;
      continue;
    }
    if (joiner === 'or' && MORE_URGENT_WORDS.has(words[j + 1] ?? '')) return { values: upTo(Math.max(...values)), skip: j + 1 - end };
    if (joiner === 'or' && words[j + 1] === 'more' && MORE_OF_WORDS.has(words[j + 2] ?? ''))
      return { values: upTo(Math.max(...values)), skip: j + 2 - end };
    if (joiner === 'or' && UNCLEAR_DIRECTION_WORDS.has(words[j + 1] ?? '')) {
      const said = `${values.join(' or ')} or ${words[j + 1] ?? ''}`;
      return {
        kind: 'decline',
        reason: `I could not place "priority ${said}": priority 1 is the most urgent, so the numbers above ${Math.max(...values)} are the less urgent alarms; say "priority ${Math.max(...values)} or higher" (more urgent) or name the priorities ("priority 3 and 4")`,
      };
    }
    break;
  }
  return values.length > 1 ? { values: values.sort((a, b) => a - b), skip: j - 1 - end } : null;
}

/** "(p1/p2)", "(prio 1 & 2)", "(priority 1, 2)": a parenthesis that only names priorities. */
const RESTATED_RE =
  /\(\s*((?:p|pri|prio|priority|prty)\s*[1-9](?:\s*(?:\/|,|&|\+|and|or)\s*(?:(?:p|pri|prio|priority|prty)\s*)?[1-9])*)\s*\)/;

/**
 * The priorities a parenthesis restates ("hi prio alm cnt (p1/p2)": priorities 1 and 2, not pumps P1 and P2), and the
 * text with it blanked; null when none. Right after a priority word the parenthesis says what that word means here.
 */
export function readRestatedPriorities(text: string): { values: number[]; words: string; text: string } | null {
  const match = RESTATED_RE.exec(text);
  if (!match) return null;
  const values = [...new Set([...(match[1] ?? '').matchAll(/[1-9]/g)].map((m) => Number(m[0])))].sort((a, b) => a - b);
  return {
    values,
    words: match[0],
    text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length),
  };
}
