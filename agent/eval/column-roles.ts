// What a result column means, read from its name as a person reads a table header: the average, the sample time, the tag...

/**
 * A column's role: one of the words below, or (for a column named after a tag, e.g. `BPS01/Header/Flow` in a wide
 * series) the column's own name in lower case. Helper roles (`samples`, `quality`, `coverage`, `newest`) are never
 * what a question asks for; a gold value column is matched only by an answer column of the same role.
 */
export type ColumnRole =
  | 'samples'
  | 'quality'
  | 'coverage'
  | 'newest'
  | 'avg'
  | 'min'
  | 'max'
  | 'amount'
  | 'first'
  | 'last'
  | 'count'
  | 'extreme'
  | 'starts'
  | 'hours'
  | 'minutes'
  | 'share'
  | 'start'
  | 'end'
  | 'time'
  | 'label'
  | 'unit'
  | 'value'
  | (string & {});

/** Every role word a question file may name (besides a tag name for a wide column). */
export const ROLE_WORDS: readonly ColumnRole[] = [
  'samples',
  'quality',
  'coverage',
  'newest',
  'avg',
  'min',
  'max',
  'amount',
  'first',
  'last',
  'count',
  'extreme',
  'starts',
  'hours',
  'minutes',
  'share',
  'start',
  'end',
  'time',
  'label',
  'unit',
  'value',
];

/** Whole names that the word rules below would misread (`last_time` is the newest sample, not a "last" value). */
const WHOLE_NAMES: Record<string, ColumnRole> = {
  last_time: 'newest',
  newest_time: 'newest',
  data_end: 'newest',
  last_sample: 'newest',
  tags_with_data: 'samples',
};

/**
 * Words per role, in tiers: the highest tier with a hit decides, so `good_samples` is a helper and `mean_minutes_to_clear`
 * an average. Two roles hit in the same tier (`arg_max(value) - arg_min(value)`) leave the role unclear.
 */
const TIERS: readonly (readonly [ColumnRole, readonly string[]])[][] = [
  [
    ['samples', ['samples', 'sample', 'readings_count']],
    ['quality', ['quality', 'qual']],
    ['coverage', ['coverage', 'covered']],
  ],
  [
    ['avg', ['avg', 'average', 'mean', 'twa']],
    ['min', ['min', 'minimum', 'lowest']],
    ['max', ['max', 'maximum', 'highest', 'peak']],
    ['amount', ['sum', 'total', 'delta', 'change', 'diff', 'difference', 'volume', 'consumption', 'consumed', 'used', 'integral']],
    ['first', ['first', 'earliest', 'opening']],
    ['last', ['last', 'final', 'closing']],
    ['count', ['count', 'n', 'cnt', 'number', 'alarms', 'events', 'times']],
    ['extreme', ['extreme']],
  ],
  [
    ['starts', ['starts']],
    ['hours', ['hours', 'h', 'runtime', 'duration']],
    ['minutes', ['minutes', 'mins']],
    ['share', ['pct', 'percent', 'percentage', 'share']],
  ],
  [
    ['start', ['start', 'begin', 'begins', 'from', 'since']],
    ['end', ['end', 'ends', 'until', 'to', 'stop']],
  ],
  [['time', ['time', 'ts', 'timestamp', 'bucket', 'date', 'day', 'week', 'wk', 'month', 'hour', 'instant', 'period']]],
  [['unit', ['unit', 'units', 'uom']]],
  [
    [
      'label',
      [
        'tag',
        'tag_path',
        'path',
        'name',
        'asset',
        'asset_id',
        'pump',
        'tank',
        'station',
        'site',
        'operator',
        'dma',
        'meter',
        'priority',
        'condition',
      ],
    ],
  ],
  [['value', ['value', 'val', 'reading', 'result']]],
];

/** The outcome of reading a name: a role, or unclear (several roles of the same tier), or none (no role word). */
export type RoleReading = { kind: 'role'; role: ColumnRole } | { kind: 'unclear'; roles: ColumnRole[] } | { kind: 'none' };

/** Lower-case words of a column name: `avg("value") FILTER (...)` -> avg, value, filter, ...; `tag_path` stays one word too. */
function words(name: string): Set<string> {
  const lower = name.toLowerCase();
  const parts = lower.split(/[^a-z0-9]+/).filter(Boolean);
  const joined = lower.match(/[a-z0-9]+(?:_[a-z0-9]+)+/g) ?? [];
  return new Set([...parts, ...joined]);
}

/** Reads a column name. A name with a `/` is a tag path (a wide column per tag): its role is the name itself. */
export function readRole(name: string): RoleReading {
  const trimmed = name.trim();
  if (trimmed.includes('/') && !/[()]/.test(trimmed)) return { kind: 'role', role: trimmed.toLowerCase() };
  const whole = WHOLE_NAMES[trimmed.toLowerCase()];
  if (whole) return { kind: 'role', role: whole };
  const found = words(trimmed);
  for (const tier of TIERS) {
    const hits = tier.filter(([, list]) => list.some((w) => found.has(w))).map(([role]) => role);
    if (hits.length === 1) return { kind: 'role', role: hits[0] as ColumnRole };
    if (hits.length > 1) return { kind: 'unclear', roles: hits };
  }
  return { kind: 'none' };
}

/** The role of an answer column, or null when its name carries none (such a column can stand for no gold column). */
export function answerColumnRole(name: string): ColumnRole | null {
  const reading = readRole(name);
  return reading.kind === 'role' ? reading.role : null;
}

/** Roles compare case-insensitively (a role may be a tag name). */
export function sameRole(a: ColumnRole, b: ColumnRole): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
