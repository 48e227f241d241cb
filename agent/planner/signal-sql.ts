// SQL for statistics of the signal, not of the stored rows: every sample holds (step) or leads linearly (linear) to the
// next, the value in force at the window's start is carried in, and good-quality time is measured as coverage.
import type { Dialect } from '../../connectors/connector.ts';
import type { AggFn, PlanTag } from './plan.ts';
import type { PlanSignal } from './signal-model.ts';
import type { SampleColumns } from './compile-plan.ts';
import { firstLast, idLiteral, numberLiteral, secondsBetween, stringLiteral, timeLiteral, type TimeStorage } from './sql-dialect.ts';
import { rateUnit } from './signal-units.ts';

/** What the segment CTEs need to know. */
export interface SignalScope {
  c: SampleColumns;
  tags: readonly PlanTag[];
  signal: PlanSignal;
  /** The window, ISO instants, half-open. */
  from: string;
  to: string;
  storage: TimeStorage;
  /** Group by tag name (joins the tags table); otherwise the single tag's id is the group. */
  byName: boolean;
}

/** SQL literals of a scope: window edges, the padded range read, the hold interval. */
export interface ScopeLiterals {
  from: string;
  to: string;
  hold: string;
  windowSeconds: number;
  /**
   * The amount one rate unit held for one second gives, per tag (`tag` column): a literal, or a CASE when the tags' rate
   * units differ (m3/h and L/s both integrate to m3). Null when a tag has no rate unit (no integral).
   */
  perSecond: string | null;
}

export function scopeLiterals(scope: SignalScope): ScopeLiterals {
  const fromMs = Date.parse(scope.from);
  const toMs = Date.parse(scope.to);
  return {
    from: timeLiteral(scope.from, scope.storage),
    to: timeLiteral(scope.to, scope.storage),
    hold: `INTERVAL '${Math.round(scope.signal.maxAgeMs / 1000)} seconds'`,
    windowSeconds: (toMs - fromMs) / 1000,
    perSecond: perSecondOf(scope),
  };
}

function perSecondOf(scope: SignalScope): string | null {
  const units = scope.tags.map((t) => rateUnit(t.unit));
  if (units.length === 0 || units.some((u) => u === null)) return null;
  const factors = units.map((u) => u!.perSecond);
  if (factors.every((f) => f === factors[0])) return factorLiteral(factors[0]!);
  const key = (t: PlanTag): string => (scope.byName ? stringLiteral(t.name) : idLiteral(t.id));
  return `CASE ${scope.tags.map((t, i) => `WHEN tag = ${key(t)} THEN ${factorLiteral(factors[i]!)}`).join(' ')} END`;
}

/**
 * A conversion factor as SQL: `(1.0 / 86400)` for the reciprocal of a whole number (1 ML/d for 1 s), else the factor
 * to 12 significant digits; a long run of digits ("0.000011574074074074073") is a literal the policy guard refuses.
 */
function factorLiteral(factor: number): string {
  const inverse = 1 / factor;
  if (Math.abs(inverse - Math.round(inverse)) < 1e-9 * Math.abs(inverse)) return `(1.0 / ${Math.round(inverse)})`;
  return numberLiteral(Number(factor.toPrecision(12)));
}

/** The integral of a rate over the good pieces `v0`/`v1`/`dur` (columns named by `cols`), converted to its amount unit. */
export function integralAgg(l: ScopeLiterals, cols: { v0: string; v1: string } = { v0: 'v0', v1: 'v1' }): string {
  if (l.perSecond === null) throw new Error('integral of a tag without a rate unit (see signal-units.ts)');
  return `sum((${cols.v0} + ${cols.v1}) / 2 * dur * ${l.perSecond}) FILTER (WHERE good)`;
}

function tagFilter(column: string, tags: readonly PlanTag[]): string {
  if (tags.length === 0) throw new Error('plan without tags');
  return tags.length === 1 ? `${column} = ${idLiteral(tags[0]!.id)}` : `${column} IN (${tags.map((t) => idLiteral(t.id)).join(', ')})`;
}

