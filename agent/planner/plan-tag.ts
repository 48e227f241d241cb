// A catalog tag as a plan carries it, and the tags as a decline names them.
import type { PlanTag } from './plan.ts';
import type { IndexedTag } from './tag-catalog.ts';
import type { TagInfo } from '../../connectors/connector.ts';

/** The plan's copy of a catalog tag: its id and name, and the unit, type, measurement, description and site it has. */
export const toPlanTag = (tag: IndexedTag): PlanTag => planTagOf(tag.info);

/** The plan's copy of a catalog tag's info (the planner's and the model's plan tool's one form of it). */
export const planTagOf = (info: TagInfo): PlanTag => {
  const { id, name, unit, dataType, measurement, description, site } = info;
  return {
    id,
    name,
    ...(unit ? { unit } : {}),
    ...(dataType ? { dataType } : {}),
    ...(measurement ? { measurement } : {}),
    ...(description ? { description } : {}),
    ...(site ? { site } : {}),
  };
};

/** "BPS01/P01/Running, T1/Tank/Level (m)": the tags with their units, as a decline names them. */
export const describeTags = (tags: readonly PlanTag[]): string => tags.map((t) => `${t.name}${t.unit ? ` (${t.unit})` : ''}`).join(', ');
