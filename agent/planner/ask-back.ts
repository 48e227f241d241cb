// Ask-backs as choices: each candidate tag with the question that asks for it, so a person picks instead of retyping.
import type { Ambiguous, Decline, PlanChoice } from './plan.ts';
import type { IndexedTag } from './tag-catalog.ts';

/** At most this many candidates are offered (the rest is named by count only in the text). */
export const MAX_CHOICES = 12;

/**
 * The question with the words that named the entity replaced by one tag's name: "avg flow pump 2 last 24 hours" ->
 * "avg BPS03/Header/Flow last 24 hours". The planner reads a tag name exactly, so the choice plans to that tag.
 */
export function questionFor(text: string, entityWords: readonly string[], tagName: string): string {
  const drop = new Set(entityWords);
  const out: string[] = [];
  let placed = false;
  for (const word of text.split(/\s+/)) {
    if (drop.has(word.replace(/^[^a-z0-9]+|[^a-z0-9%]+$/g, ''))) {
      if (!placed) out.push(tagName);
      placed = true;
      continue;
    }
    out.push(word);
  }
  if (!placed) out.push(tagName);
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** The choices of an ask-back over these tags. */
export function choicesFor(tags: readonly IndexedTag[], text: string, entityWords: readonly string[]): PlanChoice[] {
  return tags.slice(0, MAX_CHOICES).map((t) => ({
    label: `${t.info.name}${t.info.description ? ` (${t.info.description})` : ''}`,
    question: questionFor(text, entityWords, t.info.name),
  }));
}

/** An ask-back over tags: the reason, the candidate names, and the choices. */
export function askBack(reason: string, tags: readonly IndexedTag[], text: string, entityWords: readonly string[]): Ambiguous {
  return {
    kind: 'ambiguous',
    reason,
    candidates: tags.slice(0, MAX_CHOICES).map((t) => t.info.name),
    choices: choicesFor(tags, text, entityWords),
  };
}

/** "p2" fits 4 tags: which one, each offered with its description; no tag of the kind asked, a decline. */
export function askWhichTag(tags: readonly IndexedTag[], what: string, text: string, entityWords: readonly string[]): Ambiguous | Decline {
  if (tags.length === 0) return { kind: 'decline', reason: `"${what}" fits no tag of the kind asked (a running state needs a status tag)` };
  return askBack(
    `"${what}" fits ${tags.length} tags; which one do you mean? ${tags
      .slice(0, MAX_CHOICES)
      .map((t) => `${t.info.name}${t.info.description ? ` (${t.info.description})` : ''}`)
      .join('; ')}`,
    tags,
    text,
    entityWords,
  );
}