/**
 * How long each tag's samples hold: `uniform` (seconds) when every tag has the same max age, the common case, which the
 * SQL writes as a literal; otherwise `perTag` gives each tag's max age in seconds, null for a tag stored on change (held
 * until its next sample, bounded by the source's newest sample), and the SQL reads it from a `hold` column.
 */
interface Holds {
  uniform: number | null;
  perTag: { tag: PlanTag; seconds: number | null }[];
}

function holdsOf(scope: SignalScope): Holds {
  const perTag = scope.tags.map((tag) => {
    const ms = scope.signal.tags.get(tag.name)?.maxAgeMs;
    return { tag, seconds: ms === undefined ? scope.signal.maxAgeMs / 1000 : ms === null ? null : ms / 1000 };
  });
  const first = perTag[0]?.seconds ?? null;
  const uniform = first !== null && perTag.every((h) => h.seconds === first) ? first : null;
  return { uniform, perTag };
}

/** The newest sample of the whole source from the window's start on (the CTE `src_end`): a tag held to its next sample is never held past it. */
const SOURCE_END = '(SELECT e FROM src_end)';

/**
 * Where a tag's newest sample stops holding when the window ends more than its max age after it: at `aged` (the sample
 * plus its max age), but never past the newest sample of the whole source (a feed that stopped everywhere, as at the
 * end of an export, holds nothing); the column is `t`, or `newest` in `dataEndOf`.
 */
function heldUntil(aged: string, newest = 't'): string {
  return `least(${aged}, greatest(${newest}, coalesce(${SOURCE_END}, ${newest})))`;
}

/**
 * CTEs `pts` (the samples read: from one max age before the window to one after, each with its successor), `piece` and
 * `seg` (one row per piece of signal inside the window: t0..t1 with the values v0/v1 at its ends, its length `dur` in
 * seconds, whether it is good, and `nt`, the next sample's time). A sample holds until the next one, but never longer
 * than the max age, the newest one too (a tag whose feed stopped before the window's end holds its last state for the
 * max age, but not past the newest sample of the whole source: see heldUntil). One pass over the tag's rows in the window (lead()), time arithmetic on epoch seconds: DuckDB's
 * TIMESTAMPTZ + INTERVAL goes through ICU's calendar, so an interval is added only on the rare piece cut by the max age.
 * Without a linear tag the successor's value and quality are not read at all (v0 = v1 = v).
 *
 * A tag stored on change (no max age, see signal-model.ts) is read from its last sample at or before the window's start,
 * however old, and its samples hold until the next one; its newest sample holds up to the newest sample of the whole
 * source (CTE `src_end`): a feed that stopped is not read as a state that went on. When the tags' max ages differ, each
 * row carries its tag's in a `hold` column (seconds, NULL for a tag held to its next sample), and so does `seg`.
 */
