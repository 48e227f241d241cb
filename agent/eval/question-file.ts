// The evaluation question file (JSONL): one question per line with its anchor time, what the right answer is, and gold SQL.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import { TIME_RESOLUTIONS } from './eval-cells.ts';

/**
 * What the right answer is: `answer` (data, compared with the gold result), `empty` (there was nothing, and the answer
 * says so and why), `decline` (otq cannot answer it and says which word or part it could not place), `askback` (it
 * must ask which of several things was meant), `denied` (a policy denial, optionally by `rule`), `readonly` (a
 * control request: otq only reads data).
 */
export const EXPECTS = ['answer', 'empty', 'decline', 'askback', 'denied', 'readonly'] as const;
export type Expect = (typeof EXPECTS)[number];

/** How the question is written: a full sentence; terse chat with abbreviations; plant jargon or typos. */
export const REGISTERS = ['sentence', 'chat', 'jargon'] as const;
export type Register = (typeof REGISTERS)[number];

/** A gold column the question asks for: by name or 1-based position; its role read from its name unless given. */
const valueColumnSchema = z.union([
  z.string().min(1),
  z.number().int().min(1),
  z
    .object({
      column: z.union([z.string().min(1), z.number().int().min(1)]),
      role: z.string().min(1),
    })
    .strict(),
]);
export type ValueColumnSpec = z.infer<typeof valueColumnSchema>;

const ONLY_WITH_RESULT = ['value_columns', 'tolerance', 'time_resolution', 'ordered'] as const;

export const evalQuestionSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    /** Earlier questions of the same conversation, oldest first: asked before it (same `now` and user), their answers carried as history. */
    history: z.array(z.string().min(1)).min(1).max(5).optional(),
    /** Reference time for relative expressions ("yesterday"), ISO-8601 with offset. */
    now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 instant'),
    /** The source the gold SQL runs on. */
    source: z.string().min(1).optional(),
    /** Only where a result is expected (`answer`; optional for `empty` and `denied`, where it must return nothing / be denied). */
    gold_sql: z.string().min(1).optional(),
    /** The question's shape (latest, at, aggregate, series, threshold, run-hours, rank, compare, alarms, other...). */
    shape: z.string().min(1),
    /** Whether the question is one the quick planner is meant to answer. */
    planner: z.boolean(),
    expect: z.enum(EXPECTS).default('answer'),
    /** With `expect: denied`: the rule id the denial must name (e.g. `scope.table`). */
    rule: z.string().min(1).optional(),
    /** The otq user who asks (default: the config's defaultUser). */
    user: z.string().min(1).optional(),
    register: z.enum(REGISTERS),
    /** The gold columns that carry what the question asks; default: every gold column whose name has a non-helper role. */
    value_columns: z.array(valueColumnSchema).min(1).optional(),
    /** Relative tolerance for numbers (default 0.001 = 0.1 %). */
    tolerance: z.number().min(0).max(1).optional(),
    /** The resolution to which timestamps must agree (default `exact`); calendar units in the plant's time zone. */
    time_resolution: z.enum(TIME_RESOLUTIONS).optional(),
    /** Row order matters (the question asks for a ranking or a time order). */
    ordered: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (q.expect === 'answer' && !q.gold_sql) fail('gold_sql', 'required with expect "answer" (the result the answer is compared with)');
    if (['decline', 'askback', 'readonly'].includes(q.expect) && q.gold_sql)
      fail('gold_sql', `not allowed with expect "${q.expect}": no result is expected`);
    if (q.gold_sql && !q.source) fail('source', 'required with gold_sql (the source it runs on)');
    if (q.rule && q.expect !== 'denied') fail('rule', 'only with expect "denied"');
    if (q.expect !== 'answer')
      for (const key of ONLY_WITH_RESULT)
        if (q[key] !== undefined) fail(key, `only with expect "answer" (this question expects "${q.expect}")`);
  });

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Reads and validates the file; a bad line is a ConfigError naming the file, the line and the field. */
export async function readQuestionFile(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8');
  return parseQuestionFile(text, file);
}

/** Parses JSONL text; `//` lines and blank lines are skipped; ids must be unique within the file. */
export function parseQuestionFile(text: string, file: string): EvalQuestion[] {
  return parseJsonLines(text, file, evalQuestionSchema, (q) => `duplicate id "${q.id}"`);
}

/**
 * The lines of a JSONL file of the eval (`//` and blank lines skipped), each validated by `schema`, ids unique; a bad
 * line is a ConfigError naming the file, the line and the field (`duplicate` words the message for a repeated id).
 */
export function parseJsonLines<T extends { id: string }>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  duplicate: (entry: T) => string,
): T[] {
  const entries: T[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trim().startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`${file}:${i + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    if (ids.has(parsed.data.id)) throw new ConfigError(`${file}:${i + 1}: ${duplicate(parsed.data)}`);
    ids.add(parsed.data.id);
    entries.push(parsed.data);
  });
  return entries;
}
