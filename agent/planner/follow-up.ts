// Follow-ups that swap the thing asked about ("same for T2", "and P2?", "what about DMA04", "now for BPS02"): the earlier
// question asked again with the new thing in place of the one of its kind, keeping its operation and period.
import { resolveTime, type TimeContext } from './time-window.ts';
import { FILLER } from './question-lexicon.ts';
import type { TagIndex } from './tag-catalog.ts';
import { normalizeQuestion } from './normalize-question.ts';
import type { PlanContext, PlannerCatalog } from './plan-question.ts';

/** Words of a follow-up that only say "the same question again" (FILLER covers and / what / how / for / please ...). */
export const AGAIN_WORDS: ReadonlySet<string> = new Set([
  'same',
  'about',
  'abt',
  'wat',
  'wht',
  'also',
  'too',
  'again',
  'question',
  'thing',
  'instead',
  'but',
  'likewise',
  'ditto',
  'one',
]);

/** "now for DMA04", "then for P2": "now" opens the follow-up there, it asks no latest value. */
const OPENING_RE = /^\s*(?:and\s+|&\s*|\+\s*)?(?:now|then|ok|okay|right)\s*,?\s+(?=(?:for|at|with|on|in)\b)/;

const ID_RE = /^([a-z]+)[_-]?0*(\d+)$/;
const WORD_RE = /[\p{L}\p{N}_-]+/gu;

interface EntityWord {
  word: string;
  letters: string;
}

/** The identifier families of a catalog ("t", "p", "dma", "bps") with the numbers each has. */
function families(indexes: readonly TagIndex[]): Map<string, Set<number>> {
  const found = new Map<string, Set<number>>();
  for (const index of indexes)
    for (const tag of index.tags) for (const id of tag.ownIds) found.set(id.letters, (found.get(id.letters) ?? new Set()).add(id.num));
  return found;
}

function entityOf(word: string, known: Map<string, Set<number>>): EntityWord | null {
  const m = ID_RE.exec(word);
  if (!m) return null;
  const letters = m[1] ?? '';
  return known.get(letters)?.has(Number(m[2])) ? { word, letters } : null;
}

/** Words every tag of the named thing carries (its kind: "pump P03", "tank T3"): they add nothing to a follow-up. */
function kindWords(entity: EntityWord, indexes: readonly TagIndex[]): Set<string> {
  const m = ID_RE.exec(entity.word);
  const num = Number(m?.[2]);
  const named = indexes.flatMap((index) =>
    index.tags.filter((tag) => tag.ownIds.some((id) => id.letters === entity.letters && id.num === num)),
  );
  const first = named[0];
  if (!first) return new Set();
  return new Set([...first.terms].filter((term) => named.every((tag) => tag.terms.has(term))));
}

/**
 * The earlier question asked again for the thing a follow-up names, or null when the follow-up is more than a thing
 * (and perhaps a period): "and P2?" after "BPS01 P1 run hrs yday" is "BPS01 p2 run hrs yday". The thing replaces the
 * earlier question's thing of the same family (P1 by P2, DMA02 by DMA04); with none of its family there, every
 * numbered thing of the earlier question (T1 by DMA02: "dma02 lvl now", which then names nothing and says so). A
 * period in the follow-up replaces the earlier one ("same for DMA01, but the week before").
 */
export function swapFollowUpEntity(previous: string, followUp: string, indexes: readonly TagIndex[], time: TimeContext): string | null {
  const known = families(indexes);
  const opened = ` ${followUp.toLowerCase()} `.replace(OPENING_RE, ' ');
  const period = resolveTime(opened, time);
  const words = (period?.rest ?? opened).match(WORD_RE) ?? [];
  const entities = words.map((w) => entityOf(w, known)).filter((e): e is EntityWord => e !== null);
  if (entities.length !== 1) return null;
  const entity = entities[0]!;
  const kind = kindWords(entity, indexes);
  const rest = words.filter((w) => w !== entity.word && !FILLER.has(w) && !AGAIN_WORDS.has(w) && !kind.has(w));
  if (rest.length > 0) return null;
  const before = previous.toLowerCase();
  const earlierTime = period ? resolveTime(before, time) : null;
  const base = earlierTime?.rest ?? before;
  const olds = (base.match(WORD_RE) ?? []).map((w) => entityOf(w, known)).filter((e): e is EntityWord => e !== null);
  if (olds.length === 0) return null;
  const sameFamily = olds.filter((o) => o.letters === entity.letters);
  const replaced = new Set((sameFamily.length > 0 ? sameFamily : olds).map((o) => o.word));
  let placed = false;
  const swapped = base.replace(WORD_RE, (w) => {
    if (!replaced.has(w)) return w;
    if (sameFamily.length > 0 || !placed) {
      placed = true;
      return entity.word;
    }
    return ' ';
  });
  // The follow-up's period as written: the characters its time expression blanked.
  const periodWords = period ? [...opened].map((ch, i) => (period.rest[i] === ch ? ' ' : ch)).join('') : '';
  return `${swapped} ${periodWords}`.replace(/\s+/g, ' ').trim();
}

/**
 * The question a conversation's last turn stands for: a turn that only swapped the thing ("and t3?") is its earlier
 * question with the thing swapped, so a second swap ("and t1?") starts from that. `normalize` reads a turn as the
 * planner reads questions (chat forms, synonyms).
 */
export function conversationQuestion(
  turns: readonly { question: string }[],
  indexes: readonly TagIndex[],
  time: TimeContext,
  normalize: (question: string) => string,
): string | null {
  let current: string | null = null;
  for (const turn of turns) {
    const asked = normalize(turn.question);
    current = (current !== null ? swapFollowUpEntity(current, asked, indexes, time) : null) ?? asked;
  }
  return current;
}

/** "same for T2", "and P2?": the conversation's question asked again for the thing named, or null (no such follow-up). */
export function followUpQuestion(question: string, catalogs: readonly PlannerCatalog[], ctx: PlanContext): string | null {
  const vocabulary = catalogs[0]?.vocabulary;
  const indexes = catalogs.map((c) => c.index);
  const normalize = (text: string): string => normalizeQuestion(text, { synonyms: ctx.synonyms, ...(vocabulary ? { vocabulary } : {}) });
  const time = { now: ctx.now, timezone: ctx.timezone, shifts: ctx.shifts, ...(ctx.dateOrder ? { dateOrder: ctx.dateOrder } : {}) };
  const earlier = conversationQuestion(ctx.history ?? [], indexes, time, normalize);
  return earlier === null ? null : swapFollowUpEntity(earlier, normalize(question), indexes, time);
}