export function segmentCtes(scope: SignalScope, options: { runs?: boolean } = {}): string {
  const { c, tags, signal } = scope;
  const l = scopeLiterals(scope);
  const holds = holdsOf(scope);
  const uniform = holds.uniform !== null;
  const fromPad = timeLiteral(new Date(Date.parse(scope.from) - signal.maxAgeMs).toISOString(), scope.storage);
  const toPad = timeLiteral(new Date(Date.parse(scope.to) + signal.maxAgeMs).toISOString(), scope.storage);
  const good = c.good ?? 'TRUE';
  const over = `OVER (PARTITION BY ${c.tag} ORDER BY ${c.time})`;
  const linearIds = tags.filter((t) => signal.tags.get(t.name)?.interpolation === 'linear').map((t) => t.id);
  const linear =
    linearIds.length === 0
      ? 'FALSE'
      : linearIds.length === tags.length
        ? 'TRUE'
        : tagFilter(
            c.tag,
            tags.filter((t) => linearIds.includes(t.id)),
          );
  const next = secondsBetween('nt', 't');
  // The hold of a row: a literal when uniform, else the `hold` column (NULL: until the next sample).
  const holdSeconds = uniform ? numberLiteral(holds.uniform!) : 'hold';
  const finite = [...new Set(holds.perTag.map((h) => h.seconds).filter((h): h is number => h !== null))];
  const plusHold = uniform
    ? `t + ${l.hold}`
    : finite.length === 0
      ? 't'
      : `CASE hold ${finite.map((h) => `WHEN ${numberLiteral(h)} THEN t + INTERVAL '${Math.round(h)} seconds'`).join(' ')} END`;
  const until = uniform
    ? `CASE WHEN nt IS NULL THEN (CASE WHEN ${secondsBetween(l.to, 't')} <= ${holdSeconds} THEN ${l.to} ELSE ${heldUntil(`t + ${l.hold}`)} END) ` +
      `WHEN ${next} > ${holdSeconds} THEN least(t + ${l.hold}, ${l.to}) ELSE least(nt, ${l.to}) END`
    : `CASE WHEN nt IS NULL THEN (CASE WHEN hold IS NULL THEN least(greatest(t, coalesce(${SOURCE_END}, t)), ${l.to}) ` +
      `WHEN ${secondsBetween(l.to, 't')} <= hold THEN ${l.to} ELSE ${heldUntil(plusHold)} END) ` +
      `WHEN hold IS NOT NULL AND ${next} > hold THEN least(${plusHold}, ${l.to}) ELSE least(nt, ${l.to}) END`;
  const holdColumn = uniform
    ? ''
    : `, CAST(CASE ${holds.perTag.map((h) => `WHEN ${c.tag} = ${idLiteral(h.tag.id)} THEN ${h.seconds === null ? 'NULL' : numberLiteral(h.seconds)}`).join(' ')} END AS DOUBLE PRECISION) AS hold`;
  const holdCol = uniform ? '' : ', hold';
  // With `runs`, the neighbours' times and qualities mark where runs of good pieces start and end (see gapCte); all
  // window functions share the one ordering of the rows, so they cost one sort.
  const runs = options.runs
    ? `, lag(${c.time}) ${over} AS pt, lag(${good}) ${over} AS pgood${linear === 'FALSE' ? `, lead(${good}) ${over} AS ngood` : ''}`
    : '';
  const read = `SELECT ${scope.byName ? c.tagName : c.tag} AS tag, ${c.time} AS t, CAST(${c.value} AS DOUBLE PRECISION) AS v, (${good}) AS good, lead(${c.time}) ${over} AS nt${runs}${holdColumn}`;
  const runCols = options.runs ? ', pt, pgood, ngood' : '';
  const cutByHold = uniform
    ? `${secondsBetween('t', 'pt')} > ${holdSeconds}`
    : `(hold IS NOT NULL AND ${secondsBetween('t', 'pt')} > hold)`;
  const runFlags = options.runs
    ? `, (pt IS NULL OR NOT pgood OR ${cutByHold}) AS run_start, ` + `(nt IS NULL OR NOT ngood OR t1 < nt OR nt >= ${l.to}) AS run_end`
    : '';
  // Tags held to their next sample are read from their last sample at or before the window's start.
  const heldTags = holds.perTag.filter((h) => h.seconds === null).map((h) => h.tag);
  const agedTags = holds.perTag.filter((h) => h.seconds !== null).map((h) => h.tag);
  const carriedFrom =
    heldTags.length === 0
      ? ''
      : `coalesce((SELECT min(last) FROM (SELECT max(${c.time}) AS last FROM ${c.from} WHERE ${tagFilter(c.tag, heldTags)} ` +
        `AND ${c.time} <= ${l.from} GROUP BY ${c.tag}) AS carried), ${l.from})`;
  const range =
    heldTags.length === 0
      ? `${tagFilter(c.tag, tags)} AND ${c.time} >= ${fromPad} AND ${c.time} < ${toPad}`
      : `${c.time} < ${toPad} AND (${agedTags.length > 0 ? `(${tagFilter(c.tag, agedTags)} AND ${c.time} >= ${fromPad}) OR ` : ''}` +
        `(${tagFilter(c.tag, heldTags)} AND ${c.time} >= ${carriedFrom}))`;
  const where = `FROM ${c.from}${scope.byName ? ` ${c.tagJoin}` : ''} WHERE ${range}`;
  const sourceEnd = `src_end AS (SELECT max(${c.time}) AS e FROM ${c.from} WHERE ${c.time} >= ${l.from} AND ${c.time} < ${toPad}), `;
  const segOf = (values: string): string =>
    `seg AS (SELECT tag, t, nt, v, good, t0, t1, ${values}, ${secondsBetween('t1', 't0')} AS dur${holdCol}${runFlags} FROM piece WHERE t1 > t0)`;
  if (linear === 'FALSE')
    return (
      `${sourceEnd}pts AS (${read} ${where}), piece AS (SELECT tag, t, nt, v, good${runCols}${holdCol}, greatest(t, ${l.from}) AS t0, ${until} AS t1 FROM pts), ` +
      segOf('v AS v0, v AS v1')
    );
  // A line is drawn only between two good samples no further apart than the max age; anything else holds its value.
  const lined = uniform
    ? `(lin AND good AND ngood AND ${next} <= ${holdSeconds})`
    : `(lin AND good AND ngood AND (hold IS NULL OR ${next} <= hold))`;
  const at = (edge: string): string => `CASE WHEN ${lined} THEN v + (nv - v) * ${secondsBetween(edge, 't')} / ${next} ELSE v END`;
  return (
    `${sourceEnd}pts AS (${read}, lead(CAST(${c.value} AS DOUBLE PRECISION)) ${over} AS nv, lead(${good}) ${over} AS ngood, (${linear}) AS lin ${where}), ` +
    `piece AS (SELECT tag, t, nt, v, nv, good, ngood, lin${options.runs ? ', pt, pgood' : ''}${holdCol}, greatest(t, ${l.from}) AS t0, ${until} AS t1 FROM pts), ` +
    segOf(`${at('t0')} AS v0, ${at('t1')} AS v1`)
  );
}

