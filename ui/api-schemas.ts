// zod schemas of the HTTP API bodies: requests are parsed with them; responses are built to match them (tests check it).
import { z } from 'zod';
import type { Context } from 'hono';
import { OtqError } from '../core/errors.ts';

const windowSchema = z.object({ from: z.string(), to: z.string(), timezone: z.string(), label: z.string() }).strict();

const turnSchema = z
  .object({
    question: z.string().max(2000),
    sql: z.string().max(100_000).nullable(),
    source: z.string().max(100).nullable(),
    window: windowSchema.optional(),
    answer: z.string().max(10_000),
  })
  .strict();

export const askRequestSchema = z
  .object({
    question: z.string().trim().min(1, 'type a question').max(2000, 'questions are limited to 2000 characters'),
    /** Earlier turns of this conversation, oldest first, for follow-ups. */
    history: z.array(turnSchema).max(20).optional(),
  })
  .strict();

export const sqlRequestSchema = z
  .object({
    source: z.string().min(1, 'name a source (see GET /api/catalog)').max(100),
    sql: z.string().trim().min(1, 'send one SQL statement').max(100_000),
  })
  .strict();

export const auditQuerySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    user: z.string().min(1).max(200).optional(),
    kind: z
      .enum([
        'config',
        'auth',
        'model_invocation',
        'tool_call',
        'policy_decision',
        'data_access',
        'answer',
        'recovery',
        'feedback',
        'checkpoint',
        'report',
      ])
      .optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(200),
  })
  .strict();

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const column = z.object({ name: z.string(), type: z.string() });
const decision = z.object({ kind: z.enum(['allow', 'deny', 'rewrite']), rule: z.string().optional(), reason: z.string().optional() });

export const categoryChartSchema = z.object({
  labels: z.array(z.string()),
  series: z.array(z.object({ label: z.string(), values: z.array(z.number().nullable()) })),
});

export const chartDataSchema = z.object({
  kind: z.enum(['line', 'bar']),
  x: z.array(z.number()),
  series: z.array(z.object({ label: z.string(), unit: z.string().optional(), values: z.array(z.number().nullable()) })),
  sourcePoints: z.number(),
  downsampled: z.boolean(),
  timezone: z.string(),
  wallClock: z.boolean(),
});

/** How the page shows each column (ui/display-format.ts): plant time with offset, rounded numbers; the rows keep full precision. */
const columnDisplaySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('instant'), seconds: z.boolean() }),
  z.object({ kind: z.literal('wall-clock'), seconds: z.boolean() }),
  z.object({ kind: z.literal('number'), decimals: z.number().int(), unit: z.string().optional() }),
  z.object({ kind: z.literal('text') }),
]);

/** Model answers: whether every number was traced to a query result of the question (agent/answer.ts Grounding). */
const groundingSchema = z.object({
  status: z.enum(['grounded', 'ungrounded', 'no-data']),
  traced: z.array(z.string()),
  untraced: z.array(z.string()),
  summary: z.string(),
  withheld: z.boolean().optional(),
});

const toolStepSchema = z.object({
  tool: z.string(),
  outcome: z.enum(['ok', 'denied', 'error', 'refused']),
  rows: z.number().int().optional(),
  durationMs: z.number(),
});

/** Model answers: which tools ran (rows, time) and how long the model took. */
const modelRunSchema = z.object({
  model: z.string(),
  modelCalls: z.number().int(),
  modelMs: z.number(),
  totalMs: z.number(),
  tools: z.array(toolStepSchema),
});

/** How the numbers were computed (agent/answer.ts AnswerMethod). */
const methodSchema = z
  .object({
    aggregation: z.string(),
    interpolation: z.object({ kind: z.enum(['step', 'linear', 'mixed', 'none']), why: z.string() }).strict(),
    window: z.object({ from: z.string(), to: z.string(), seconds: z.number(), dataEnd: z.string().optional() }).strict(),
    coverage: z.number().min(0).max(1).nullable(),
    gaps: z
      .object({ count: z.number().int().min(0), longestMinutes: z.number().min(0) })
      .strict()
      .nullable(),
    conversion: z.string().optional(),
    line: z.string(),
  })
  .strict();

/** `POST /api/ask` (and the `answer` event of the stream): the Answer plus the download id and plot-ready chart data. */
export const askResponseSchema = z.object({
  requestId: z.string(),
  answer: z.string(),
  sql: z.string().nullable(),
  source: z.string().nullable(),
  columns: z.array(column),
  rows: z.array(z.array(cell)),
  truncated: z.boolean(),
  decision: decision.nullable(),
  auditSeq: z.array(z.number().int()),
  window: windowSchema.optional(),
  notes: z.array(z.string()),
  method: methodSchema.optional(),
  answeredBy: z.enum(['quick-planner', 'model', 'none']),
  candidates: z.array(z.string()).optional(),
  choices: z.array(z.object({ label: z.string(), question: z.string() })).optional(),
  grounding: groundingSchema.optional(),
  modelRun: modelRunSchema.optional(),
  partial: z.boolean().optional(),
  resultId: z.string().nullable(),
  chartData: chartDataSchema.nullable(),
  /** Bars when the rows are one per category (a ranking, a comparison of tags); null otherwise. */
  categoryChart: categoryChartSchema.nullable().optional(),
  display: z.array(columnDisplaySchema),
  /** The plant's IANA zone: instants in the table are shown in it. */
  timezone: z.string(),
  /** A one-value answer: the number (and its tag, when it is about one) the page shows big, with the tag's sparkline. */
  singleValue: z
    .object({ value: z.number(), text: z.string(), column: z.string(), unit: z.string().optional(), tag: z.string().optional() })
    .optional(),
  /** Tag path -> human name (the tag's description) for tags in the text, choices, chart and rows; the page shows names first. */
  names: z.record(z.string(), z.string()),
  /** A verified answer with the same meaning (same source, SQL apart from its time literals): who vouched for it, when. */
  verified: z
    .object({ id: z.string(), question: z.string(), by: z.string(), at: z.string(), evidence: z.array(z.number().int()) })
    .optional(),
});

/** `POST /api/sql` when the guard allowed (or rewrote) the statement. */
export const sqlResponseSchema = z.object({
  requestId: z.string(),
  sql: z.string(),
  source: z.string(),
  columns: z.array(column),
  rows: z.array(z.array(cell)),
  truncated: z.boolean(),
  decision,
  auditSeq: z.array(z.number().int()),
  notes: z.array(z.string()),
  durationMs: z.number(),
  resultId: z.string().nullable(),
  display: z.array(columnDisplaySchema),
  timezone: z.string(),
});

/** `POST /api/sql` when the guard denied: status 403. */
export const deniedResponseSchema = z.object({
  error: z.object({ code: z.literal('POLICY_DENIED'), message: z.string() }),
  decision: z.object({ kind: z.literal('deny'), rule: z.string(), reason: z.string() }),
  auditSeq: z.array(z.number().int()),
});

export const errorResponseSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Parses a JSON request body: requires `Content-Type: application/json` (which also keeps cross-site forms out). */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new OtqError('USAGE', 'send the body as JSON with "Content-Type: application/json"');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new OtqError('USAGE', 'the request body is not valid JSON');
  }
  return parseWith(schema, raw);
}

/** Validates a value; a failure is a USAGE error (400) naming each bad field. */
export function parseWith<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) =>
    i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : `${i.path.join('.') || 'body'}: ${i.message}`,
  );
  throw new OtqError('USAGE', `invalid request: ${problems.join('; ')}`);
}
