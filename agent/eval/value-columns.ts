// Resolves a question's `value_columns` against the gold result: which gold columns carry the answer, and in which role.
import type { ResultColumn } from '../../connectors/connector.ts';
import { readRole, type ColumnRole } from './column-roles.ts';
import type { ValueColumn } from './compare-results.ts';
import type { ValueColumnSpec } from './question-file.ts';

/** Roles that only describe a result (sample counts, quality, coverage, the newest sample): never what is asked. */
export const HELPER_ROLES: readonly ColumnRole[] = ['samples', 'quality', 'coverage', 'newest'];

export type ResolvedColumns = { ok: true; columns: ValueColumn[] } | { ok: false; reason: string };

function roleFromName(name: string): { role: ColumnRole } | { reason: string } {
  const reading = readRole(name);
  if (reading.kind === 'none') return { reason: `gold column "${name}" has no role in its name; give it as {"column": ..., "role": ...}` };
  if (reading.kind === 'unclear')
    return { reason: `gold column "${name}" reads as ${reading.roles.join(' or ')}; give it as {"column": ..., "role": ...}` };
  return { role: reading.role };
}

/**
 * The gold value columns. Without a spec: every gold column whose name reads as a non-helper role (a column whose name
 * gives no clear role is an error, so a gold value is never compared against "any column").
 */
export function resolveValueColumns(spec: readonly ValueColumnSpec[] | undefined, gold: readonly ResultColumn[]): ResolvedColumns {
  const columns: ValueColumn[] = [];
  if (!spec) {
    for (const [index, c] of gold.entries()) {
      const read = roleFromName(c.name);
      if ('reason' in read) return { ok: false, reason: `${read.reason} (or list value_columns)` };
      if (!HELPER_ROLES.includes(read.role)) columns.push({ index, name: c.name, role: read.role });
    }
    return columns.length > 0 ? { ok: true, columns } : { ok: false, reason: 'no gold column carries a value (all are helpers)' };
  }
  for (const entry of spec) {
    const ref = typeof entry === 'object' ? entry.column : entry;
    const index = typeof ref === 'number' ? ref - 1 : gold.findIndex((c) => c.name === ref);
    const column = gold[index];
    if (!column)
      return {
        ok: false,
        reason: `value column ${JSON.stringify(ref)} is not in the gold result (its columns: ${gold.map((c) => JSON.stringify(c.name)).join(', ')})`,
      };
    if (typeof entry === 'object') {
      columns.push({ index, name: column.name, role: entry.role.toLowerCase() });
      continue;
    }
    const read = roleFromName(column.name);
    if ('reason' in read) return { ok: false, reason: read.reason };
    if (HELPER_ROLES.includes(read.role))
      return { ok: false, reason: `gold column "${column.name}" reads as a helper (${read.role}); give its role explicitly` };
    columns.push({ index, name: column.name, role: read.role });
  }
  return { ok: true, columns };
}