/**
 * Per-tag columns an aggregate over `seg` adds so that `dataEndOf` can say where a tag's data ends: its hold, and
 * whether it is held to its next sample (empty when every tag has the same max age).
 */
export function holdAggs(scope: SignalScope): string {
  return holdsOf(scope).uniform !== null ? '' : ', max(hold) AS hold, bool_or(hold IS NULL) AS held';
}

/**
 * Where a tag's data ends, from an aggregate over `seg` (alias `a`, columns `newest` and those of `holdAggs`): the
 * window's end when its newest sample holds to it (within the max age; for a tag held to its next sample, when the
 * source has data up to it), else where its newest sample stops holding (heldUntil; for a tag held to its next sample,
 * the newest sample of the source).
 */
export function dataEndOf(scope: SignalScope, a: string): string {
  const l = scopeLiterals(scope);
  const holds = holdsOf(scope);
  if (holds.uniform !== null)
    return `CASE WHEN ${secondsBetween(l.to, `${a}.newest`)} <= ${numberLiteral(holds.uniform)} THEN ${l.to} ELSE ${heldUntil(`${a}.newest + ${l.hold}`, `${a}.newest`)} END`;
  const held = holds.perTag.some((h) => h.seconds === null)
    ? `WHEN ${a}.held THEN least(${l.to}, greatest(${a}.newest, coalesce(${SOURCE_END}, ${a}.newest))) `
    : '';
  const finite = [...new Set(holds.perTag.map((h) => h.seconds).filter((h): h is number => h !== null))];
  const aged = finite
    .map(
      (h) => `WHEN ${a}.hold = ${numberLiteral(h)} THEN ${heldUntil(`${a}.newest + INTERVAL '${Math.round(h)} seconds'`, `${a}.newest`)}`,
    )
    .join(' ');
  return `CASE ${held}WHEN ${secondsBetween(l.to, `${a}.newest`)} <= ${a}.hold THEN ${l.to} ${aged} ELSE ${a}.newest END`;
}

/**
 * CTE `gapstat` (per tag: gaps longer than the heartbeat between good pieces), over `seg` made
 * with `runs`. Only the good pieces that start or end a run of touching good pieces can border a gap, so only they are
 * ordered again: a run's start lies a gap after the previous run's end (or after the window's start).
 */
