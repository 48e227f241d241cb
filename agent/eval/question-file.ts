// The evaluation question file (JSONL): one question per line with its anchor time, source and gold SQL.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';

export const evalQuestionSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    /** Reference time for relative expressions ("yesterday"), ISO-8601 with offset. */
    now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 instant'),
    source: z.string().min(1),
    gold_sql: z.string().min(1),
    /** The question's shape (latest, at, aggregate, series, threshold, run-hours, rank, compare, alarms, other). */
    shape: z.string().min(1),
    /** Whether the question is one the quick planner is meant to answer. */
    planner: z.boolean(),
    /** Row order matters (the question asks for a ranking or a time order). */
    ordered: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .strict();

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Reads and validates the file; a bad line is a ConfigError naming the file, the line and the field. */
export async function readQuestionFile(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8');
  const questions: EvalQuestion[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trim().startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = evalQuestionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`${file}:${i + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    if (ids.has(parsed.data.id)) throw new ConfigError(`${file}:${i + 1}: duplicate id "${parsed.data.id}"`);
    ids.add(parsed.data.id);
    questions.push(parsed.data);
  });
  return questions;
}
