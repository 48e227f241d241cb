// Names first in bot messages: tag paths in the sentence, choices and table cells become the tags' human names, and one
// line lists which path each name stands for (a chat message has no hover to show it).
import type { Answer } from '../../agent/answer.ts';
import type { Principal } from '../../core/principal.ts';
import type { Runtime } from '../runtime.ts';
import { namedText, tagNames } from '../tag-names.ts';

/** The answer as a bot shows it; names come from the catalog this principal may see, so a hidden tag is never named. */
export async function namedAnswer(runtime: Runtime, principal: Principal, answer: Answer): Promise<Answer> {
  if (answer.decision?.kind === 'deny') return answer;
  const names = tagNames(await runtime.catalog(principal), [answer.answer, ...(answer.choices ?? []).map((c) => c.label)], answer.rows);
  const entries = Object.entries(names);
  if (entries.length === 0) return answer;
  return {
    ...answer,
    answer: namedText(answer.answer, names),
    rows: answer.rows.map((row) => row.map((cell) => (typeof cell === 'string' && names[cell] !== undefined ? names[cell] : cell))),
    ...(answer.choices ? { choices: answer.choices.map((c) => ({ ...c, label: namedText(c.label, names) })) } : {}),
    notes: [...answer.notes, `Tags: ${entries.map(([path, name]) => `${name} = ${path}`).join('; ')}`],
  };
}
