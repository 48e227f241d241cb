// Turns a plan and its query result into the Answer: a sentence with numbers and units, chart spec, quality notes.
// The parts live beside it: the sentence (result-sentence.ts), its wording (answer-format.ts), the notes
// (answer-notes.ts), the sentences around the number (answer-caveats.ts) and the chart (answer-chart.ts).
import type { QueryResult } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { Answer } from '../answer.ts';
import { describeMethod } from './answer-method.ts';
import type { Plan } from './plan.ts';
import { planSignal, signalSettingsOf } from './signal-model.ts';
import { answerRows, unknownStateSentence } from './unknown-state.ts';
import { answersMembers } from './member-sentence.ts';
import { formatNumber } from './answer-format.ts';
import { describeResult } from './result-sentence.ts';
import { chartFor } from './answer-chart.ts';
import { coverageNote, flatLineNote, freshnessNote, qualityNote } from './answer-notes.ts';
import { ackAmbiguityNote } from './alarm-ack-ambiguity.ts';
import { beforeLookBack, noDataEnd, resetSentence, withMethodSentences } from './answer-caveats.ts';

// What callers took from this file before it was split.
export { formatNumber } from './answer-format.ts';
export { describeResult } from './result-sentence.ts';
export { chartFor } from './answer-chart.ts';
export { COVERAGE_GAP_MS, FLAT_LINE_MS, STALE_AFTER_MS, coverageNote, flatLineNote, freshnessNote, qualityNote } from './answer-notes.ts';
export { coverageCaveat, dataEndSentence, resetSentence, withMethodSentences } from './answer-caveats.ts';

/** Whether a result carries a number: some row with a non-null cell outside the helper columns. */
export function hasValue(result: QueryResult): boolean {
  const helpers = new Set([
    'tag',
    'good_samples',
    'all_samples',
    'coverage',
    'gaps',
    'longest_gap_minutes',
    'data_end',
    'last_time',
    'resets',
  ]);
  const valueIndexes = result.columns.map((c, i) => (helpers.has(c.name) ? -1 : i)).filter((i) => i >= 0);
  return result.rows.some((row) => valueIndexes.some((i) => row[i] !== null && row[i] !== undefined));
}

/** The complete Answer for an executed plan. */
export function renderAnswer(
  plan: Plan,
  full: QueryResult,
  extra: Pick<Answer, 'sql' | 'source' | 'decision' | 'auditSeq' | 'notes'> & {
    goodQuality: readonly number[];
    /** The source's historian mapping: the tags' interpolation and the coverage threshold come from it. */
    mapping?: HistorianMapping;
    /** The newest sample of the plan's tags at any age (ISO), looked up when the window had no data. */
    newest?: string | null;
    /** Start of the asker's look-back window (ISO), when the guard applied one: nothing before it was read. */
    lookBackFrom?: string;
  },
): Answer {
  const unknown = unknownStateSentence(plan, full, formatNumber);
  const result = answerRows(plan, full);
  const notes = [...extra.notes, `understood: ${plan.understood}`];
  const quality = qualityNote(result);
  if (quality) notes.push(quality);
  const stale = freshnessNote(plan, result, extra.mapping ? planSignal(extra.mapping, plan.tags) : undefined);
  if (stale) notes.push(stale);
  const coverage = coverageNote(plan, result);
  if (coverage) notes.push(coverage);
  const flat = flatLineNote(plan, result);
  if (flat) notes.push(flat);
  const ambiguousAcks = ackAmbiguityNote(plan, result);
  if (ambiguousAcks) notes.push(ambiguousAcks);
  const chart = chartFor(plan, result);
  // A limit asked of a group names every member, the ones the answer's table leaves out too, and so does its method.
  const everyMember = answersMembers(plan) ? full : result;
  const method = describeMethod(plan, everyMember, extra.mapping ? planSignal(extra.mapping, plan.tags) : undefined);
  const minCoverage = (extra.mapping ? signalSettingsOf(extra.mapping).minCoveragePercent : 80) / 100;
  const sentence = describeResult(plan, everyMember, extra.goodQuality);
  return {
    answer: hasValue(result)
      ? [withMethodSentences(sentence, method, minCoverage, plan.window.timezone), resetSentence(result), unknown]
          .filter((s) => s !== null)
          .join(' ')
      : [sentence, unknown, beforeLookBack(plan, extra.lookBackFrom) ?? noDataEnd(plan, extra.newest)].filter((s) => s !== null).join(' '),
    method,
    sql: extra.sql,
    source: extra.source,
    columns: result.columns,
    rows: result.rows,
    truncated: result.truncated,
    decision: extra.decision,
    auditSeq: extra.auditSeq,
    window: plan.window,
    ...(chart ? { chart } : {}),
    notes,
    answeredBy: 'quick-planner',
  };
}
