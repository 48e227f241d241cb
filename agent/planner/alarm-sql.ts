// SQL of the alarm plans (count, per tag / site / priority, times to acknowledge and clear, the list), from the alarms
// mapping alone: an activation's clear is the first on the same tag at or after it, its acknowledgement the one paired
// with it in order (alarm-ack-pairing.ts).
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { AlarmChatter, Operation, Plan, PlanTag } from './plan.ts';
import { ackAmbiguousSql, pairedAckSql } from './alarm-ack-pairing.ts';
import { bucketCountsSql, bucketRepeatsSql } from './alarm-bucket-sql.ts';
import { aliasOf, keepTies } from './rank-ties.ts';
import { ident, idLiteral, numberLiteral, secondsBetween, stringLiteral, timeLiteral, type TimeStorage } from './sql-dialect.ts';

type AlarmMapping = NonNullable<HistorianMapping['alarms']>;

function tagFilter(column: string, tags: readonly PlanTag[]): string {
  if (tags.length === 1) return `${column} = ${idLiteral(tags[0]!.id)}`;
  return `${column} IN (${tags.map((t) => idLiteral(t.id)).join(', ')})`;
}

/** The SQL function of a statistic over the times to acknowledge or clear (the mean when none is named). */
const statisticOf = (op: Operation): { fn: string; name: string } => {
  const statistic = 'statistic' in op ? op.statistic : undefined;
  return statistic === 'max' ? { fn: 'max', name: 'max' } : statistic === 'min' ? { fn: 'min', name: 'min' } : { fn: 'avg', name: 'mean' };
};
/** The unit of an alarm time: minutes, or hours when asked in hours; the divisor of seconds and the column's word. */
const timeUnitOf = (op: Operation): { divisor: string; unit: string } =>
  'unit' in op && op.unit === 'hours' ? { divisor: '3600.0', unit: 'hours' } : { divisor: '60.0', unit: 'minutes' };

/**
 * The filter of a state at a moment: unacknowledged (its acknowledgement, paired in order, not come by the moment asked,
 * else the window's end) or standing (raised by the moment and no clear of the tag in between).
 */
function stateFilter(op: Operation, a: AlarmMapping, tag: string, time: string, windowEnd: string, storage: TimeStorage): string {
  if (op.kind !== 'alarm-list' && op.kind !== 'alarm-count') return '';
  const at = timeLiteral(op.asOf ?? windowEnd, storage);
  const none = (alias: string, value: string): string =>
    `NOT EXISTS (SELECT 1 FROM ${ident(a.table)} AS ${alias} WHERE ${alias}.${ident(a.tag)} = ${tag} AND ${alias}.${ident(a.eventType)} = ${stringLiteral(value)} AND ${alias}.${ident(a.time)} >= ${time} AND ${alias}.${ident(a.time)} <= ${at})`;
  const ack = pairedAckSql(a, 'a', 'u');
  const unacked = op.unacknowledged ? ` AND (${ack} IS NULL OR ${ack} > ${at})` : '';
  const standing = op.standing ? ` AND ${time} <= ${at} AND ${none('x', a.clearValue)}` : '';
  return `${unacked}${standing}`;
}

/** One alarm's own time, in minutes and in hours, when the window holds one ("how long did the CW alarm take to clear"). */
const oneAlarm = (seconds: string): string =>
  `CASE WHEN count(*) = 1 THEN max(${seconds}) / 60.0 END AS minutes, CASE WHEN count(*) = 1 THEN max(${seconds}) / 3600.0 END AS hours`;

