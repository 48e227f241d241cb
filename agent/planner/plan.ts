// The structured plan of a question: entities x measure x time window x operation, or a decline / an ask-back.
import type { ResolvedWindow } from '../answer.ts';

/**
 * Aggregations the planner can compute over a window, of the signal (see signal-sql.ts): `avg` is time-weighted, `min`,
 * `max`, `first`, `last` include the values in force at the window's edges, `delta` = last - first (counters). Of the
 * stored readings only: `mean` (arithmetic mean, when asked for "the mean of the readings"), `sum` and `count`.
 */
export type AggFn = 'avg' | 'mean' | 'min' | 'max' | 'sum' | 'count' | 'first' | 'last' | 'delta';

/** Bucket sizes of a series, in the plant's time zone (weeks start on Monday). */
export type Bucket = 'hour' | 'day' | 'week' | 'month';

/** A tag as the plan refers to it (from the source's tag catalog). */
export interface PlanTag {
  id: string | number;
  name: string;
  unit?: string;
  dataType?: string;
  /** The measured quantity (Level, Flow), for the per-tag signal rules of the historian mapping. */
  measurement?: string;
  description?: string;
}

export type Operation =
  | { kind: 'latest' }
  | { kind: 'at'; at: string }
  | { kind: 'aggregate'; fns: AggFn[] }
  | { kind: 'series'; bucket: Bucket; fns: AggFn[] }
  | { kind: 'threshold'; comparator: 'above' | 'below'; value: number }
  /** `rankBy`: the tags ordered by that measure, most first ("which pump ran the most"); otherwise by tag. */
  | { kind: 'run-hours'; rankBy?: 'run_hours' | 'starts'; limit?: number }
  | { kind: 'rank'; fn: AggFn; order: 'asc' | 'desc'; limit: number }
  | { kind: 'compare'; fn: AggFn; bucket?: Bucket }
  /** One number for a group: the sum over the tags of each tag's `fn` (e.g. energy used by all stations = sum of counter deltas). */
  | { kind: 'total'; fn: AggFn }
  /** `priority`: only alarms of that priority (the alarm table's priority column; "critical alarms" = 1 in the thesaurus). */
  | { kind: 'alarm-count'; priority?: number }
  | { kind: 'alarm-top'; limit: number; priority?: number }
  | { kind: 'alarm-clear-time'; priority?: number };

export type OperationKind = Operation['kind'];

/** A complete parse: the planner only answers from one of these. */
export interface Plan {
  kind: 'plan';
  source: string;
  tags: PlanTag[];
  window: ResolvedWindow;
  operation: Operation;
  /** One line saying what was understood, shown with the answer. */
  understood: string;
  /** What the answer must say besides its numbers (e.g. "BPS03/P01 has no flow tag; answered with BPS03/Header/Flow"). */
  notes?: string[];
}

/** One thing an ask-back offers: what it is, and the question that asks for it (re-planned as is when chosen). */
export interface PlanChoice {
  label: string;
  question: string;
}

/** The planner did not understand the question completely; `reason` says what was missing. */
export interface Decline {
  kind: 'decline';
  reason: string;
}

/** More than one tag fits; the answer asks back with the candidates. */
export interface Ambiguous {
  kind: 'ambiguous';
  reason: string;
  candidates: string[];
  /** The candidates as choices, each with the question it would ask. */
  choices?: PlanChoice[];
}

export type PlanResult = Plan | Decline | Ambiguous;
