// Cell text for people, from the server's display hints (ui/display-format.ts): instants in plant time with the offset,
// numbers rounded to their unit's resolution. The CSV download keeps full precision.

const formatters = new Map();

function formatter(timezone) {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** "2026-10-29 01:00 +01:00" (seconds only when asked for). */
export function plantTime(ms, timezone, seconds = false) {
  const parts = Object.fromEntries(
    formatter(timezone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  const time = `${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time} ${offset}`;
}

/** A number with a fixed count of decimals and no "-0". */
export function rounded(value, decimals) {
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Display text of one cell; `display` is the column's hint ({kind: instant | wall-clock | number | text}). */
export function formatCell(value, display, timezone) {
  if (value === null || value === undefined) return '—';
  const kind = display?.kind;
  if ((kind === 'instant' || kind === 'wall-clock') && typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return value;
    return kind === 'instant' ? plantTime(ms, timezone, display.seconds) : plantTime(ms, 'UTC', display.seconds).replace(/ \+00:00$/, '');
  }
  if (typeof value === 'number')
    return kind === 'number' ? rounded(value, display.decimals) : rounded(value, Number.isInteger(value) ? 0 : 3);
  return String(value);
}