/** Compiles an alarm plan; the mapping must map an alarms table (a plan without one is declined before this). */
export function compileAlarms(plan: Plan, mapping: HistorianMapping, storage: TimeStorage): string {
  const a = mapping.alarms;
  if (!a) throw new Error('alarm plan on a source without an alarms mapping');
  const t = mapping.tags;
  const table = ident(a.table);
  const time = `a.${ident(a.time)}`;
  const type = `a.${ident(a.eventType)}`;
  const tag = `a.${ident(a.tag)}`;
  const op = plan.operation;
  const from = timeLiteral(plan.window.from, storage);
  const to = timeLiteral(plan.window.to, storage);
  const priorities = 'priorities' in op && op.priorities ? op.priorities : undefined;
  const priority =
    'priority' in op && op.priority !== undefined && a.priority
      ? priorities
        ? ` AND a.${ident(a.priority)} IN (${priorities.map(numberLiteral).join(', ')})`
        : ` AND a.${ident(a.priority)} = ${numberLiteral(op.priority)}`
      : '';
  const conditions = 'conditions' in op && op.conditions ? op.conditions : undefined;
  if (conditions && !a.condition) throw new Error('alarm plan by condition on a source without a condition column');
  const condition = conditions && a.condition ? `a.${ident(a.condition)} IN (${conditions.map(stringLiteral).join(', ')})` : undefined;
  const tags = `${plan.tags.length > 0 ? ` AND ${tagFilter(tag, plan.tags)}` : ''}${priority}`;
  // The activations kept: of the tags, priorities and conditions asked (a clear row is kept whatever its condition).
  const kept = `${tags}${condition ? ` AND ${condition}` : ''}`;
  const active = stringLiteral(a.activeValue);
  const state = stateFilter(op, a, tag, time, plan.window.to, storage);
  // The activation's clear (the first on the same tag at or after it) and its acknowledgement (paired in order).
  const next = (value: string, alias: string): string =>
    value === a.ackValue
      ? pairedAckSql(a, 'a', alias)
      : `(SELECT min(${alias}.${ident(a.time)}) FROM ${table} AS ${alias} WHERE ${alias}.${ident(a.tag)} = ${tag} AND ${alias}.${ident(a.eventType)} = ${stringLiteral(value)} AND ${alias}.${ident(a.time)} >= ${time})`;
  // Raised in the window; or, "active at some point" of it, standing at any moment of it: raised before its end and not
  // cleared before its start.
  const during = (op.kind === 'alarm-list' || op.kind === 'alarm-count') && op.during;
  const window = during
    ? `${time} < ${to} AND (${next(a.clearValue, 'o')} IS NULL OR ${next(a.clearValue, 'o')} > ${from})`
    : `${time} >= ${from} AND ${time} < ${to}`;
  const joinTags = `JOIN ${ident(t.table)} AS t ON t.${ident(t.id)} = ${tag}`;
  // "acked within 10 min": each alarm's own time to its acknowledgement (or clear) against the limit; never acked: out.
  const limited = 'durationLimit' in op && op.durationLimit ? op.durationLimit : undefined;
  const clearedFirst =
    (op.kind === 'alarm-list' || op.kind === 'alarm-count') && op.clearedFirst
      ? ` AND ${next(a.clearValue, 'r')} < ${next(a.ackValue, 'q')}`
      : '';
  const within =
    (limited
      ? ` AND ${secondsBetween(next(limited.to === 'ack' ? a.ackValue : a.clearValue, 'w'), time)} ${limited.comparator} ${numberLiteral(limited.minutes * 60)}`
      : '') + clearedFirst;
  if (op.kind === 'alarm-count')
    return `SELECT count(*) AS alarms FROM ${table} AS a WHERE ${type} = ${active} AND ${window}${kept}${state}${within}`;
  if (op.kind === 'alarm-list') {
    const durationTo = op.durationTo === 'ack' ? a.ackValue : a.clearValue;
    const byAck = op.clearedFirst || limited?.to === 'ack' || (op.byDuration && op.durations && op.durationTo === 'ack');
    const { divisor, unit } = timeUnitOf(op);
    const columns = [
      `${time} AS start_time`,
      `t.${ident(t.name)} AS tag`,
      ...(a.priority ? [`a.${ident(a.priority)} AS priority`] : []),
      ...(a.condition ? [`a.${ident(a.condition)} AS condition`] : []),
      ...(a.message ? [`a.${ident(a.message)} AS message`] : []),
      `${next(a.clearValue, 'c')} AS end_time`,
      `${next(a.ackValue, 'k')} AS ack_time`,
      ...(op.durations ? [`${secondsBetween(next(durationTo, 'd'), time)} / ${divisor} AS ${unit}`] : []),
      // Whether the alarm's acknowledgement is paired by assumption (its tag raised again before it came); and, where
      // the list keeps or ranks alarms by their acknowledgement, how many of the window's alarms are, listed or not.
      ...(op.unacknowledged || op.standing ? [] : [`${ackAmbiguousSql(a, 'a', 'm')} AS ack_ambiguous`]),
      ...(byAck
        ? [
            `(SELECT count(*) FROM ${table} AS a WHERE ${type} = ${active} AND ${window}${kept} AND ${ackAmbiguousSql(a, 'a', 'n')}) AS acks_ambiguous`,
          ]
        : []),
    ];
    const listed = `SELECT ${columns.join(', ')} FROM ${table} AS a ${joinTags} WHERE ${type} = ${active} AND ${window}${kept}${state}${within}`;
    // "which alarm cleared the quickest": ranked by the time, every alarm tied at the cut kept, as every ranking does.
    if (op.byDuration && op.durations)
      return keepTies({
        columns: columns.map(aliasOf),
        from: listed,
        key: unit,
        order: op.byDuration,
        limit: op.limit,
        then: 'start_time',
        alsoBy: ['tag'],
      });
    return `${listed} ORDER BY start_time${op.newest ? ' DESC' : ''}, tag LIMIT ${op.limit}`;
  }
  if (op.kind === 'alarm-ack-time') {
    // Each activation in the window against its acknowledgement. The mean holds whichever raise each acknowledgement
    // answers (the same acknowledgements, the same raises); the longest or shortest time may not: it says how many
    // acknowledgements are paired by assumption.
    const { fn, name } = statisticOf(op);
    const ambiguous = fn !== 'avg';
    const { divisor, unit } = timeUnitOf(op);
    return (
      `WITH acks AS (SELECT ${time} AS time, ${next(a.ackValue, 'k')} AS ack_time${ambiguous ? `, ${ackAmbiguousSql(a, 'a', 'm')} AS ack_ambiguous` : ''} FROM ${table} AS a WHERE ${type} = ${active} AND ${window}${kept}) ` +
      `SELECT ${fn}(${secondsBetween('ack_time', 'time')}) / ${divisor} AS ${name}_${unit}_to_ack, count(ack_time) AS alarms_acknowledged, ` +
      `count(*) - count(ack_time) AS alarms_not_acknowledged, ` +
      // One alarm in the window: its own time too, in minutes and hours (the statistic of one is that time).
      `${oneAlarm(secondsBetween('ack_time', 'time'))}${ambiguous ? ', sum(CASE WHEN ack_ambiguous THEN 1 ELSE 0 END) AS acks_ambiguous' : ''} FROM acks`
    );
  }
  if (op.kind === 'alarm-top') {
    const where = `WHERE ${type} = ${active} AND ${window}${kept}`;
    if (op.chatter) return chatterSql(op.chatter, op.limit, { alarms: a, tags: t, where, to });
    const fromAlarms = `FROM ${table} AS a`;
    const having = op.countLimit ? ` HAVING count(*) ${op.countLimit.comparator} ${numberLiteral(op.countLimit.count)}` : '';
    if (op.bucket) {
      const buckets = { bucket: op.bucket, from, to, timezone: plan.window.timezone, storage };
      const activations = { table, time, where: `${type} = ${active} AND ${window}${kept}` };
      if (op.countLimit) return bucketRepeatsSql(buckets, activations, { joinTags, name: `t.${ident(t.name)}`, having, limit: op.limit });
      return bucketCountsSql(buckets, activations);
    }
    // The values the question named ("hi vs lo", "prio 1 vs prio 4") are each answered, 0 where none came.
    const named = (label: string, column: string, values: readonly string[]): string =>
      `SELECT v.${label}, count(a.${ident(a.time)}) AS alarms FROM (VALUES ${values.map((v) => `(${v})`).join(', ')}) AS v(${label}) ` +
      `LEFT JOIN ${table} AS a ON ${column} = v.${label} AND ${type} = ${active} AND ${window}${kept} GROUP BY v.${label}${having} ORDER BY v.${label}`;
    if (op.by === 'condition' && a.condition) {
      const c = `a.${ident(a.condition)}`;
      if (!op.listed || op.countLimit) {
        if (conditions && conditions.length > 1 && !op.countLimit) return named('condition', c, conditions.map(stringLiteral));
        return `SELECT ${c} AS condition, count(*) AS alarms ${fromAlarms} ${where} GROUP BY ${c}${having} ORDER BY alarms DESC, condition LIMIT ${op.limit}`;
      }
      // Each condition listed, one without alarms counted 0; the most first, every tie at the cut kept.
      const listed = `(VALUES ${op.listed.map((name) => `(${stringLiteral(name)})`).join(', ')}) AS c (condition)`;
      const counted = `count(${time})`;
      return (
        `SELECT condition, alarms FROM (SELECT c.condition AS condition, ${counted} AS alarms, rank() OVER (ORDER BY ${counted} DESC) AS place ` +
        `FROM ${listed} LEFT JOIN ${table} AS a ON ${c} = c.condition AND ${type} = ${active} AND ${window}${kept} GROUP BY c.condition) AS ranked ` +
        `WHERE place <= ${op.limit} ORDER BY alarms DESC, condition`
      );
    }
    if (op.by === 'priority' && a.priority) {
      const p = `a.${ident(a.priority)}`;
      if (priorities && !op.countLimit) return named('priority', p, priorities.map(numberLiteral));
      return `SELECT ${p} AS priority, count(*) AS alarms ${fromAlarms} ${where} GROUP BY ${p}${having} ORDER BY priority LIMIT ${op.limit}`;
    }
    // The most first, every tie at the cut kept: "the most frequent alarm" of two with 3 each is both.
    const ranked = (key: string, label: string, join: string): string =>
      `SELECT ${label}, alarms FROM (SELECT ${key} AS ${label}, count(*) AS alarms, rank() OVER (ORDER BY count(*) DESC) AS place ` +
      `${fromAlarms} ${join} ${where} GROUP BY ${key}${having}) AS ranked WHERE place <= ${op.limit} ORDER BY alarms DESC, ${label}`;
    const assets = mapping.assets;
    if (op.by === 'site' && assets?.site && t.asset)
      return ranked(
        `s.${ident(assets.site)}`,
        'site',
        `${joinTags} JOIN ${ident(assets.table)} AS s ON s.${ident(assets.id)} = t.${ident(t.asset)}`,
      );
    return ranked(`t.${ident(t.name)}`, 'tag', joinTags);
  }
  // The time in alarm: each activation of the window to the first clear of its tag after it (wherever that falls).
  if ('statistic' in op && op.statistic === 'sum') {
    const spans = `SELECT ${time} AS start_time, ${next(a.clearValue, 'c')} AS end_time FROM ${table} AS a WHERE ${type} = ${active} AND ${window}${kept}`;
    const seconds = `sum(${secondsBetween('end_time', 'start_time')})`;
    return (
      `WITH spans AS (${spans}) SELECT ${seconds} / 3600.0 AS hours, ${seconds} / 60.0 AS minutes, count(end_time) AS alarms, ` +
      `count(*) - count(end_time) AS alarms_not_cleared, min(start_time) AS first_start, max(end_time) AS last_end FROM spans`
    );
  }
  // The time to clear pairs each activation with the next event of its tag in the window, when that is its clear.
  const { fn, name } = statisticOf(op);
  const { divisor, unit } = timeUnitOf(op);
  return (
    `WITH events AS (SELECT ${time} AS time, ${type} AS event_type, lead(${type}) OVER (PARTITION BY ${tag} ORDER BY ${time}) AS next_type, ` +
    `lead(${time}) OVER (PARTITION BY ${tag} ORDER BY ${time}) AS next_time FROM ${table} AS a ` +
    `WHERE ${type} IN (${active}, ${stringLiteral(a.clearValue)}) AND ${window}${tags}${condition ? ` AND (${type} <> ${active} OR ${condition})` : ''}) ` +
    `SELECT ${fn}(${secondsBetween('next_time', 'time')}) / ${divisor} AS ${name}_${unit}_to_clear, count(*) AS alarms_cleared, ` +
    `${oneAlarm(secondsBetween('next_time', 'time'))} ` +
    `FROM events WHERE event_type = ${active} AND next_type = ${stringLiteral(a.clearValue)}`
  );
}

