// The times of every start and stop of status tags ("at what times did the hl pumps start and stop", "list the starts of
// bps02 p2", "cl01 stop/restart times"): each event a row, never the counts in their place.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Plan } from './plan.ts';
import { segmentCtes, type SignalScope } from './signal-sql.ts';
import { timeLiteral } from './sql-dialect.ts';
import { duringWindow } from './time-window.ts';
import { formatInstantText } from './zoned-time.ts';

export type StateEvent = 'start' | 'stop';

const START_RE = /\b(?:start(?:ed|s)?|restart(?:ed|s)?|came on|come on|switch(?:ed)? on|turn(?:ed)? on|kick(?:ed)? in|cut in)\b/g;
const STOP_RE = /\b(?:stop(?:ped|s)?|trip(?:ped|s)?|went off|switch(?:ed)? off|turn(?:ed)? off|shut (?:down|off))\b/g;
const EVENT_NOUN = String.raw`(?:start|stop|restart|trip)s?`;
/**
 * What asks for every event's time: "what times" / "which times" (plural), "list (all / every) starts", "start/stop
 * times", "start and stop times", or "when did ... start and stop" (both kinds: more than one moment).
 */
const LIST_RE = new RegExp(
  String.raw`\b(?:at\s+)?(?:what|which)\s+times\b|` +
    String.raw`\b(?:list|show(?:\s+me)?|give(?:\s+me)?|all|every|each)\s+(?:(?:of\s+)?(?:the\s+)?)(?=${EVENT_NOUN}\b)|` +
    String.raw`\b${EVENT_NOUN}(?:\s*(?:\/|and|&|\+|n)\s*${EVENT_NOUN})?\s+times\b|` +
    String.raw`\b(?:wh?en|what time)\b(?=.*\b(?:start(?:ed)?|restart(?:ed)?)\s*(?:and|&|\/|n|\+)\s*(?:stop(?:ped)?|trip(?:ped)?)\b|.*\b(?:stop(?:ped)?|trip(?:ped)?)\s*(?:and|&|\/|n|\+)\s*(?:start(?:ed)?|restart(?:ed)?)\b)`,
);

/** The events asked and the question with their words blanked; null when the question asks no list of event times. */
export function readStateEvents(text: string): { events: StateEvent[]; words: string; text: string } | null {
  const list = LIST_RE.exec(text);
  if (!list) return null;
  const starts = [...text.matchAll(START_RE)];
  const stops = [...text.matchAll(STOP_RE)];
  if (starts.length === 0 && stops.length === 0) return null;
  const events: StateEvent[] = [...(starts.length > 0 ? ['start' as const] : []), ...(stops.length > 0 ? ['stop' as const] : [])];
  let rest = text.slice(0, list.index) + ' '.repeat(list[0].length) + text.slice(list.index + list[0].length);
  rest = rest.replace(START_RE, (w) => ' '.repeat(w.length)).replace(STOP_RE, (w) => ' '.repeat(w.length));
  // "stop/restart times": the times word and the joiners left between the event words.
  rest = rest.replace(/\btimes\b/g, '     ').replace(/(?<=\s)(?:\/|&|\+)(?=\s)/g, ' ');
  return { events, words: list[0].trim() || events.join(' and '), text: rest };
}

type StateEvents = Extract<Plan['operation'], { kind: 'state-events' }>;

/**
 * Each start (a good running piece beginning inside the window after a good piece that was not running) and each stop
 * (the reverse) of the plan's status tags, oldest first: the same start as the run-hours' count (compile-plan.ts). With
 * `count`, how many per tag (`start_count`, `stop_count`), 0 for a tag with good data and none.
 */
export function compileStateEvents(plan: Plan, op: StateEvents, scope: SignalScope): string {
  const from = timeLiteral(plan.window.from, scope.storage);
  const condition = (e: StateEvent): string => (e === 'start' ? '(v >= 0.5 AND pv < 0.5)' : '(v < 0.5 AND pv >= 0.5)');
  const runs = `WITH ${segmentCtes(scope)}, runs AS (SELECT tag, t, v, lag(v) OVER (PARTITION BY tag ORDER BY t0) AS pv FROM seg WHERE good) `;
  if (op.count)
    return `${runs}SELECT tag, ${op.events.map((e) => `count(*) FILTER (WHERE t >= ${from} AND ${condition(e)}) AS ${e}_count`).join(', ')} FROM runs GROUP BY tag ORDER BY tag`;
  return (
    `${runs}SELECT tag, CASE WHEN v >= 0.5 THEN 'start' ELSE 'stop' END AS event, t AS time FROM runs ` +
    `WHERE t >= ${from} AND (${op.events.map(condition).join(' OR ')}) ORDER BY t, tag`
  );
}

