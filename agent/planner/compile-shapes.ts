// Compiles the plan shapes beyond one statistic per tag: first crossings, running together, correlation, period change,
// bucket rankings, night flow and the shift log. Each is one statement over the signal's pieces (signal-sql.ts).
import type { Dialect } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { SampleColumns } from './compile-plan.ts';
import type { Operation, Plan } from './plan.ts';
import { bucketSpans, nightSpans, previousSpan, type Span } from './period-spans.ts';
import { planSignal } from './signal-model.ts';
import { segmentCtes, type SignalScope } from './signal-sql.ts';
import { spanCtes, spanWindow } from './span-sql.ts';
import { allKnownCte } from './known-sql.ts';
import { stretchMinutesColumn } from './duration-unit.ts';
import { totalRow } from './threshold-sql.ts';
import { isMixed, wholeState, type GroupState, type MemberStates } from './group-state.ts';
import { keepTies } from './rank-ties.ts';
import { ident, idLiteral, numberLiteral, secondsBetween, stringLiteral, timeLiteral, type TimeStorage } from './sql-dialect.ts';

type ShapeKind = 'crossing' | 'together' | 'correlation' | 'change' | 'bucket-rank' | 'night-flow' | 'shift-log';

/** The operations this file compiles. */
export function isShape(op: Operation): op is Extract<Operation, { kind: ShapeKind }> {
  return ['crossing', 'together', 'correlation', 'change', 'bucket-rank', 'night-flow', 'shift-log'].includes(op.kind);
}

/** The sub-windows a plan's statistic is taken over, or null when the plan has none (or too many to list). */
export function planSpans(plan: Plan): Span[] | null {
  const op = plan.operation;
  const window = { from: new Date(plan.window.from), to: new Date(plan.window.to) };
  if (op.kind === 'change')
    return [
      op.previous ? { from: new Date(op.previous.from), to: new Date(op.previous.to) } : previousSpan(plan.window, op.period),
      window,
    ];
  if (op.kind === 'bucket-rank') return bucketSpans(plan.window, op.bucket);
  if (op.kind === 'night-flow') {
    const nights = nightSpans(plan.window, op.fromHour, op.toHour);
    if (!op.previous) return nights;
    const earlier = { ...plan.window, from: op.previous.from, to: op.previous.to };
    return [...nightSpans(earlier, op.fromHour, op.toHour), ...nights];
  }
  return null;
}

interface ShapeInput {
  plan: Plan;
  mapping: HistorianMapping;
  dialect: Dialect;
  c: SampleColumns;
  storage: TimeStorage;
}

function scopeOf(input: ShapeInput, window: { from: string; to: string }, byName: boolean): SignalScope {
  const { plan, mapping, c, storage } = input;
  return { c, tags: plan.tags, signal: planSignal(mapping, plan.tags), from: window.from, to: window.to, storage, byName };
}

/**
 * The condition on a piece of `seg` (good already) that it is in the state required of its tag: running (v >= 0.5) or
 * stopped (v < 0.5), the same for every tag, or per tag ("p1 on w/ p2 off").
 */
function memberStateSql(tags: Plan['tags'], states: MemberStates | undefined): string {
  const of = (state: GroupState | undefined): string => (state === 'stopped' ? 'v < 0.5' : 'v >= 0.5');
  if (!isMixed(states)) return of(wholeState(states));
  return `CASE tag ${tags.map((t, i) => `WHEN ${idLiteral(t.id)} THEN ${of(states?.[i])}`).join(' ')} END`;
}

