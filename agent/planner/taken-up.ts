// The last checks of a chosen plan, wherever it was chosen (the best linking, the nearest measurement): every word of the
// question that may change what is asked, the statistic, the limit and the count said, must be taken up by the plan.
import type { Decline, Plan } from './plan.ts';
import type { PlanPass } from './question-text.ts';
import type { CueReading } from './question-cues.ts';
import { changeSincePoint } from './since-change.ts';
import { unplacedDecline } from './unplaced-words.ts';
import { untakenCountDecline } from './untaken-count.ts';
import { untakenLimitDecline } from './untaken-limit.ts';
import { untakenStatisticDecline } from './untaken-statistic.ts';

/**
 * The decline naming what the plan leaves untaken, or null. Words first (unplaced-words.ts; a change since a point, "up
 * or down since monday", is read last and takes up its direction words), then the statistic, the limit and the count
 * ("which dates ... exceed 15 NTU" is no day ranked by its maximum; "top 3" of one tag).
 */
export function untakenDecline(
  plan: Plan,
  words: { ignored: readonly string[]; held: readonly string[] },
  pass: Pick<PlanPass, 'original' | 'vocabulary'>,
  reading: Pick<CueReading, 'text' | 'limitSaid' | 'cues'>,
): Decline | null {
  return (
    unplacedDecline(changeSincePoint(plan, pass.original), words, pass.vocabulary) ??
    untakenStatisticDecline(reading.text, plan) ??
    untakenLimitDecline(pass.original, plan, reading.limitSaid) ??
    untakenCountDecline(plan, reading.cues.limit)
  );
}
