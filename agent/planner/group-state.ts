// Reads the state a "together" question asks of a group: every one of them running (the default), or every one of them
// known stopped at once ("both off", "all stopped at the same time", "no hl pump was running", "none of the pumps on").
import { HELD_STATE } from './modifier-words.ts';

/** The state every tag of a together plan is in at once: `stopped` = each known stopped (good 0), never unknown. */
export type GroupState = 'running' | 'stopped';

/** A running word said plainly ("p2 running while p1 off"): then "off" holds another signal, a condition. */
const RUNNING_RE = /\b(?:running|runnin|runing|ran|run|operating|in service)\b/g;
/** "not running", "no ... running": a running word that says the opposite. */
const NEGATED_BEFORE_RE = /\b(?:not|no|none|never)\s+(?:[a-z0-9-]+\s+){0,5}$/;
/**
 * "no hl pump was running", "none of the bps02 pumps were on", "no pump at all running": the words between name the group
 * (kept for the tags), the rest is the state. Not "no." (a number), "no data", "no higher than 3 bar on 14 oct" (a limit).
 */
const NONE_RUNNING_RE =
  /\b(none\s+of(?:\s+the)?|no)\s+(?!data\b|of\b)((?:(?!(?:running|runnin|runing|ran|run|on|was|were|is|are|at|than|more|less|higher|lower|greater|above|below|over|under|\d[\d.,]*)\b)[a-z0-9-]+\s+){1,4}?)((?:at\s+all\s+)?(?:(?:was|were|is|are|has been|have been)\s+)?(?:running|runnin|runing|on(?!\s+(?:the\s+)?\d)|in service|operating))\b/;
/** "nothing running at bps03", "nothing was on": the group is what the rest of the question names. */
const NOTHING_RUNNING_RE =
  /\bnothing\s+(?:at\s+all\s+)?(?:(?:was|were|is|has been)\s+)?(?:running|runnin|runing|on(?!\s+(?:the\s+)?\d)|in service|operating)\b/;
/** The group said whole: "both", "all", "all three", "the same time", "together", "at once". */
const GROUP_RE =
  /\b(?:both|all(?:\s+(?:two|three|four|[2-4]))?|(?:at\s+)?(?:the\s+)?same\s+time|together|at\s+once|simultaneous(?:ly)?|concurrent(?:ly)?)\b/;
/** The stopped state of the whole group ("off", "stopped", "not running"), not held by "with" ("w/ p1 stopped"). */
const STOPPED_RE = new RegExp(String.raw`(?<!\b(?:with|w\/)\s+(?:[a-z0-9_]+\s+){0,4})\b${HELD_STATE}(?=$|[^a-z0-9_])`, 'g');

/**
 * "off when p1 tripped", "both down after p2 stopped": a window set by another event, which no plan reads (the stretches
 * of the whole day would be another question).
 */
export const EVENT_ANCHOR_RE =
  /\b(?:when|after|once|as soon as)\s+(?:[a-z0-9-]+\s+){1,3}?(?:tripped|trip|stopped|started|failed|went off|came on|restarted)\b/;

export interface GroupStopped {
  /** The words that asked for the stopped state (for "understood" and declines). */
  words: string;
  /** The words of a window set by another event ("when p1 tripped"), which the plan cannot place. */
  anchor?: string;
  /** The question with the state words blanked (the words naming the group stay). */
  text: string;
}

const blankAt = (text: string, at: number, length: number): string => text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);

/** True when a running word stands in `text` not negated ("p2 running w/ p1 off"): no group stopped then. */
function runsPlainly(text: string): boolean {
  for (const m of text.matchAll(RUNNING_RE)) if (!NEGATED_BEFORE_RE.test(text.slice(0, m.index))) return true;
  return false;
}

/**
 * The stopped state asked of a whole group, or null: "no X running" / "none of X on", or a stopped word beside a word
 * of the whole group ("both off", "p1 off + p2 off same time", "all stopped at the same time"). Null when a running word
 * stands plainly beside it (a condition: "p2 running with p1 off") or the stopped word is held by "with".
 */
export function readGroupStopped(text: string): GroupStopped | null {
  const anchor = EVENT_ANCHOR_RE.exec(text);
  if (anchor) text = blankAt(text, anchor.index, anchor[0].length);
  const found = readStopped(text);
  return found && anchor ? { ...found, anchor: anchor[0] } : found;
}

function readStopped(text: string): GroupStopped | null {
  const none = NONE_RUNNING_RE.exec(text);
  if (none) {
    const head = none[1] ?? '';
    const tail = none[3] ?? '';
    const tailAt = none.index + none[0].length - tail.length;
    return { words: none[0], text: blankAt(blankAt(text, none.index, head.length), tailAt, tail.length) };
  }
  const nothing = NOTHING_RUNNING_RE.exec(text);
  if (nothing) return { words: nothing[0], text: blankAt(text, nothing.index, nothing[0].length) };
  if (!GROUP_RE.test(text) || runsPlainly(text)) return null;
  const stopped = [...text.matchAll(STOPPED_RE)];
  if (stopped.length === 0) return null;
  let rest = text;
  for (const m of stopped) rest = blankAt(rest, m.index, m[0].length);
  const group = GROUP_RE.exec(rest);
  if (group) rest = blankAt(rest, group.index, group[0].length);
  return { words: stopped.map((m) => m[0]).join(' '), text: rest };
}

/**
 * The state each tag of a together plan is required in, in the plan's tag order (plan.ts): "p1 & p2 on but p3 off" is
 * running, running, stopped; a uniform group ("both off") is every one the same.
 */
export type MemberStates = readonly GroupState[];

/** Whether the members' required states differ ("p1 on w/ p2 off"), rather than one state of the whole group. */
export const isMixed = (states: MemberStates | undefined): boolean => states !== undefined && new Set(states).size > 1;

/** The one state of the whole group: stopped when every member is required stopped, else running (mixed included). */
export const wholeState = (states: MemberStates | undefined): GroupState | undefined =>
  states !== undefined && states.length > 0 && states.every((s) => s === 'stopped') ? 'stopped' : undefined;

/**
 * The tags of a together sentence and its verbs for the states asked: "A and B ran together", "A and B were all stopped
 * at the same time", "A and B running with C stopped were so at once".
 */
export function togetherVerbs(
  names: readonly string[],
  states: MemberStates | undefined,
  some: boolean,
): { names: string; together: string; never: string } {
  if (isMixed(states)) {
    const of = (state: GroupState): string => names.filter((_, i) => states?.[i] === state).join(' and ');
    return {
      names: `${of('running')} running with ${of('stopped')} stopped`,
      together: 'were in those states at once',
      never: 'were never in those states at once',
    };
  }
  const all = names.join(' and ');
  if (wholeState(states) === 'stopped')
    return { names: all, together: 'were all stopped at the same time', never: 'were never all stopped at the same time' };
  return { names: all, together: 'ran together', never: `never ${some ? 'were running' : 'ran'} at the same time` };
}
