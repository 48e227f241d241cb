// Requests to act on the plant (reset, acknowledge, start, stop, open, close, set): otq only reads, so they get a refusal.

/** What a control request asked for: the verb and the rest (the equipment and any value). */
export interface ControlRequest {
  verb: string;
  object: string;
}

const POLITE = String.raw`(?:(?:can|could|would|will)\s+(?:you|u|otq|someone|somebody|anyone|anybody|one of you)\s+(?:please\s+)?|please\s+|pls\s+|plz\s+|kindly\s+|(?:i|we)\s+(?:want|need|would like)\s+(?:you\s+)?to\s+|go ahead and\s+|let's\s+|lets\s+)*`;
const VERBS = String.raw`reset|acknowledge|ack|start\s+up|start|restart|stop|shut\s*down|trip|open|close|shut|set|change|adjust|increase|decrease|raise|lower|switch\s+(?:on|off)|turn\s+(?:on|off)|enable|disable|isolate|override|silence|put`;
/** A command starts with the verb (after politeness); "when did P2 start" and "starts of P01" are questions. */
const CONTROL_RE = new RegExp(String.raw`^${POLITE}(${VERBS})\b(?!\s+(?:in|of|over|between|from)\b)(.*)$`);
/** The verb's particle after the object: "switch P2 off", "turn the dosing pump on". */
const PARTICLE_RE = new RegExp(String.raw`^${POLITE}(switch|turn|shut)\s+(.+?)\s+(on|off|down)\s*[.!?]*$`);
/** A wish for a state: "I need P3 started", "get the alarm on T1 reset", "we want PRV2 closed". */
const WISH_RE = new RegExp(
  String.raw`^(?:${POLITE})(?:(?:i|we)\s+(?:need|want|would like)\s+|(?:please\s+|pls\s+)?(?:get|have)\s+)(.+?)\s+(started|stopped|restarted|reset|opened|closed|shut|switched\s+(?:on|off)|turned\s+(?:on|off)|acknowledged|acked|isolated|silenced|set\s+to\b.*)\s*(?:now|asap|please|pls)?\s*[.!?]*$`,
);
const BASE_VERB: Record<string, string> = {
  started: 'start',
  stopped: 'stop',
  restarted: 'restart',
  opened: 'open',
  closed: 'close',
  acked: 'ack',
  acknowledged: 'acknowledge',
  isolated: 'isolate',
  silenced: 'silence',
};

/** Verbs that are also nouns or adjectives at the start of a question ("open alarms", "set point of"). */
const NOT_A_COMMAND_RE = /^(?:open|set|change|start|stop|close)\s+(?:alarms?|alerts?|points?|time|times|count|history|events?)\b/;

/**
 * Reads a question as a request to change the plant, or returns null. The text is the planner's normal form
 * (lower case). Only the imperative counts: the verb opens the sentence, after words of politeness.
 */
export function readControlRequest(text: string): ControlRequest | null {
  const trimmed = text.trim().replace(/^(?:hey|hi|hello|ok|okay|so)[,\s]+/, '');
  if (NOT_A_COMMAND_RE.test(trimmed.replace(new RegExp(`^${POLITE}`), ''))) return null;
  const particle = PARTICLE_RE.exec(trimmed);
  if (particle) return { verb: `${particle[1] ?? ''} ${particle[3] ?? ''}`, object: (particle[2] ?? '').trim() };
  const wish = WISH_RE.exec(trimmed);
  if (wish) {
    const state = (wish[2] ?? '').replace(/\s+/g, ' ');
    const verb = BASE_VERB[state] ?? state.replace(/^(switch|turn)ed\b/, '$1').replace(/^set to\b.*/, 'set');
    return { verb, object: `${(wish[1] ?? '').trim()}${state.startsWith('set to') ? ` ${state.slice(4)}` : ''}` };
  }
  const match = CONTROL_RE.exec(trimmed);
  if (!match) return null;
  const object = (match[2] ?? '').trim();
  // A bare verb ("stop", "reset") with nothing to act on is not a request about the plant.
  if (object === '' && !/^(?:ack|acknowledge|reset)$/.test(match[1] ?? '')) return null;
  return { verb: (match[1] ?? '').replace(/\s+/g, ' '), object };
}

/** The rule id recorded for a refused control request. */
export const READ_ONLY_RULE = 'read-only';

/** The refusal: otq reads plant data and has no path to change it. */
export function controlRefusal(request: ControlRequest): string {
  const what = request.object ? `${request.verb} ${request.object}` : request.verb;
  return `otq only reads data; it cannot change the plant. "${what}" has to be done in the control system (SCADA/HMI) by someone authorised to operate it.`;
}
