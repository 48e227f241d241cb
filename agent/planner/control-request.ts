// Requests to act on the plant (reset, acknowledge, start, stop, open, close, set, shelve, bump, ...): otq only reads, so they get a refusal.
import type { ControlWords } from './control-words.ts';

/** What a control request asked for: the verb and the rest (the equipment and any value). */
export interface ControlRequest {
  verb: string;
  object: string;
}

/**
 * A time in the past or a span up to now: a question about what happened ("trip p2 ps3 29th", "change t1 lvl last wk"),
 * never an order. A weekday alone may be a plan ("start P2 on monday"), so it is not one of them.
 */
const PAST_RE = new RegExp(
  String.raw`\b(?:yesterday|yday|yest|ytd|mtd|wtd|ago|earlier|previously|so far|since|` +
    String.raw`(?:last|past|previous|prev)\s+(?:night|nite|evening|morning|afternoon|hour|hr|day|week|wk|weekend|month|mth|year|yr|shift|time|few|couple|\d+)|` +
    String.raw`this\s+(?:morning|week|wk|month|mth|year|yr)|o/n|overnight|\d{1,2}(?:st|nd|rd|th)|` +
    String.raw`(?:jan|january|feb|february|mar|march|apr|april|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\d{4}-\d{1,2}-\d{1,2})\b`,
);
/** Words of a question: a wish or an object-first line with one asks, it does not order ("I need to know when P3 started"). */
const QUESTION_RE = /\b(?:when|what|how|why|which|whether|who|where|did|does|do|was|were|is|are|has|had|have|been|if|know|see|tell|show)\b/;
/** "I need P3 started", "we want PRV2 closed": a wish for a state. */
const WISH_RE = /^(?:(?:i|we)\s+(?:need|want|would like|'d like|d like|wanna)|(?:get|have))\s+(.+)$/;
/** "P2 needs restarting", "the alarm on T1 needs to be reset", "CL01 has to be stopped". */
const NEEDS_RE = /^(.+?)\s+(?:needs|need|has to|have to|must|should)\s+(?:to\s+)?(?:be\s+|get\s+)?(.+)$/;

/**
 * Reads a question as a request to change the plant, or returns null. Only orders count: the action opens the text after
 * words of politeness ("could you pls shelve the T1 alarm"), closes it before an urgent word ("P2 stop pls"), or is the
 * state wished for ("we need the PRV02 setpoint lowered to 3 bar"). A question about the past is no order. `asked` is the
 * text as the user wrote it, whose closing "?" a normalized form loses ("all 3 bps3 pumps ever on at once?" asks).
 */
export function readControlRequest(question: string, words: ControlWords, asked = question): ControlRequest | null {
  const text = lightForm(question);
  const isQuestion = /\?\s*$/.test(asked);
  if (PAST_RE.test(text)) return null;
  const { text: rest, gerund } = words.stripPolite(text);
  // "would you mind stopping the dosing pump": the gerund after "mind" is the action.
  const first = rest.split(' ')[0] ?? '';
  const opened = gerund ? rest.replace(first, words.actionOfForm(first) ?? first) : rest;
  const leading = words.leadingAction(opened);
  if (leading) return leading.object !== '' || words.isAlone(leading.verb) ? leading : null;
  if (isQuestion || QUESTION_RE.test(rest)) return null;
  const trailing = words.trailingAction(rest);
  if (trailing && trailing.object !== '') return trailing;
  return wishedState(rest, words);
}

/** "we need the PRV02 setpoint lowered to 3 bar": the object before the participle, the value after it. */
function wishedState(text: string, words: ControlWords): ControlRequest | null {
  const wish = WISH_RE.exec(text);
  const needs = wish ? null : NEEDS_RE.exec(text);
  const tail = wish?.[1] ?? (needs ? `${needs[1] ?? ''} ${needs[2] ?? ''}` : null);
  if (!tail || /^to\b/.test(tail)) return null;
  const tokens = tail.split(' ');
  for (let i = 1; i < tokens.length; i++) {
    const verb = words.actionOfForm(tokens[i] ?? '');
    if (verb) return { verb, object: words.stripUrgent([...tokens.slice(0, i), ...tokens.slice(i + 1)].join(' ')) };
  }
  return null;
}

/** Lower case, one kind of apostrophe, no commas or closing punctuation except "!" (an urgent word), single spaces. */
function lightForm(question: string): string {
  return question
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/([^\s!])!/g, '$1 !')
    .replace(/[,;]\s*/g, ' ')
    .replace(/[.?]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rule id recorded for a refused control request. */
export const READ_ONLY_RULE = 'read-only';

/** The refusal: otq reads plant data and has no path to change it. */
export function controlRefusal(request: ControlRequest): string {
  const what = request.object ? `${request.verb} ${request.object}` : request.verb;
  return `otq only reads data; it cannot change the plant. "${what}" has to be done in the control system (SCADA/HMI) by someone authorised to operate it.`;
}