/**
 * The tags that chattered: each activation in the window with the activations of its tag from it to `minutes` later
 * (before the window's end), the tags whose most reach `count`; with all their activations in the window.
 */
function chatterSql(
  rule: AlarmChatter,
  limit: number,
  q: { alarms: AlarmMapping; tags: HistorianMapping['tags']; where: string; to: string },
): string {
  const [a, t] = [q.alarms, q.tags];
  const col = (alias: string, name: string): string => `${alias}.${ident(name)}`;
  const within =
    `(SELECT count(*) FROM ${ident(a.table)} AS b WHERE ${col('b', a.tag)} = ${col('a', a.tag)} AND ${col('b', a.eventType)} = ${stringLiteral(a.activeValue)} ` +
    `AND ${col('b', a.time)} >= ${col('a', a.time)} AND ${col('b', a.time)} < ${q.to} AND ${secondsBetween(col('b', a.time), col('a', a.time))} <= ${numberLiteral(rule.minutes * 60)})`;
  return (
    `WITH bursts AS (SELECT ${col('a', a.tag)} AS tag_id, ${within} AS within_count FROM ${ident(a.table)} AS a ${q.where}) ` +
    `SELECT ${col('t', t.name)} AS tag, count(*) AS alarms, max(bursts.within_count) AS most_within_${rule.minutes}_min FROM bursts ` +
    `JOIN ${ident(t.table)} AS t ON ${col('t', t.id)} = bursts.tag_id GROUP BY ${col('t', t.name)} HAVING max(bursts.within_count) >= ${numberLiteral(rule.count)} ` +
    `ORDER BY alarms DESC, tag LIMIT ${limit}`
  );
}
