// The alarm journal: active/clear rows from limit crossings (with their condition, HIGH or LOW), and operator
// acknowledgements after a realistic delay.
import type { AlarmTransition } from './historian-compress.ts';
import type { AlarmEventRow } from './dataset-types.ts';
import type { TagSpec } from './plant-catalog.ts';
import { createRng } from './rng.ts';

const MIN_MS = 60_000;
/** Acknowledgement delay range (minutes) by priority 1..4: critical alarms are acknowledged fastest. */
const ACK_DELAY_MIN: Record<number, [number, number]> = { 1: [1, 6], 2: [2, 15], 3: [4, 45], 4: [10, 120] };

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

/** Builds alarm_events rows (ordered by time, then tag) from each tag's limit crossings. */
export function buildAlarmJournal(
  tags: readonly TagSpec[],
  transitions: readonly (readonly AlarmTransition[])[],
  startMs: number,
  endMs: number,
  seed: number,
): AlarmEventRow[] {
  const rng = createRng(seed, 'alarm-ack');
  const rows: Omit<AlarmEventRow, 'eventId'>[] = [];
  tags.forEach((tag, index) => {
    for (const t of transitions[index] ?? []) {
      const tsMs = startMs + t.minute * MIN_MS;
      const unit = tag.unit === '' ? '' : ` ${tag.unit}`;
      const condition = t.side === 'high' ? 'HIGH' : 'LOW';
      if (t.type === 'active') {
        const cmp = t.side === 'high' ? '>' : '<';
        rows.push({
          tagId: tag.tagId,
          tsMs,
          eventType: 'active',
          priority: tag.priority,
          condition,
          message: `${tag.tagPath} ${condition}: ${format(t.value)}${unit} ${cmp} limit ${format(t.limit)}${unit}`,
        });
        const [lo, hi] = ACK_DELAY_MIN[tag.priority] ?? [5, 60];
        const ackMs = tsMs + rng.int(lo, hi) * MIN_MS + rng.int(0, 59) * 1000;
        if (ackMs < endMs)
          rows.push({
            tagId: tag.tagId,
            tsMs: ackMs,
            eventType: 'ack',
            priority: tag.priority,
            condition,
            message: `${tag.tagPath} ${condition} acknowledged`,
          });
      } else {
        rows.push({
          tagId: tag.tagId,
          tsMs,
          eventType: 'clear',
          priority: tag.priority,
          condition,
          message: `${tag.tagPath} ${condition} cleared: ${format(t.value)}${unit}`,
        });
      }
    }
  });
  const order = { active: 0, clear: 1, ack: 2 } as const;
  rows.sort((a, b) => a.tsMs - b.tsMs || a.tagId - b.tagId || order[a.eventType] - order[b.eventType]);
  return rows.map((row, i) => ({ eventId: i + 1, ...row }));
}
