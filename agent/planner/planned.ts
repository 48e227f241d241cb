// A plan result as one planning pass returns it: with the follow-up flag, and in the unit the result was asked in.
import { applyAskedUnit, type AskedUnit } from './asked-unit.ts';
import type { Plan, PlanResult } from './plan.ts';
import { changeSincePoint } from './since-change.ts';

/** A plan result and whether the question named no entity, so that the previous turn's may be kept. */
export type Planned = PlanResult & { followUp?: boolean };

export function stripFollowUp(result: Planned): PlanResult {
  const rest = { ...result };
  delete rest.followUp;
  return rest;
}

/** A plan in the unit its result was asked in; anything else as it is. */
function withAskedUnit(result: Planned, asked: AskedUnit): Planned {
  if (result.kind !== 'plan') return result;
  const converted = applyAskedUnit(stripFollowUp(result) as Plan, asked);
  return result.followUp === undefined ? converted : { ...converted, followUp: result.followUp };
}

/** The plan's last readings: a change since a point (since-change.ts), then the unit asked. */
export function inAskedUnit(planned: Planned, original: string, asked: AskedUnit | undefined): Planned {
  const result = planned.kind === 'plan' ? (changeSincePoint(planned, original) as Planned) : planned;
  return asked ? withAskedUnit(result, asked) : result;
}
