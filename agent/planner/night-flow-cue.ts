// The night-flow shape of a question: "MNF dma2 last night", "lowest overnight demand", "which night had the highest
// night flow", "vs the night before" (choose-night-flow.ts plans it).
import type { Bucket } from './plan.ts';
import type { ShapeCue } from './shape-cues.ts';
import { blank as blankAt } from './window-parts.ts';

const NIGHT_FLOW_RE = /\b(?:(?:minimum|min|lowest)\s+)?night(?:ly)?[\s-]?(?:time\s+)?flows?\b|\bleakage indicator\b/;
/** Words around a night flow that ask nothing more of it: the leak it indicates, the nights it is given for. */
const NIGHT_FRAME_RE =
  /\bleak(?:age|s)?(?:\s+(?:check|checks|indicator|test|estimate|level))?\b|\b(?:each|every|per)\s+night\b|\bnightly\b/g;
/** A night flow compared with the period before: "vs the night before", "than the day before", "vs wk before". */
const NIGHT_BEFORE_RE =
  /\b(?:vs\.?|versus|compared? (?:to|with)|than|against|and|with|to)\s+(?:that\s+of\s+|the\s+one\s+)?(?:the\s+)?(?:(night|nite|day|week|wk|month) before(?!\s+(?:last|yesterday))|(?:previous|prior|preceding) (night|nite|day|week|wk|month))\b/;
const BEFORE_PERIOD: Record<string, Bucket> = { night: 'day', nite: 'day', day: 'day', week: 'week', wk: 'week', month: 'month' };
const WHICH_NIGHT_RE =
  /\b(?:which|what)\s+night\b|\bnight\s+(?:with|had|has|of)(?=\s+(?:the\s+)?(?:highest|lowest|most|least|max|min|maximum|minimum|biggest|smallest))/;
/** A night flow ranked from the top: "highest", "most", not the "minimum" of "minimum night flow". */
const HIGH_WORDS = /\b(?:highest|most|biggest|largest|max|maximum|peak|worst)\b/;
const NIGHT_MIN_RE = /\b(?:min|minimum|lowest|least)\b/;
const NIGHT_FLOW_WORD_RE = /\b(?:flows?|inflows?|demand|consumption|usage|draw)\b/;
/** A night word that is not a window: "at night", "during the night", "nighttime", "overnight" (not "last night"). */
const NIGHT_WORD_RE = /\b(?:(?:at|by|during|over|through)\s+(?:the\s+)?night|night[\s-]?time|nightly|overnight)\b/;

const blank = (text: string, match: RegExpExecArray): string => blankAt(text, match.index, match[0].length);

/** The night-flow cue and the text with its words blanked, or null when the question asks no night flow. */
export function readNightFlowCue(text: string): { cue: ShapeCue; text: string } | null {
  // "minimum flow into DMA02 at night", "lowest overnight demand": the minimum of a flow over the night hours is the
  // night flow. A night that is the window ("last night", "3 nights") stays for the time words.
  const loose = NIGHT_MIN_RE.test(text) && NIGHT_FLOW_WORD_RE.test(text) ? NIGHT_WORD_RE.exec(text) : null;
  if (loose && !NIGHT_FLOW_RE.test(text)) return { cue: { kind: 'night-flow', words: loose[0] }, text: blank(text, loose) };
  const night = NIGHT_FLOW_RE.exec(text);
  if (night) {
    // "MNF last night vs the night before": the same nights one period earlier.
    const beforeMatch = NIGHT_BEFORE_RE.exec(text);
    if (beforeMatch) text = blank(text, beforeMatch);
    const before = beforeMatch ? BEFORE_PERIOD[beforeMatch[1] ?? beforeMatch[2] ?? 'day'] : undefined;
    // "which night had the lowest night flow", "the night with the highest MNF": the nights ranked by their night flow.
    const which = WHICH_NIGHT_RE.exec(text);
    if (which) text = blank(text, which);
    // The flow stays a word of the question: it names the tags ("night flow into DMA04" is DMA04's inlet flow).
    let seen = false;
    const rest = text.replace(new RegExp(NIGHT_FLOW_RE.source, 'g'), (found) => {
      const keep = seen ? ' '.repeat(found.length) : ' flow ';
      seen = true;
      return keep;
    });
    const order = which ? (HIGH_WORDS.test(text.replace(NIGHT_FLOW_RE, ' ')) ? 'desc' : 'asc') : undefined;
    // "leak check", "leakage": what the night flow is read for; "each night", "nightly": the per-night values it gives.
    const framed = rest.replace(NIGHT_FRAME_RE, (w) => ' '.repeat(w.length));
    return { cue: { kind: 'night-flow', words: night[0], ...(order ? { order } : {}), ...(before ? { before } : {}) }, text: framed };
  }
  return null;
}
