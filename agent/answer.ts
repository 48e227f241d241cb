// The answer object every channel renders (DESIGN.md `--json` contract), and the interface of anything that answers.
import type { Cell, ResultColumn } from '../connectors/connector.ts';
import type { Principal, Channel } from '../core/principal.ts';

/** The time window a question was resolved to; always shown with the answer. */
export interface ResolvedWindow {
  /** ISO-8601 instants with offset, half-open [from, to). */
  from: string;
  to: string;
  timezone: string;
  /** Human text, e.g. "yesterday (2026-11-25 00:00 – 2026-11-26 00:00 Europe/Berlin)". */
  label: string;
}

/** A chart the UI can draw: x is a time column, each series a numeric column. */
export interface ChartSpec {
  kind: 'line' | 'bar';
  x: string;
  series: { column: string; label: string; unit?: string }[];
}

export interface AnswerDecision {
  kind: 'allow' | 'deny' | 'rewrite';
  rule?: string;
  reason?: string;
}

export interface Answer {
  /** The sentence for the user, with numbers and units. */
  answer: string;
  sql: string | null;
  source: string | null;
  columns: ResultColumn[];
  rows: Cell[][];
  truncated: boolean;
  decision: AnswerDecision | null;
  /** Audit sequence numbers behind this answer (the evidence id). */
  auditSeq: number[];
  window?: ResolvedWindow;
  chart?: ChartSpec;
  /** Quality notes, rewrites applied, staleness, etc. */
  notes: string[];
  /** Who produced the answer. */
  answeredBy: 'quick-planner' | 'model' | 'none';
  /** When the planner needs the user to pick (ambiguous entity). */
  candidates?: string[];
  /** The same ask-back as choices: each with the question it would ask (bots list them numbered, the web page as buttons). */
  choices?: AnswerChoice[];
  /** Model answers: whether every number and time in the text was traced to a tool result of this request. */
  grounding?: Grounding;
  /** Model answers: which tools ran, with rows and time, and how long the model itself took. */
  modelRun?: ModelRun;
  /** How the numbers were computed (planner answers): aggregation, interpolation, window, coverage, gaps, and one line. */
  method?: AnswerMethod;
  /** True when the answer ends with what was found before a budget (time, tool calls, steps) ran out. */
  partial?: boolean;
}

/** The interpolation behind a number: one kind for all tags (with the rule or default that chose it), or mixed. */
export interface MethodInterpolation {
  kind: 'step' | 'linear' | 'mixed' | 'none';
  /** "default for analog", "rule 1: dataType=status", "step for 3 tags, linear for 1". */
  why: string;
}

/**
 * How an answer's numbers were computed (DESIGN.md "Historian semantics"). `coverage` is good-quality time as a share of
 * the window (0..1, the worst tag's), `gaps` the gaps longer than the heartbeat (summed over tags, the longest of all);
 * both null when not measured (a latest value, alarms). `window.dataEnd` is set when the data ended before the window.
 */
export interface AnswerMethod {
  /** "time-weighted average", "arithmetic mean of the readings", "run-hours and starts of the step signal ...". */
  aggregation: string;
  interpolation: MethodInterpolation;
  /** ISO instants; `seconds` is the requested window's length (0 for a value at an instant). */
  window: { from: string; to: string; seconds: number; dataEnd?: string };
  coverage: number | null;
  gaps: { count: number; longestMinutes: number } | null;
  /** For an integral of a rate: the unit conversion, "1 m3/h for 1 h = 1 m3" (signal-units.ts). */
  conversion?: string;
  /** One line for people: "time-weighted average (step, default for analog) over 24 h, 99.7 % good coverage, no gaps". */
  line: string;
}

/** One choice of an ask-back: a label to show and the question that asking it sends. */
export interface AnswerChoice {
  label: string;
  question: string;
}

/**
 * The grounding check of a model answer (agent/model-agent/grounding.ts). `grounded`: every number and time in the text
 * appears in, or rounds from, a tool result of the same request (or the question); `ungrounded`: some do not (listed in
 * `untraced`); `no-data`: no query returned data for this answer, so nothing in it is based on data.
 */
export interface Grounding {
  status: 'grounded' | 'ungrounded' | 'no-data';
  /** Numbers and times of the text (with their units) that a tool result of this request supports. */
  traced: string[];
  /** Numbers and times of the text (with their units) that nothing in this request supports. */
  untraced: string[];
  /** One line for people, e.g. "2 of 3 numbers traced to query results; not traced: 4.7 bar". */
  summary: string;
  /** Strict mode (`model.grounding: strict`) withheld the model's text because something was untraced. */
  withheld?: boolean;
}

/** One tool call of a model answer, for the answer and the progress stream. */
export interface ToolStep {
  tool: string;
  outcome: 'ok' | 'denied' | 'error' | 'refused';
  /** Rows returned (data tools only). */
  rows?: number;
  durationMs: number;
}

/** What the model did for one answer: its own time and the tools it ran. */
export interface ModelRun {
  /** Model id (GGUF file name, server model name, script name). */
  model: string;
  /** Calls to the model and their summed wall-clock time, ms (tool time excluded). */
  modelCalls: number;
  modelMs: number;
  /** Wall-clock time of the whole answer, ms. */
  totalMs: number;
  tools: ToolStep[];
}

/** One earlier turn, carried into follow-up questions ("and the day before?"). */
export interface ConversationTurn {
  question: string;
  sql: string | null;
  source: string | null;
  window?: ResolvedWindow;
  answer: string;
}

export interface AskRequest {
  principal: Principal;
  question: string;
  channel: Channel;
  requestId: string;
  /** Reference time for relative expressions; defaults to the clock. */
  now?: Date;
  history?: ConversationTurn[];
  signal?: AbortSignal;
  /** Progress events for streaming channels (planning, tool calls, rows). */
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'planning'; message: string }
  | { kind: 'tool_call'; tool: string; args: Record<string, unknown> }
  | { kind: 'decision'; decision: AnswerDecision }
  | { kind: 'rows'; source: string; rowCount: number; truncated: boolean }
  /** One model call finished: which step, how long it took (ms), and the tools it asked for (none = final answer). */
  | { kind: 'model'; step: number; durationMs: number; toolCalls: string[] }
  /** One tool call finished (the step list of the web page: tool, outcome, rows, time). */
  | ({ kind: 'tool_result' } & ToolStep);

/** Either an answer, or a decline with the reason (the router then tries the next answerer). */
export type AnswerOutcome = { kind: 'answered'; answer: Answer } | { kind: 'declined'; reason: string };

/** Anything that can answer a question: the quick planner, the model loop. */
export interface Answerer {
  readonly name: 'quick-planner' | 'model';
  answer(request: AskRequest): Promise<AnswerOutcome>;
}

/** An answer that carries no data: a decline, a failure or a denial message; fields given in `partial` override. */
export function answerWithoutData(answer: string, partial: Partial<Omit<Answer, 'answer'>> = {}): Answer {
  return {
    answer,
    sql: null,
    source: null,
    columns: [],
    rows: [],
    truncated: false,
    decision: null,
    auditSeq: [],
    notes: [],
    answeredBy: 'none',
    ...partial,
  };
}