/** Compiles one of the shapes above; throws on a plan the planner never makes (no spans, a shift log without mapping). */
export function compileShape(input: ShapeInput): string {
  const { plan, dialect } = input;
  const op = plan.operation;
  const from = timeLiteral(plan.window.from, input.storage);
  switch (op.kind) {
    case 'crossing': {
      const hit = (v: string): string =>
        op.event === 'start'
          ? `${v} >= 0.5`
          : op.event === 'stop'
            ? `${v} < 0.5`
            : `${v} ${op.event === 'above' ? '>' : '<'} ${numberLiteral(op.value ?? 0)}`;
      // Good pieces only: a bad sample holds no state, so it neither ends nor starts one.
      // Over a group ("first hl pump start today"): each tag's crossings, and every tag at the earliest (latest) of
      // them, so a tie keeps each pump tied.
      if (plan.tags.length > 1)
        return (
          `WITH ${segmentCtes(scopeOf(input, plan.window, true))}, ` +
          `g AS (SELECT tag, t0, v, lag(v) OVER (PARTITION BY tag ORDER BY t0) AS pv FROM seg WHERE good), ` +
          `e AS (SELECT tag, t0 AS time FROM g WHERE ${hit('v')} AND NOT (${hit('pv')}) AND t0 > ${from}) ` +
          `SELECT tag, time FROM e WHERE time = (SELECT ${op.which === 'last' ? 'max' : 'min'}(time) FROM e) ORDER BY tag`
        );
      return (
        `WITH ${segmentCtes(scopeOf(input, plan.window, false))}, ` +
        `g AS (SELECT t0, v, lag(v) OVER (ORDER BY t0) AS pv FROM seg WHERE good) ` +
        `SELECT ${op.which === 'last' ? 'max' : 'min'}(t0) AS time FROM g WHERE ${hit('v')} AND NOT (${hit('pv')}) AND t0 > ${from}`
      );
    }
    case 'together': {
      // A sweep over the running pieces of every tag: +1 where one starts, -1 where it ends; all running = the tag count
      // (or the `atLeast` asked).
      // (`states`: each in the state required of it, stopped = known stopped, good 0; an unknown or bad state is neither.)
      const running = `FROM seg WHERE good AND ${memberStateSql(plan.tags, op.states)}`;
      // The longest stretch carries how many there were and their total, for its sentence.
      const longestExtras =
        op.report === 'longest' ? `, (SELECT count(*) FROM stretch) AS times, (SELECT sum(hours) FROM stretch) AS total_hours` : '';
      const scope = scopeOf(input, plan.window, false);
      const ctes =
        `WITH ${segmentCtes(scope)}, ` +
        `ev AS (SELECT t0 AS t, 1 AS d ${running} UNION ALL SELECT t1 AS t, -1 AS d ${running}), ` +
        `lvl AS (SELECT t, sum(d) AS d FROM ev GROUP BY t), ` +
        `run AS (SELECT t, sum(d) OVER (ORDER BY t) AS n, lead(t) OVER (ORDER BY t) AS nt FROM lvl), ` +
        `hit AS (SELECT t, nt, CASE WHEN n >= ${Math.min(op.atLeast ?? plan.tags.length, plan.tags.length)} THEN 1 ELSE 0 END AS hit FROM run WHERE nt IS NOT NULL), ` +
        `grp AS (SELECT t, nt, hit, sum(1 - hit) OVER (ORDER BY t) AS g FROM hit), ` +
        `stretch AS (SELECT min(t) AS start_time, max(nt) AS end_time, sum(${secondsBetween('nt', 't')}) / 3600.0 AS hours ` +
        `FROM grp WHERE hit = 1 GROUP BY g), ${allKnownCte(scope)}`;
      // "how long together": one row, the total, how many stretches and the longest (threshold-sql.ts).
      if (!op.report) return totalRow(ctes, op.unit, null);
      // "what % of yesterday did 2+ pumps run": the time together as a share of the whole window, with how much of it
      // every state was known (a share of the window, not of the known time).
      if (op.report === 'share') {
        const total = 'coalesce((SELECT sum(hours) FROM stretch), 0)';
        const windowSeconds = (Date.parse(plan.window.to) - Date.parse(plan.window.from)) / 1000;
        return (
          `${ctes} SELECT 100.0 * ${total} * 3600 / ${numberLiteral(windowSeconds)} AS share_pct, ${total} AS total_hours, ` +
          `(SELECT count(*) FROM stretch) AS stretches, k.coverage, k.data_end FROM known AS k`
        );
      }
      return (
        `${ctes} ` +
        // "how many times": one row, the count and the hours; else each stretch carries how much of the window every
        // state was known, and without a stretch one row says it alone.
        (op.report === 'count'
          ? `SELECT (SELECT count(*) FROM stretch) AS times, coalesce((SELECT sum(hours) FROM stretch), 0) AS total_hours, k.coverage, k.data_end FROM known AS k`
          : `SELECT s.start_time, s.end_time, s.hours${stretchMinutesColumn(op.unit, 's.hours')}${longestExtras}, k.coverage, k.data_end ` +
            `FROM ${op.report === 'longest' ? '(SELECT * FROM stretch ORDER BY hours DESC, start_time LIMIT 1) AS s' : 'stretch AS s'} CROSS JOIN known AS k ` +
            `UNION ALL SELECT NULL, NULL, NULL${op.unit === 'hours' ? '' : ', NULL'}${op.report === 'longest' ? ', 0, 0' : ''}, k.coverage, k.data_end FROM known AS k WHERE NOT EXISTS (SELECT 1 FROM stretch) ORDER BY 1`)
      );
    }
    case 'correlation': {
      const [x, y] = plan.tags;
      if (!x || !y) throw new Error('correlation plan without two tags');
      const to = timeLiteral(new Date(Date.parse(plan.window.to) - 60_000).toISOString(), input.storage);
      // The piece in force at each grid minute without a range join: pieces numbered by start, merged with the grid in
      // time order, and the running maximum of the number is the newest piece begun (an equality join then reads it).
      const valueAt = (tag: string | number, alias: string): string =>
        `${alias}p AS (SELECT row_number() OVER (ORDER BY t0) AS i, t0, t1, v0, v1, good FROM seg WHERE tag = ${idLiteral(tag)}), ` +
        `${alias}g AS (SELECT ts, k, max(i) OVER (ORDER BY ts, k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS i FROM ` +
        `(SELECT ts, 1 AS k, CAST(NULL AS BIGINT) AS i FROM grid UNION ALL SELECT t0 AS ts, 0 AS k, i FROM ${alias}p) AS m), ` +
        `${alias} AS (SELECT g.ts, p.v0 + (p.v1 - p.v0) * ${secondsBetween('g.ts', 'p.t0')} / nullif(${secondsBetween('p.t1', 'p.t0')}, 0) AS v ` +
        `FROM ${alias}g AS g JOIN ${alias}p AS p ON p.i = g.i WHERE g.k = 1 AND p.good AND g.ts < p.t1)`;
      return (
        `WITH ${segmentCtes(scopeOf(input, plan.window, false))}, ` +
        `grid AS (SELECT g.ts FROM generate_series(${from}, ${to}, INTERVAL '1 minute') AS g(ts)), ` +
        `${valueAt(x.id, 'x')}, ${valueAt(y.id, 'y')}, ` +
        // Paired by grid minute through one grouping, not a join: PostgreSQL underestimates both sides (a filter on
        // computed piece ends) and chose a nested loop of 43,000 x 43,000 minutes for a month.
        `pairs AS (SELECT ts, max(v) FILTER (WHERE side = 0) AS xv, max(v) FILTER (WHERE side = 1) AS yv FROM ` +
        `(SELECT ts, 0 AS side, v FROM x UNION ALL SELECT ts, 1 AS side, v FROM y) AS both_sides GROUP BY ts) ` +
        `SELECT corr(xv, yv) AS r_value, count(*) FILTER (WHERE xv IS NOT NULL AND yv IS NOT NULL) AS paired_points FROM pairs`
      );
    }
    case 'change':
    case 'bucket-rank':
    case 'night-flow': {
      const spans = planSpans(plan);
      if (!spans || spans.length === 0) throw new Error(`${op.kind} plan without sub-windows`);
      const multi = plan.tags.length > 1;
      const fn = op.kind === 'night-flow' ? 'avg' : op.fn;
      const ctes = spanCtes(dialect, scopeOf(input, spanWindow(spans), multi), spans, fn);
      const tagCol = multi ? 'tag, ' : '';
      if (op.kind === 'change') {
        const value = (b: number): string => `max(v) FILTER (WHERE b = ${b})`;
        return (
          `WITH ${ctes} SELECT ${tagCol}${value(0)} AS first_period_value, ${value(1)} AS last_period_value, ` +
          `${value(1)} - ${value(0)} AS change, 100.0 * (${value(1)} - ${value(0)}) / nullif(abs(${value(0)}), 0) AS change_percent, ` +
          `min(coverage) AS coverage FROM per${multi ? ' GROUP BY tag ORDER BY tag' : ''}`
        );
      }
      // The buckets, nights or areas ranked: every one tied at the cut is kept (rank-ties.ts).
      const ranked = (columns: string[], from: string, key: string, then: string, order: 'asc' | 'desc', limit: number): string =>
        keepTies({ ctes, columns, from, key, order, limit, then });
      if (op.kind === 'bucket-rank') {
        const columns = ['bucket', ...(multi ? ['tag'] : []), `${op.fn}_value`, 'coverage'];
        const from = `SELECT f AS bucket, ${tagCol}v AS ${op.fn}_value, coverage FROM per WHERE v IS NOT NULL`;
        return ranked(columns, from, `${op.fn}_value`, 'bucket', op.order, op.limit);
      }
      if (op.kind === 'night-flow' && op.order && !multi) {
        const from = 'SELECT f AS bucket, v AS avg_value, coverage FROM per WHERE v IS NOT NULL';
        return ranked(['bucket', 'avg_value', 'coverage'], from, 'avg_value', 'bucket', op.order, op.limit ?? 1);
      }
      if (op.kind === 'night-flow' && op.previous)
        return nightPeriodsSql(ctes, tagCol, spans.length - planSpansOfWindow(plan, op).length, multi);
      // The areas ranked by the mean of their nights ("which DMA had the highest average MNF last week").
      if (op.kind === 'night-flow' && op.mean && op.order && multi) {
        const from = 'SELECT tag, avg(v) AS avg_value, count(v) AS nights, min(coverage) AS coverage FROM per GROUP BY tag';
        return ranked(['tag', 'avg_value', 'nights', 'coverage'], from, 'avg_value', 'tag', op.order, op.limit ?? 1);
      }
      // The mean of the nights' values, per tag ("avg MNF over the last 7 nights").
      if (op.kind === 'night-flow' && op.mean)
        return `WITH ${ctes} SELECT ${tagCol}avg(v) AS avg_value, count(v) AS nights, min(coverage) AS coverage FROM per${multi ? ' GROUP BY tag ORDER BY tag' : ''}`;
      // The tags ranked on one night ("which DMA had the highest MNF last night").
      if (op.kind === 'night-flow' && op.order && multi) {
        const from = 'SELECT f AS bucket, tag, v AS avg_value, coverage FROM per WHERE v IS NOT NULL';
        return ranked(['bucket', 'tag', 'avg_value', 'coverage'], from, 'avg_value', 'tag', op.order, op.limit ?? 1);
      }
      if (!multi) return `WITH ${ctes} SELECT f AS bucket, v AS avg_value, coverage FROM per ORDER BY f`;
      if (spans.length === 1) return `WITH ${ctes} SELECT f AS bucket, tag, v AS avg_value, coverage FROM per ORDER BY tag`;
      const wide = plan.tags.map((t) => `max(v) FILTER (WHERE tag = ${stringLiteral(t.name)}) AS ${ident(t.name)}`);
      return `WITH ${ctes} SELECT f AS bucket, ${wide.join(', ')} FROM per GROUP BY f ORDER BY f`;
    }
    case 'shift-log': {
      const log = input.mapping.shiftLog;
      if (!log) throw new Error('shift-log plan on a source without a shift log mapping');
      const time = `l.${ident(log.time)}`;
      const columns = [
        `${time} AS time`,
        ...(log.operator ? [`l.${ident(log.operator)} AS operator_name`] : []),
        ...(log.shift ? [`l.${ident(log.shift)} AS shift`] : []),
        ...(log.site ? [`l.${ident(log.site)} AS site`] : []),
        ...(log.note ? [`l.${ident(log.note)} AS note`] : []),
      ];
      const to = timeLiteral(plan.window.to, input.storage);
      // A topic matches a word of the note that starts with it ("round" finds "Weekly round BPS01", not "around"); a
      // hyphen or slash starts a word too ("chlorine" finds "low-chlorine", "pump" finds "booster/pump").
      const noteOf = (alias: string): string => `replace(replace(lower(' ' || ${alias}.${ident(log.note ?? '')}), '-', ' '), '/', ' ')`;
      const note = log.note ? noteOf('l') : null;
      const anyOf = (text: string, words: readonly string[]): string =>
        `(${words.map((t) => `${text} LIKE ${stringLiteral(`% ${t}%`)}`).join(' OR ')})`;
      const things = note && op.things?.length ? op.things.map((forms) => ` AND ${anyOf(note, forms)}`).join('') : '';
      // Topics no entry of the log uses (a word the notes never write) narrow nothing beside the things named; the
      // routine entries, which only quote readings, are left out then.
      const unused =
        note && op.topics?.length && op.unusedTopicsSkip
          ? ` OR (NOT EXISTS (SELECT 1 FROM ${ident(log.table)} AS u WHERE ${anyOf(noteOf('u'), op.topics)})${op.unusedTopicsSkip.map((w) => ` AND ${note} NOT LIKE ${stringLiteral(` ${w}%`)}`).join('')})`
          : '';
      const topics = note && op.topics?.length ? ` AND (${anyOf(note, op.topics)}${unused})` : '';
      const author = op.author && log.operator ? ` AND lower(l.${ident(log.operator)}) LIKE ${stringLiteral(`%${op.author}%`)}` : '';
      const routine =
        note && op.skipRoutine?.length ? op.skipRoutine.map((w) => ` AND ${note} NOT LIKE ${stringLiteral(` ${w}%`)}`).join('') : '';
      const order = op.latest ? `${time} DESC LIMIT ${op.latest}` : time;
      // Several shifts of the window ("nights last week"): an entry lies in one of them.
      const inSpan = (span: { from: string; to: string }): string =>
        `(${time} >= ${timeLiteral(span.from, input.storage)} AND ${time} < ${timeLiteral(span.to, input.storage)})`;
      const spans = op.spans?.length ? ` AND (${op.spans.map(inSpan).join(' OR ')})` : '';
      return `SELECT ${columns.join(', ')} FROM ${ident(log.table)} AS l WHERE ${time} >= ${from} AND ${time} < ${to}${spans}${things}${topics}${routine}${author} ORDER BY ${order}`;
    }
    default:
      throw new Error(`${op.kind} is not a shape of compile-shapes`);
  }
}

