// What kind of answer otq gave (data, "nothing", a decline, an ask-back, a denial, a read-only refusal) and why it declined.
import type { Answer } from '../answer.ts';
import { answerColumnRole } from './column-roles.ts';
import { readCell } from './eval-cells.ts';
import type { Expect } from './question-file.ts';
import { HELPER_ROLES } from './value-columns.ts';

/** The kinds of answer, named as in a question's `expect`. */
export type AnswerKind = Expect;

const READ_ONLY_RE = /\bread[- ]only\b|\bonly reads\b|\bcannot (?:change|control|operate|write)\b/i;

/**
 * True when a result carries no value: no rows, or only nulls outside helper columns (an aggregate over an empty
 * window comes back as one row of nulls and zero sample counts). A count of 0 is a value, not nothing.
 */
export function carriesNothing(answer: Pick<Answer, 'columns' | 'rows'>): boolean {
  if (answer.rows.length === 0) return true;
  const valueIndexes = answer.columns.flatMap((c, k) => {
    const role = answerColumnRole(c.name);
    return role !== null && HELPER_ROLES.includes(role) ? [] : [k];
  });
  return answer.rows.every((row) => valueIndexes.every((k) => readCell(row[k]).kind === 'null'));
}

/** Classifies an answer. A denial and an ask-back win over everything; an answer that ran no query is a decline. */
export function kindOf(answer: Answer): AnswerKind {
  if (answer.decision?.kind === 'deny') return 'denied';
  if (answer.candidates && answer.candidates.length > 0) return 'askback';
  if (answer.sql === null && answer.rows.length === 0) return READ_ONLY_RE.test(answer.answer) ? 'readonly' : 'decline';
  return carriesNothing(answer) ? 'empty' : 'answer';
}

/** The reason behind a decline or an ask-back: the answerers' notes, or the answer text itself. */
export function reasonOf(answer: Answer): string {
  if (answer.candidates?.length) return `${answer.answer} [${answer.candidates.join(', ')}]`;
  return answer.notes.length > 0 ? answer.notes.join('; ') : answer.answer;
}

const QUOTED_RE = /["“”'‘’«»]([^"“”'‘’«»]{1,60})["“”'‘’«»]/g;
const PART_RE =
  /\b(?:no|which|missing|without|could not (?:find|tell|place)|cannot (?:find|tell|place)|did not (?:find|recognise|recognize))\b[^.;]{0,60}\b(?:tag|measurement|operation|time|window|period|asset|limit|value|unit)s?\b/i;

/** Whether a decline's reason names the word of the question it could not place (quoted), or the part that was missing. */
export function namesWhatWasMissing(reason: string, question: string): boolean {
  const q = question.toLowerCase();
  for (const m of reason.matchAll(QUOTED_RE)) if (q.includes((m[1] ?? '').toLowerCase().trim())) return true;
  return PART_RE.test(reason);
}

const NOTHING_RE = /\b(?:no|not|never|none|nothing|zero|without)\b/i;

/** Whether an answer that found nothing says so, and why: a negation, and the window or the thing it looked at. */
export function saysNothingAndWhy(answer: Answer): string | null {
  if (!NOTHING_RE.test(answer.answer)) return 'the answer does not say that there was nothing';
  const named = answer.window ? answer.answer.includes(answer.window.label) || /\d{4}-\d{2}-\d{2}/.test(answer.answer) : false;
  if (!named) return 'the answer says there was nothing but not where it looked (no window)';
  return null;
}