function gapCte(scope: SignalScope): string {
  const l = scopeLiterals(scope);
  const hb = numberLiteral(scope.signal.heartbeatMs / 1000);
  const gap = secondsBetween('t0', `coalesce(lag(t1) OVER (PARTITION BY tag ORDER BY t0), ${l.from})`);
  return (
    `goodseg AS (SELECT tag, t1, CASE WHEN run_start THEN ${gap} ELSE 0 END AS gap FROM seg WHERE good AND (run_start OR run_end)), ` +
    `gapstat AS (SELECT tag, count(*) FILTER (WHERE gap > ${hb}) AS inner_gaps, max(gap) FILTER (WHERE gap > ${hb}) AS inner_longest FROM goodseg GROUP BY tag)`
  );
}

/**
 * The aggregate of the signal over `seg` (or `bseg`) for one function (per tag when grouped). `inRange` says which
 * stored readings count for the functions of the readings (mean, sum, count): by default those inside the window.
 */
export function signalAgg(dialect: Dialect, fn: AggFn, l: ScopeLiterals, inRange?: string): string {
  const inWindow = inRange ?? `t >= ${l.from} AND t < ${l.to}`;
  switch (fn) {
    case 'avg':
      return `sum((v0 + v1) / 2 * dur) FILTER (WHERE good) / nullif(sum(dur) FILTER (WHERE good), 0)`;
    case 'min':
      return `min(least(v0, v1)) FILTER (WHERE good)`;
    case 'max':
      return `max(greatest(v0, v1)) FILTER (WHERE good)`;
    case 'first':
      return firstLast(dialect, 'first', 'v0', 't0', 'good');
    case 'last':
      return firstLast(dialect, 'last', 'v1', 't1', 'good');
    case 'delta':
      return `${firstLast(dialect, 'last', 'v1', 't1', 'good')} - ${firstLast(dialect, 'first', 'v0', 't0', 'good')}`;
    case 'count':
      return `count(*) FILTER (WHERE good AND ${inWindow})`;
    case 'mean':
      return `avg(v) FILTER (WHERE good AND ${inWindow})`;
    case 'sum':
      return `sum(v) FILTER (WHERE good AND ${inWindow})`;
    case 'integral':
      return integralAgg(l);
  }
}

/**
 * Per-tag statistics of the signal: `{fn}_value` columns, then good/all sample counts in the window, `coverage` (good
 * time as a share of the window up to `data_end`), `gaps` and `longest_gap_minutes` (gaps longer than the heartbeat),
 * `data_end` (the window's end, or the newest sample when data stops earlier) and `last_time` (newest sample in the window).
 * The statement reads `FROM stats`; with `byName`, `stats.tag` is the tag name.
 */
export function statsCtes(dialect: Dialect, scope: SignalScope, fns: readonly AggFn[]): string {
  const l = scopeLiterals(scope);
  const inWindow = `t >= ${l.from} AND t < ${l.to}`;
  const hb = numberLiteral(scope.signal.heartbeatMs / 1000);
  // The newest sample read: the last piece's next sample (after the window) or its own; the data holds to the window's
  // end when that is within the max age of it.
  const dataEnd = dataEndOf(scope, 'a');
  const trailing = secondsBetween(dataEnd, `coalesce(a.good_end, ${l.from})`);
  const counted = fns.includes('delta');
  // A change is the value in force at the window's end minus at its start; a counter's counts through resets.
  const aggs = fns.map((fn) => `${signalAgg(dialect, fn, l)} AS ${fn}_value`);
  const value = (fn: AggFn): string => (fn === 'delta' ? 'c.delta_value' : `a.${fn}_value`);
  return (
    `${segmentCtes(scope, { runs: true })}, ${gapCte(scope)}, ` +
    (counted ? `${counterCte(scope)}, ` : '') +
    `agg AS (SELECT tag, ${aggs.join(', ')}, count(*) FILTER (WHERE good AND ${inWindow}) AS good_samples, ` +
    `count(*) FILTER (WHERE ${inWindow}) AS all_samples, sum(dur) FILTER (WHERE good) AS good_seconds, ` +
    `max(t1) FILTER (WHERE good) AS good_end, greatest(max(t), max(nt)) AS newest, max(t) AS last_time${holdAggs(scope)} FROM seg GROUP BY tag), ` +
    `stats AS (SELECT a.tag, ${fns.map((fn) => `${value(fn)} AS ${fn}_value`).join(', ')}, a.good_samples, a.all_samples, ` +
    `coalesce(a.good_seconds, 0) / nullif(${secondsBetween(dataEnd, l.from)}, 0) AS coverage, ` +
    `coalesce(g.inner_gaps, 0) + CASE WHEN ${trailing} > ${hb} THEN 1 ELSE 0 END AS gaps, ` +
    `greatest(coalesce(g.inner_longest, 0), CASE WHEN ${trailing} > ${hb} THEN ${trailing} ELSE 0 END) / 60.0 AS longest_gap_minutes, ` +
    `${dataEnd} AS data_end, a.last_time${counted ? ', coalesce(c.resets, 0) AS resets' : ''} FROM agg AS a LEFT JOIN gapstat AS g ON g.tag = a.tag` +
    `${counted ? ' LEFT JOIN counted AS c ON c.tag = a.tag' : ''})`
  );
}

