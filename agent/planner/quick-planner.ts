// The quick planner: answers common historian questions without a model, through the guarded and audited SQL path.
import type { SourceDescription } from '../../connectors/connector.ts';
import { isOtqError } from '../../core/errors.ts';
import { answerWithoutData, type Answer, type Answerer, type AnswerOutcome, type AskRequest } from '../answer.ts';
import type { GuardedSqlOutcome } from '../guarded-sql.ts';
import type { QueryResult } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import { compileNewest, compileOptionsFor, compilePlan } from './compile-plan.ts';
import type { Plan } from './plan.ts';
import { controlRefusal, READ_ONLY_RULE, readControlRequest } from './control-request.ts';
import { buildControlWords } from './control-words.ts';
import { futureWindowReason, windowsIn } from './future-window.ts';
import { normalizeQuestion } from './normalize-question.ts';
import { planQuestion } from './plan-question.ts';
import { ident } from './sql-dialect.ts';
import { hasValue, renderAnswer } from './render-answer.ts';
import type { ShiftDefinition } from './time-window.ts';
import { createVisibleCatalogs } from './visible-catalog.ts';
import { buildVocabulary, type VocabularyInput } from './vocabulary.ts';
import type { Principal } from '../../core/principal.ts';
import type { DateOrder } from './numeric-date.ts';

/** The tool name recorded in the audit log for planner queries. */
export const QUICK_PLANNER_TOOL = 'quick_planner';

export interface QuickPlannerDeps {
  /** Sources as described at start-up; only those with a historian mapping and tags are used. */
  sources: SourceDescription[];
  /** The guard's view of a description for a principal: the planner only ever works from what the asker may see. */
  filterDescription: (principal: Principal, description: SourceDescription) => SourceDescription;
  /** The policy bundle's version (hash): the per-role catalogs are rebuilt when it changes. */
  policyVersion: () => string;
  /** The guarded, audited SQL path; a denial comes back as an outcome. */
  runSql: (request: { source: string; sql: string; tool: string }, ask: AskRequest) => Promise<GuardedSqlOutcome>;
  /** The plant's IANA time zone. */
  timezone: string;
  /** Words users say -> catalog names (PS3 -> BPS03). */
  synonyms: Record<string, string>;
  shifts: ShiftDefinition[];
  /** A site's words added to the shipped thesaurus (otq.yaml `planner.vocabulary`). */
  vocabulary?: VocabularyInput;
  /**
   * Records a refusal the planner makes itself (a control request: otq only reads) as a `policy_decision` record of
   * the request and returns its audit sequence number.
   */
  recordRefusal: (
    ask: AskRequest,
    payload: { tool: string; decision: 'deny'; rule: string; reason: string; request: string },
  ) => Promise<number>;
  /** Hours of "minimum night flow", plant time (default 02:00–04:00). */
  nightHours?: { fromHour: number; toHour: number };
  /** How numeric dates with slashes are read (planner.dateOrder). */
  dateOrder?: DateOrder;
  /** Reference clock for relative times when the request has no `now`. */
  clock?: () => Date;
}

/** Operations whose empty result means the window had no data (not "never above the limit"). */
const WINDOW_STATS: ReadonlySet<Plan['operation']['kind']> = new Set([
  'aggregate',
  'rank',
  'compare',
  'total',
  'series',
  'night-flow',
  'shift-log',
]);

/**
 * The newest sample of the plan's tags at any age, when a window statistic came back without a value: the answer then
 * says where the data ends (an old historian asked about "yesterday"). `undefined` when not looked up or not allowed.
 */