/** The nights of the plan's own window (without an earlier period compared with it). */
function planSpansOfWindow(plan: Plan, op: { fromHour: number; toHour: number }): Span[] {
  return nightSpans(plan.window, op.fromHour, op.toHour);
}

/**
 * Two periods' night flows compared ("MNF last week vs the week before"): the mean of each period's nights, the
 * earlier period's nights numbered below `firstLater`.
 */
function nightPeriodsSql(ctes: string, tagCol: string, firstLater: number, multi: boolean): string {
  const mean = (later: boolean): string => `avg(v) FILTER (WHERE b ${later ? '>=' : '<'} ${firstLater})`;
  const nights = (later: boolean): string => `count(v) FILTER (WHERE b ${later ? '>=' : '<'} ${firstLater})`;
  return (
    `WITH ${ctes} SELECT ${tagCol}${mean(false)} AS first_period_value, ${mean(true)} AS last_period_value, ` +
    `${mean(true)} - ${mean(false)} AS change, 100.0 * (${mean(true)} - ${mean(false)}) / nullif(abs(${mean(false)}), 0) AS change_percent, ` +
    `${nights(false)} AS first_period_nights, ${nights(true)} AS last_period_nights, min(coverage) AS coverage FROM per${multi ? ' GROUP BY tag ORDER BY tag' : ''}`
  );
}
