// The alarm conditions a plan keeps, as the journal of the source asked spells them: a condition named on a source that
// maps no condition column, or that its journal does not record, is declined by name (never read from the message text).
import { storedConditions } from './alarm-conditions.ts';
import type { Choice } from './choose-operation.ts';
import type { Decline } from './plan.ts';

/** "HIGH and LOW", "HIGH, LOW and HIHI": the names joined as a sentence says them. */
const joined = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** The journal values of the conditions the question names (none named: no filter), or the decline naming what is missing. */
export function alarmConditionFilter(choice: Choice): { conditions?: readonly string[] } | Decline {
  const { catalog, cues } = choice;
  const named = cues.alarmConditions;
  if (!named) return {};
  const source = catalog.source;
  const said = named.words.map((w) => `"${w}"`).join(' and ');
  if (!source.historian?.alarms?.condition)
    return {
      kind: 'decline',
      reason: `${said} names an alarm condition (the side or kind of limit, as HIGH or LOW), and source "${source.name}" records none: the condition column of its alarm table is not mapped (historian.alarms.condition)`,
    };
  const recorded = source.alarmConditions ?? [];
  const missing = named.names.filter((name) => storedConditions(name, recorded, catalog.vocabulary).length === 0);
  if (missing.length > 0)
    return {
      kind: 'decline',
      reason:
        recorded.length === 0
          ? `I could not place ${said}: the alarm journal of source "${source.name}" records no condition`
          : `I could not place ${said}: the alarm journal of source "${source.name}" records the conditions ${joined(recorded)}, not ${joined(missing)}`,
    };
  return { conditions: [...new Set(named.names.flatMap((name) => storedConditions(name, recorded, catalog.vocabulary)))] };
}