async function newestWhenEmpty(
  plan: Plan,
  result: QueryResult,
  mapping: HistorianMapping,
  run: (sql: string) => Promise<GuardedSqlOutcome>,
): Promise<string | null | undefined> {
  if (!WINDOW_STATS.has(plan.operation.kind) || hasValue(result)) return undefined;
  try {
    const outcome = await run(compileNewest(plan, mapping));
    if (outcome.kind === 'denied') return undefined;
    const cell = outcome.result.rows[0]?.[0];
    if (cell === null || cell === undefined) return null;
    // A TIMESTAMP column (naive storage) holds UTC without saying so.
    const text = String(cell);
    const ms = Date.parse(/(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
  } catch (error) {
    if (isOtqError(error) && (error.code === 'CANCELLED' || error.code === 'AUDIT_FAILED' || error.code === 'AUDIT_LOCKED')) throw error;
    return undefined;
  }
}

/** Creates the planner answerer. It declines (so the model can try) whenever its parse is incomplete. */
/** The guard's denial of reading `table` of `source` for the principal, as the answer (rule and reason); null if allowed. */
async function guardDenial(deps: QuickPlannerDeps, request: AskRequest, source: string, table: string): Promise<AnswerOutcome | null> {
  const probe = `SELECT 1 FROM ${ident(table)} WHERE 1 = 0`;
  const outcome = await deps.runSql({ source, sql: probe, tool: QUICK_PLANNER_TOOL }, request);
  if (outcome.kind !== 'denied') return null;
  const decision = { kind: 'deny' as const, rule: outcome.decision.rule, reason: outcome.decision.reason };
  request.onProgress?.({ kind: 'decision', decision });
  return {
    kind: 'answered',
    answer: answerWithoutData(`Denied by policy (${decision.rule}): ${decision.reason}`, {
      sql: probe,
      source,
      decision,
      auditSeq: outcome.auditSeq,
      answeredBy: 'quick-planner',
    }),
  };
}

export function createQuickPlanner(deps: QuickPlannerDeps): Answerer {
  const vocabulary = buildVocabulary(deps.vocabulary);
  const controlWords = buildControlWords(vocabulary.control);
  const visibleCatalogs = createVisibleCatalogs({
    sources: deps.sources,
    filterDescription: deps.filterDescription,
    policyVersion: deps.policyVersion,
    runSql: deps.runSql,
    vocabulary,
  });
  const clock = deps.clock ?? (() => new Date());
  return {
    name: 'quick-planner',
    async answer(request: AskRequest): Promise<AnswerOutcome> {
      const now = request.now ?? clock();
      request.onProgress?.({ kind: 'planning', message: 'quick planner: parsing the question' });
      // As typed ("P2 stop pls" keeps its "pls"), then in the planner's normal form (a site's synonyms applied).
      const control =
        readControlRequest(request.question, controlWords) ??
        readControlRequest(normalizeQuestion(request.question, { synonyms: deps.synonyms, vocabulary }), controlWords, request.question);
      if (control) {
        const reason = 'otq only reads data; it cannot change the plant';
        const seq = await deps.recordRefusal(request, {
          tool: QUICK_PLANNER_TOOL,
          decision: 'deny',
          rule: READ_ONLY_RULE,
          reason,
          request: `${control.verb} ${control.object}`.trim(),
        });
        return {
          kind: 'answered',
          answer: answerWithoutData(controlRefusal(control), {
            notes: [`refused (${READ_ONLY_RULE}): ${reason}; the request was recorded`],
            answeredBy: 'quick-planner',
            auditSeq: [seq],
          }),
        };
      }
      const catalogs = await visibleCatalogs(request);
      const mapped = deps.sources.find((s) => s.historian && s.tags && s.tags.length > 0);
      if (catalogs.length === 0 && mapped?.historian) {
        // Nothing of any historian is visible to this principal: let the guard say why (rule and reason), naming no tag.
        const denied = await guardDenial(deps, request, mapped.name, mapped.historian.tags.table);
        if (denied) return denied;
      }
      const planned = planQuestion(request.question, catalogs, {
        now,
        timezone: deps.timezone,
        synonyms: deps.synonyms,
        shifts: deps.shifts,
        ...(deps.nightHours ? { nightHours: deps.nightHours } : {}),
        ...(deps.dateOrder ? { dateOrder: deps.dateOrder } : {}),
        ...(request.history ? { history: request.history } : {}),
      });
      if (planned.kind === 'decline') {
        // A question declined on a table the principal may not read: the guard's denial is the answer.
        const denied = planned.reads ? await guardDenial(deps, request, planned.reads.source, planned.reads.table) : null;
        if (denied) return denied;
        return { kind: 'declined', reason: planned.reason };
      }
      if (planned.kind === 'ambiguous') {
        return {
          kind: 'answered',
          answer: answerWithoutData(planned.reason, {
            notes: [
              planned.about
                ? `the question leaves open ${planned.about}; no query was run`
                : 'the question matched several tags; no query was run',
            ],
            answeredBy: 'quick-planner',
            candidates: planned.candidates,
            ...(planned.choices ? { choices: planned.choices } : {}),
          }),
        };
      }
      // Never a query over a period to come or one that ends before it starts, whatever part of the planner made it.
      const future = windowsIn(planned)
        .map((w) => futureWindowReason(w, now))
        .find((r) => r !== undefined);
      if (future) return { kind: 'declined', reason: future };
      const catalog = catalogs.find((c) => c.source.name === planned.source);
      const mapping = catalog?.source.historian;
      if (!catalog || !mapping) return { kind: 'declined', reason: `source "${planned.source}" has no historian mapping` };
      const sql = compilePlan(planned, mapping, catalog.source.dialect, compileOptionsFor(catalog.source));
      request.onProgress?.({ kind: 'tool_call', tool: QUICK_PLANNER_TOOL, args: { source: planned.source, sql } });
      let outcome: GuardedSqlOutcome;
      try {
        outcome = await deps.runSql({ source: planned.source, sql, tool: QUICK_PLANNER_TOOL }, request);
      } catch (error) {
        // The guarded path has already recorded the failed data access; hand over to the next answerer.
        if (isOtqError(error) && (error.code === 'CANCELLED' || error.code === 'AUDIT_FAILED' || error.code === 'AUDIT_LOCKED'))
          throw error;
        return { kind: 'declined', reason: `the planner's query failed: ${(error as Error).message}` };
      }
      if (outcome.kind === 'denied') {
        request.onProgress?.({
          kind: 'decision',
          decision: { kind: 'deny', rule: outcome.decision.rule, reason: outcome.decision.reason },
        });
        const denied: Answer = {
          answer: `Denied by policy (${outcome.decision.rule}): ${outcome.decision.reason}`,
          sql,
          source: planned.source,
          columns: [],
          rows: [],
          truncated: false,
          decision: { kind: 'deny', rule: outcome.decision.rule, reason: outcome.decision.reason },
          auditSeq: outcome.auditSeq,
          window: planned.window,
          notes: [`understood: ${planned.understood}`],
          answeredBy: 'quick-planner',
        };
        return { kind: 'answered', answer: denied };
      }
      request.onProgress?.({
        kind: 'rows',
        source: outcome.source,
        rowCount: outcome.result.rows.length,
        truncated: outcome.result.truncated,
      });
      const decision =
        outcome.decision.kind === 'rewrite'
          ? { kind: 'rewrite' as const, rule: outcome.decision.rule, reason: outcome.decision.reason }
          : { kind: 'allow' as const };
      const newest = await newestWhenEmpty(planned, outcome.result, mapping, (newestSql) =>
        deps.runSql({ source: planned.source, sql: newestSql, tool: QUICK_PLANNER_TOOL }, request),
      );
      const lookBackFrom = outcome.decision.kind === 'rewrite' ? outcome.decision.lookBackFrom : undefined;
      const rendered = renderAnswer(planned, outcome.result, {
        ...(newest !== undefined ? { newest } : {}),
        ...(lookBackFrom ? { lookBackFrom } : {}),
        sql: outcome.sql,
        source: outcome.source,
        decision,
        auditSeq: outcome.auditSeq,
        notes: outcome.notes,
        goodQuality: mapping.samples.goodQuality,
        mapping,
      });
      // What the plan itself must say ("BPS03/P01 has no flow tag; answered with ...") leads the answer.
      const said = planned.notes ?? [];
      return {
        kind: 'answered',
        answer:
          said.length > 0
            ? { ...rendered, answer: `${said.join(' ')}. ${rendered.answer}`, notes: [...said, ...rendered.notes] }
            : rendered,
      };
    },
  };
}
