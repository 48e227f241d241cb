// The window of a question that names no period but asks for the last time something happened, or whether it ever did:
// the lookback of "last start" (lookback-window.ts), said in the answer.
import type { ResolvedWindow } from '../answer.ts';
import type { Operation } from './plan.ts';
import type { PlanContext } from './planner-catalog.ts';
import { lookbackWindow } from './lookback-window.ts';

/** "ever", "at any time": whether something happened at all, over the time searched back. */
const EVER_RE = /\b(?:ever|at any time|anytime)\b/;

/**
 * The window of "when did final cl2 last go under 0.3" or "all 3 pumps ever on at once?", which name no period: all
 * the data up to now, as far back as the lookback reaches. Other plans without a period still decline.
 */
export function searchBack(operation: Operation, text: string, ctx: PlanContext): ResolvedWindow | undefined {
  const last = operation.kind === 'crossing' && operation.which === 'last';
  const ever = EVER_RE.test(text) && (operation.kind === 'crossing' || operation.kind === 'together' || operation.kind === 'threshold');
  return last || ever ? lookbackWindow(ctx.now, ctx.timezone) : undefined;
}
