// The newest sample of every tag of a source, at any age, in one query (the catalog's asset tree shows them).
import type { SourceDescription, TagInfo } from '../../connectors/connector.ts';
import { compileOptionsFor, compilePlan } from './compile-plan.ts';
import type { Plan } from './plan.ts';
import { makeWindow } from './time-window.ts';

/** Most tags whose latest value one catalog request asks for. */
export const MAX_LATEST_TAGS = 500;

export interface LatestValuesQuery {
  sql: string;
  /** The tags asked about (the first MAX_LATEST_TAGS of the source's catalog). */
  tags: TagInfo[];
}

/** SQL for the newest sample before `now` of each tag (columns tag, time, value[, quality]); null without a historian mapping. */
export function compileLatestValues(source: SourceDescription, now: Date, timezone: string): LatestValuesQuery | null {
  const tags = (source.tags ?? []).slice(0, MAX_LATEST_TAGS);
  if (!source.historian || tags.length === 0) return null;
  const plan: Plan = {
    kind: 'plan',
    source: source.name,
    // Two or more tags compile to one row per tag; a single tag is asked twice so the shape stays the same.
    tags: (tags.length > 1 ? tags : [tags[0]!, tags[0]!]).map((t) => ({ id: t.id, name: t.name })),
    window: makeWindow(new Date(now.getTime() - 60_000), now, timezone, 'now'),
    operation: { kind: 'latest' },
    understood: '',
  };
  return { sql: compilePlan(plan, source.historian, source.dialect, compileOptionsFor(source)), tags };
}
