// How an answer names a night of the night-flow hours: the evening it begins and the morning its hours fall on, so "the
// night of 3 October" (which begins on the evening of the 3rd) is never mistaken for the early hours of the 3rd.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const dayText = (date: Date): string => `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;

/**
 * "the night of 3–4 Oct 2026 (its hours from 2026-10-04 02:00, 02:00–04:00)" for night hours that start at `start`
 * ("YYYY-MM-DD HH:MM", plant time). Hours after midnight (`fromHour` before noon) belong to the night that began the
 * evening before.
 */
export function nightOf(start: string, fromHour: number, hours: string): string {
  const [year, month, date] = start.slice(0, 10).split('-').map(Number);
  const first = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1));
  const evening = fromHour < 12 ? new Date(first.getTime() - 86_400_000) : first;
  const morning = new Date(evening.getTime() + 86_400_000);
  const span =
    evening.getUTCMonth() === morning.getUTCMonth()
      ? `${evening.getUTCDate()}–${dayText(morning)}`
      : `${dayText(evening)} – ${dayText(morning)}`;
  return `the night of ${span} (its hours from ${start}, ${hours})`;
}
