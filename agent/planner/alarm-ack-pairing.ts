// Which acknowledgement belongs to which activation. The journal writes one acknowledgement per activation, naming the
// tag and condition but not the activation; when a tag chatters (raised again before the operator acknowledged), the
// acknowledgements of one tag and condition are taken in order: the k-th belongs to the k-th activation. The first
// acknowledgement at or after an activation would be counted for every activation still waiting, and a later one for
// none.
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import { ident, stringLiteral } from './sql-dialect.ts';

type AlarmMapping = NonNullable<HistorianMapping['alarms']>;

/**
 * The time of the acknowledgement of the activation row `row` (an alias of the alarms table) as a scalar subquery: the
 * first acknowledgement of its tag (and condition, when mapped) at or after it with at least as many acknowledgements
 * of the tag before it as there were activations of the tag before this one. With one acknowledgement per activation
 * that is the k-th for the k-th; acknowledgements without an activation before them (a journal cut at its start) only
 * let it fall back to the first at or after it. `alias` names the subquery's own rows.
 */
export function pairedAckSql(a: AlarmMapping, row: string, alias: string): string {
  const col = (table: string, name: string): string => `${table}.${ident(name)}`;
  const same = (other: string): string =>
    `${col(other, a.tag)} = ${col(row, a.tag)}${a.condition ? ` AND ${col(other, a.condition)} = ${col(row, a.condition)}` : ''}`;
  const of = (other: string, value: string): string =>
    `FROM ${ident(a.table)} AS ${other} WHERE ${same(other)} AND ${col(other, a.eventType)} = ${stringLiteral(value)}`;
  const [k, before, earlier] = [alias, `${alias}b`, `${alias}e`];
  const acksBefore = `(SELECT count(*) ${of(before, a.ackValue)} AND ${col(before, a.time)} < ${col(k, a.time)})`;
  const activationsBefore = `(SELECT count(*) ${of(earlier, a.activeValue)} AND ${col(earlier, a.time)} < ${col(row, a.time)})`;
  return `(SELECT min(${col(k, a.time)}) ${of(k, a.ackValue)} AND ${col(k, a.time)} >= ${col(row, a.time)} AND ${acksBefore} >= ${activationsBefore})`;
}

/**
 * Whether the acknowledgement paired with activation `row` is an assumption (a boolean): its tag (and condition) was
 * raised again after it before that acknowledgement came, or it was raised while an earlier activation of the tag still
 * waited for an acknowledgement that came later. The journal does not record which raise an acknowledgement answers:
 * with two raises waiting, the operator may have acknowledged the later first, which the pairing in order cannot tell.
 * A tag without a later acknowledgement is not ambiguous (nothing to pair). `alias` prefixes the subqueries' rows.
 */
export function ackAmbiguousSql(a: AlarmMapping, row: string, alias: string): string {
  const col = (table: string, name: string): string => `${table}.${ident(name)}`;
  const same = (other: string): string =>
    `${col(other, a.tag)} = ${col(row, a.tag)}${a.condition ? ` AND ${col(other, a.condition)} = ${col(row, a.condition)}` : ''}`;
  const of = (other: string, value: string): string =>
    `FROM ${ident(a.table)} AS ${other} WHERE ${same(other)} AND ${col(other, a.eventType)} = ${stringLiteral(value)}`;
  const [again, acks, raises, later] = [`${alias}r`, `${alias}a`, `${alias}p`, `${alias}l`];
  const raisedAgain = `EXISTS (SELECT 1 ${of(again, a.activeValue)} AND ${col(again, a.time)} > ${col(row, a.time)} AND ${col(again, a.time)} < ${pairedAckSql(a, row, `${alias}k`)})`;
  const count = (other: string, value: string): string =>
    `(SELECT count(*) ${of(other, value)} AND ${col(other, a.time)} < ${col(row, a.time)})`;
  const waiting =
    `${count(acks, a.ackValue)} < ${count(raises, a.activeValue)} AND ` +
    `EXISTS (SELECT 1 ${of(later, a.ackValue)} AND ${col(later, a.time)} >= ${col(row, a.time)})`;
  return `(${raisedAgain} OR (${waiting}))`;
}
