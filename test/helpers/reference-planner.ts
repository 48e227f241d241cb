// The quick planner on THE reference dataset's catalog, as the planner tests ask it: plant time Europe/Berlin, the
// default config's synonyms and shifts, and "now" 15 Oct 2026 08:30 UTC unless a question gives its own.
import { afterAll, beforeAll } from 'vitest';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import type { ConversationTurn } from '../../agent/answer.ts';
import type { Plan, PlanResult } from '../../agent/planner/plan.ts';
import { buildCatalogs, planQuestion, type PlannerCatalog } from '../../agent/planner/plan-question.ts';
import type { Connector } from '../../connectors/connector.ts';
import { createDuckDbConnector } from '../../connectors/duckdb/duckdb-connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import { testHistorianFile } from './sample-data.ts';

export interface ReferencePlanner {
  /** The plan of a question; `history` holds the chat's earlier turns, oldest first. */
  plan: (question: string, now?: string, history?: readonly ConversationTurn[]) => PlanResult;
  /** The plan, or a thrown error saying why the question got none. */
  planned: (question: string, now?: string) => Plan;
  /** The planned operation, or the kind of result when there is no plan ("decline", "askback"). */
  operationOf: (question: string, now?: string) => unknown;
  /** The reason of a decline, or "not declined: <kind>". */
  reasonOf: (question: string, now?: string) => string;
  /** The reference catalog's tags: name ("T1/Tank/Level") and the words that name each (its index terms), once open. */
  catalogTags: () => { name: string; terms: ReadonlySet<string> }[];
  /** The planner's catalogs of the reference historian (index, vocabulary, known words), once open. */
  catalogs: () => readonly PlannerCatalog[];
}

/** Opens the reference historian before the file's tests and closes it after them. */
export function useReferencePlanner(): ReferencePlanner {
  let connector: Connector | undefined;
  let catalogs: PlannerCatalog[] = [];
  beforeAll(async () => {
    const historian = defaultConfigDocument.sources.historian.historian as unknown as HistorianMapping;
    connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian } as never);
    catalogs = buildCatalogs([await connector.describe()]);
  });
  afterAll(async () => {
    await connector?.close();
  });
  const plan = (question: string, now = '2026-10-15T08:30:00Z', history?: readonly ConversationTurn[]): PlanResult =>
    planQuestion(question, catalogs, {
      timezone: 'Europe/Berlin',
      synonyms: defaultConfigDocument.synonyms,
      shifts: defaultConfigDocument.shifts,
      now: new Date(now),
      ...(history ? { history } : {}),
    });
  const planned = (question: string, now?: string): Plan => {
    const result = plan(question, now);
    if (result.kind !== 'plan') throw new Error(`"${question}" was not planned: ${JSON.stringify(result)}`);
    return result;
  };
  const catalogTags = (): { name: string; terms: ReadonlySet<string> }[] =>
    catalogs.flatMap((c) => c.index.tags.map((t) => ({ name: t.info.name, terms: new Set([...t.terms, ...(t.contextTerms ?? [])]) })));
  const operationOf = (question: string, now?: string): unknown => {
    const result = plan(question, now);
    return result.kind === 'plan' ? result.operation : result.kind;
  };
  const reasonOf = (question: string, now?: string): string => {
    const result = plan(question, now);
    return result.kind === 'decline' ? result.reason : `not declined: ${result.kind}`;
  };
  return { plan, planned, operationOf, reasonOf, catalogTags, catalogs: () => catalogs };
}