/**
 * CTE `counted`: per tag, the change of the signal over the window (`delta_value`): the change inside its good pieces
 * plus the jumps between them (`jumps`), and how many times a counter went down (`resets`).
 */
function counterCte(scope: SignalScope): string {
  return (
    `${jumpsCte(scope)}, counted AS (SELECT tag, sum(amount) AS delta_value, count(*) FILTER (WHERE reset) AS resets FROM ` +
    `(SELECT tag, v1 - v0 AS amount, FALSE AS reset FROM seg WHERE good UNION ALL SELECT tag, jump, reset FROM jumps) AS parts GROUP BY tag)`
  );
}

/**
 * CTE `jumps` (tag, t, jump, reset): where the signal steps from one good piece to the next, at the later sample's time
 * `t`, including a good reading exactly at the window's end (the value in force there). A change over [a, b) is the
 * change inside its good pieces plus the jumps at a < t <= b: the value in force at b minus the one at a, so adjacent
 * windows add up. A counter only rises: a drop is a reset (or rollover) after which it counted from zero, so the jump
 * is the new value; any other tag's drop is a drop.
 */
export function jumpsCte(scope: SignalScope): string {
  const l = scopeLiterals(scope);
  // A tag the catalog says is no counter (a flow, a level) never resets; a tag of unknown type is taken as a counter.
  const counters = scope.tags.filter((t) => t.dataType === undefined || t.dataType.toLowerCase() === 'counter');
  const key = (t: PlanTag): string => (scope.byName ? stringLiteral(t.name) : idLiteral(t.id));
  const counter =
    counters.length === scope.tags.length ? 'TRUE' : counters.length === 0 ? 'FALSE' : `tag IN (${counters.map(key).join(', ')})`;
  return (
    `jumps AS (SELECT tag, t, CASE WHEN step >= 0 OR NOT (${counter}) THEN step ELSE v0 END AS jump, (step < 0 AND ${counter}) AS reset ` +
    `FROM (SELECT tag, t, v0, v0 - lag(v1) OVER (PARTITION BY tag ORDER BY t0) AS step FROM ` +
    `(SELECT tag, t, t0, v0, v1 FROM seg WHERE good UNION ALL SELECT tag, t, t, v, v FROM pts WHERE good AND t = ${l.to}) AS g) AS d ` +
    `WHERE step IS NOT NULL)`
  );
}

/**
 * The first instant the signal reached its extreme over `seg`, beside `stats.{fn}_value`: the start of the first good
 * piece holding it (a step), or the end of a linear piece where it lies (a line reaches its maximum at its higher end).
 */
export function extremeTime(fn: 'max' | 'min'): string {
  const [edge, op] = fn === 'max' ? ['greatest', '>='] : ['least', '<='];
  return `(SELECT min(CASE WHEN seg.v0 ${op} seg.v1 THEN seg.t0 ELSE seg.t1 END) FROM seg WHERE seg.good AND ${edge}(seg.v0, seg.v1) = stats.${fn}_value)`;
}

/** The helper columns every stats statement selects after its values. */
export const STATS_HELPERS = ['good_samples', 'all_samples', 'coverage', 'gaps', 'longest_gap_minutes', 'data_end', 'last_time'];
