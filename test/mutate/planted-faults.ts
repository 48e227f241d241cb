// Faults `npm run mutate` plants in a copy of the tree, one at a time: each is a mistake the planner or its compiler
// could plausibly make, and each must be caught by the test suite and by `otq eval`. When code moves, update `find`
// (it must occur exactly once in `file`); never delete a fault because it is no longer caught.

export interface PlantedFault {
  id: string;
  /** What goes wrong, as a reviewer would say it. */
  what: string;
  /** File (from the repository root) and the exact text replaced. */
  file: string;
  find: string;
  replace: string;
}

export const plantedFaults: readonly PlantedFault[] = [
  {
    id: 'window-shift-20h',
    what: 'every resolved window starts 20 h late (the label still shows the asked window)',
    file: 'agent/planner/window-parts.ts',
    find: 'from: from.toISOString(),',
    replace: 'from: new Date(from.getTime() + 20 * 3600_000).toISOString(),',
  },
  {
    id: 'instants-one-hour-off',
    what: 'UTC instants written into SQL as +01:00 (every window and instant one hour early)',
    file: 'agent/planner/sql-dialect.ts',
    find: "`TIMESTAMPTZ '${text}+00'`",
    replace: "`TIMESTAMPTZ '${text}+01'`",
  },
  {
    id: 'bucket-off-by-one-hour',
    what: "calendar buckets cut one hour late: each bucket's first hour counted in the bucket before",
    file: 'agent/planner/bucket-edges.ts',
    find: "`edges AS (SELECT ${instant('w')} AS bucket, ${instant(`w + ${step}`)} AS bucket_end FROM walls)`",
    replace:
      "`edges AS (SELECT ${instant(`w + INTERVAL '1 hour'`)} AS bucket, ${instant(`w + ${step} + INTERVAL '1 hour'`)} AS bucket_end FROM walls)`",
  },
  {
    id: 'average-is-maximum',
    what: 'the wrong aggregate: "average" compiled as the maximum of the signal',
    file: 'agent/planner/signal-sql.ts',
    find: "case 'avg':\n      return `sum((v0 + v1) / 2 * dur) FILTER (WHERE good) / nullif(sum(dur) FILTER (WHERE good), 0)`;",
    replace: "case 'avg':\n      return `max(greatest(v0, v1)) FILTER (WHERE good)`;",
  },
  {
    id: 'quality-filter-dropped',
    what: 'the good-quality filter dropped: bad and uncertain samples counted as values',
    file: 'agent/planner/compile-plan.ts',
    find: "good: quality ? `${quality} IN (${s.goodQuality.map((q) => numberLiteral(q)).join(', ')})` : undefined,",
    replace: 'good: undefined,',
  },
  {
    id: 'threshold-comparator-flipped',
    what: '"above" compiled as below and the other way round',
    file: 'agent/planner/threshold-sql.ts',
    find: "return `${v} ${op.inclusive ? '>=' : '>'} ${low}`;\n    case 'below':\n      return `${v} ${op.inclusive ? '<=' : '<'} ${low}`;",
    replace:
      "return `${v} ${op.inclusive ? '<=' : '<'} ${low}`;\n    case 'below':\n      return `${v} ${op.inclusive ? '>=' : '>'} ${low}`;",
  },
  {
    id: 'window-end-inclusive',
    what: "the window's end included: the signal is taken one minute past the end (a sample of the next period counted)",
    file: 'agent/planner/signal-sql.ts',
    find: 'ELSE least(nt, ${l.to}) END`;',
    replace: "ELSE least(nt, ${l.to} + INTERVAL '1 minute') END`;",
  },
  {
    id: 'sentence-rounds-to-integer',
    what: 'the answer sentence rounds every number to an integer (the table stays right)',
    file: 'agent/planner/answer-format.ts',
    find: "maximumFractionDigits: 3,\n  maximumSignificantDigits: 3,\n  roundingPriority: 'morePrecision',",
    replace: 'maximumFractionDigits: 0,',
  },
];
