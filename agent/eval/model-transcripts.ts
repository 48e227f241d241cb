// `otq eval --model --transcripts FILE`: recorded model transcripts (tool calls and final texts, wrong ones included),
// replayed through the real agent, and what the grounding check must conclude about each answer.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import type { ScriptStep } from '../model/scripted-model.ts';
import { computedAnswerIn } from '../tools/sql-tool-result.ts';
import { parseJsonLines, type EvalQuestion } from './question-file.ts';
import type { EvalOutcome } from './run-eval.ts';

/**
 * One reply of a recorded transcript: a tool call, a final text, `repeat_computed` (the model repeats the sentence the
 * plan tool computed, as a faithful model does), or a failure of the model itself.
 */
const replySchema = z.union([
  z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ answer: z.string() }).strict(),
  z.object({ repeat_computed: z.literal(true) }).strict(),
  z.object({ fail: z.string().min(1), code: z.enum(['MODEL_FAILED', 'TIMEOUT']).optional() }).strict(),
]);

/**
 * What the answer must come to: `grounded` (every number traced to a tool result), `ungrounded` (the check names an
 * invented number), `no-data` (no query returned data: "not based on data"), `refused` (the text is not a language
 * answer, or the model failed: the user gets a model failure, not the text).
 */
export const GROUNDING_EXPECTATIONS = ['grounded', 'ungrounded', 'no-data', 'refused'] as const;
export type GroundingExpectation = (typeof GROUNDING_EXPECTATIONS)[number];

const transcriptSchema = z
  .object({
    /** The id of the question (in the question files given to `otq eval`) this transcript answers. */
    id: z.string().min(1),
    replies: z.array(replySchema).min(1),
    grounding: z.enum(GROUNDING_EXPECTATIONS),
    notes: z.string().optional(),
  })
  .strict();

export type Transcript = z.infer<typeof transcriptSchema>;

/** Reads a transcript file (JSONL; `//` and blank lines skipped); a bad line is a ConfigError naming file, line and field. */
export async function readTranscriptFile(file: string): Promise<Transcript[]> {
  return parseJsonLines(await readFile(file, 'utf8'), file, transcriptSchema, (t) => `a second transcript for question "${t.id}"`);
}

function stepOf(reply: Transcript['replies'][number]): ScriptStep {
  if ('repeat_computed' in reply)
    return (messages) => {
      const computed = computedAnswerIn(messages.at(-1)?.text ?? '');
      // A faithful model with nothing computed to repeat has nothing to say: its silence is a model failure.
      return computed === null ? { answer: '' } : { answer: computed };
    };
  return reply;
}

/**
 * The replayed model's scripts, keyed by question text as the agent asks it. Every transcript must name a question of
 * the files (a ConfigError otherwise), so a renamed question cannot silently drop out of the model eval.
 */
export function scriptsFor(transcripts: readonly Transcript[], questions: readonly EvalQuestion[]): Map<string, ScriptStep[]> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const scripts = new Map<string, ScriptStep[]>();
  for (const t of transcripts) {
    const q = byId.get(t.id);
    if (!q) throw new ConfigError(`transcript "${t.id}" names no question of the question files`);
    if (scripts.has(q.question)) throw new ConfigError(`transcripts "${t.id}" and another ask the same question text "${q.question}"`);
    scripts.set(q.question, t.replies.map(stepOf));
  }
  return scripts;
}

/** What the model answers came to, and (with transcripts) whether the grounding check concluded what it had to. */
export interface ModelFigures {
  /** Questions the model answered (or failed on). */
  answers: number;
  grounded: number;
  ungrounded: number;
  noData: number;
  /** Model failures: text refused by the language check, a failed or timed-out model. */
  failed: number;
  /** grounded / answers (0 when there were none). */
  groundedShare: number;
  /** With transcripts: each transcript's expected grounding against what the check concluded. */
  expectations?: { checked: number; met: number; missed: { id: string; expected: GroundingExpectation; got: string }[] };
}

/** How one outcome's grounding reads: the check's status, `refused` for a model failure, `none` for anything else. */
export function groundingOf(outcome: EvalOutcome): string {
  if (outcome.got === 'error') return outcome.errorCode === 'MODEL_FAILED' || outcome.errorCode === 'TIMEOUT' ? 'refused' : 'error';
  return outcome.grounding ?? 'none';
}

export function modelFigures(outcomes: readonly EvalOutcome[], transcripts?: readonly Transcript[]): ModelFigures {
  const count = (status: string) => outcomes.filter((o) => groundingOf(o) === status).length;
  const grounded = count('grounded');
  const figures: ModelFigures = {
    answers: outcomes.length,
    grounded,
    ungrounded: count('ungrounded'),
    noData: count('no-data'),
    failed: count('refused'),
    groundedShare: outcomes.length === 0 ? 0 : grounded / outcomes.length,
  };
  if (!transcripts) return figures;
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const missed: { id: string; expected: GroundingExpectation; got: string }[] = [];
  let checked = 0;
  for (const t of transcripts) {
    const outcome = byId.get(t.id);
    if (!outcome) continue;
    checked += 1;
    const got = groundingOf(outcome);
    if (got !== t.grounding) missed.push({ id: t.id, expected: t.grounding, got });
  }
  return { ...figures, expectations: { checked, met: checked - missed.length, missed } };
}