/** Events the sentence names one by one (the table holds them all). */
const EVENTS_SHOWN = 12;

const when = (cell: Cell | undefined, timezone: string): string => formatInstantText(String(cell ?? ''), timezone);

/** "4 events of WTP01/P02/Running and WTP01/P03/Running on 14 October 2026 (...): WTP01/P03/Running stopped at ...". */
export function stateEventsSentence(plan: Plan, op: StateEvents, result: QueryResult, period: string): string {
  const { events } = op;
  const tz = plan.window.timezone;
  const names = plan.tags.map((t) => t.name).join(', ');
  const asked = events.map((e) => `${e}s`).join(' or ');
  const col = (name: string): number => result.columns.findIndex((c) => c.name === name);
  if (op.count) return countSentence(plan, events, result, period);
  const [tag, event, time] = [col('tag'), col('event'), col('time')];
  if (result.rows.length === 0) return `${names}: no ${asked} ${duringWindow(period)} (a state carried in from before the window is none).`;
  const one = plan.tags.length === 1;
  const shown = result.rows
    .slice(0, EVENTS_SHOWN)
    .map((r) => `${one ? '' : `${String(r[tag])} `}${r[event] === 'start' ? 'started' : 'stopped'} at ${when(r[time], tz)}`);
  const more = result.rows.length > EVENTS_SHOWN ? `; ${result.rows.length - EVENTS_SHOWN} more in the table` : '';
  const count = (e: StateEvent): string => {
    const n = result.rows.filter((r) => r[event] === e).length;
    return `${n} ${e}${n === 1 ? '' : 's'}`;
  };
  return `${events.map(count).join(' and ')} of ${names} ${duringWindow(period)}: ${shown.join('; ')}${more}.`;
}

const PAST: Record<StateEvent, string> = { start: 'started', stop: 'stopped' };

/** "BPS03/P02/Running stopped 1 time last week (...)", or per tag "WTP01/P01/Running 0 stops; WTP01/P02/Running 1 stop". */
function countSentence(plan: Plan, events: readonly StateEvent[], result: QueryResult, period: string): string {
  const tagCol = result.columns.findIndex((c) => c.name === 'tag');
  const counts = (row: readonly Cell[]): { e: StateEvent; n: number }[] =>
    events.map((e) => ({ e, n: Number(row[result.columns.findIndex((c) => c.name === `${e}_count`)] ?? 0) }));
  const times = (n: number): string => `${n} time${n === 1 ? '' : 's'}`;
  const noun = (e: StateEvent, n: number): string => `${n} ${e}${n === 1 ? '' : 's'}`;
  const names = plan.tags.map((t) => t.name).join(', ');
  if (result.rows.length === 0)
    return `${names}: no good running status ${duringWindow(period)}, so no ${events.join(' or ')} could be counted.`;
  const stopNote = events.includes('stop')
    ? ' A stop is the running feedback going from 1 to 0; it says nothing of why (no tag records a trip).'
    : '';
  if (result.rows.length === 1) {
    const row = result.rows[0]!;
    const said = counts(row).map(({ e, n }) => `${PAST[e]} ${times(n)}`);
    return `${String(row[tagCol])} ${said.join(' and ')} ${duringWindow(period)}.${stopNote}`;
  }
  const each = result.rows.map(
    (row) =>
      `${String(row[tagCol])} ${counts(row)
        .map(({ e, n }) => noun(e, n))
        .join(', ')}`,
  );
  return `${sentenceCaseOf(events.map((e) => `${e}s`).join(' and '))} per tag ${duringWindow(period)}: ${each.join('; ')}.${stopNote}`;
}

const sentenceCaseOf = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
