// Reads a together question whose members are asked in different states: "when were p1 & p2 on but p3 off", "hrs hl p1
// running w/ p2 off", "p01 running while pump p02 was stopped": the members named before a stopped word are required
// stopped, the others running, all at once (group-state.ts, a per-member required state).
import { HELD_STATE } from './modifier-words.ts';
import { matchWeight, tokenize, type IndexedTag } from './tag-catalog.ts';
import { EVENT_ANCHOR_RE, type MemberStates } from './group-state.ts';

/** A running word said plainly ("running", "ran", "in service"), or "on" after a numbered thing and not before a date. */
const RUNNING_RE = /\b(?:running|runnin|runing|ran|operating|in service)\b|(?<=\b[a-z]*\d+\s+)on\b(?!\s+(?:the\s+)?\d)/g;
/** "not running", "no ... on": a running word that says the opposite. */
const NEGATED_BEFORE_RE = /\b(?:not|no|none|never)\s+(?:[a-z0-9-]+\s+){0,5}$/;
/** The stopped state of a member ("off", "stopped", "not running", "down"). */
const STOPPED_RE = new RegExp(String.raw`\b${HELD_STATE}(?=$|[^a-z0-9_])`, 'g');
/** Where the clause of a stopped member begins: a contrast or "with", a comma, or a running word before it. */
const CLAUSE_START_RE = /\b(?:but|while|whilst|yet|with|when)\b|w\/|,|\b(?:running|runnin|runing|ran|operating|on)\b/g;
/** Words at the edges of a member's clause that name no member ("and p3", "p3 was", "both"). */
const EDGE_WORDS_RE =
  /^(?:\s*(?:and|&|\+|was|were|is|are|being|been|has|have|had|both|all|the)\b)+|(?:\b(?:was|were|is|are|being|been|has|have|had|both|all)\s*)+$/g;
/** The contrast words that join the clauses ("but", "while", "with"): the shape's, blanked. */
const JOIN_RE = /\b(?:but|while|whilst|yet|with)\b|w\//g;

export interface GroupMixed {
  /** The state words read (for "understood" and declines). */
  words: string;
  /** The words naming the members required stopped ("p3", "pump p02"). */
  stopped: string;
  /** The question with the state and joining words blanked (the words naming the members stay). */
  text: string;
}

const blank = (text: string, at: number, length: number): string => text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);

/**
 * The members asked stopped beside others asked running, or null: a running word said plainly, and a stopped word whose
 * clause names a numbered thing ("but p3 off", "w/ p2 off", "while pump p02 was stopped").
 */
export function readGroupMixed(text: string): GroupMixed | null {
  // "both on after p2 stopped": a window set by another event (group-state.ts), not a member's state.
  if (EVENT_ANCHOR_RE.test(text)) return null;
  const running = [...text.matchAll(RUNNING_RE)].filter((m) => !NEGATED_BEFORE_RE.test(text.slice(0, m.index)));
  if (running.length === 0) return null;
  const stopped: { at: number; word: string; members: string }[] = [];
  for (const m of text.matchAll(STOPPED_RE)) {
    const before = text.slice(0, m.index);
    const starts = [...before.matchAll(CLAUSE_START_RE)];
    const last = starts.at(-1);
    const from = last ? last.index + last[0].length : 0;
    const members = before.slice(from).replace(EDGE_WORDS_RE, ' ').trim();
    if (!/\d/.test(members)) continue;
    stopped.push({ at: m.index, word: m[0], members });
  }
  if (stopped.length === 0) return null;
  let rest = text;
  for (const m of [...running, ...text.matchAll(JOIN_RE)]) rest = blank(rest, m.index, m[0].length);
  for (const s of stopped) rest = blank(rest, s.at, s.word.length);
  return {
    words: [...running.map((m) => m[0]), ...stopped.map((s) => s.word)].join(' '),
    stopped: stopped.map((s) => s.members).join(' '),
    text: rest,
  };
}

/**
 * The state each status tag is required in: stopped when a numbered word of the stopped members names it and not every
 * one of them ("p3" names BPS03 P03; "bps3" names them all), else running. Null when the words name none of them, or
 * all of them (no member would be running).
 */
export function memberStatesOf(status: readonly IndexedTag[], stoppedWords: string): MemberStates | null {
  const tokens = tokenize(stoppedWords.split(/[^a-z0-9]+/).filter((w) => w.length > 0)).filter((t) => t.id);
  const names = (tag: IndexedTag): boolean =>
    tokens.some((token) => matchWeight(token, tag, undefined) > 0 && !status.every((other) => matchWeight(token, other, undefined) > 0));
  const states = status.map((tag) => (names(tag) ? ('stopped' as const) : ('running' as const)));
  return states.includes('stopped') && states.includes('running') ? states : null;
}
