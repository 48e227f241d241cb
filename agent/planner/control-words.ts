// Compiles the thesaurus's control words (politeness, plant actions, nouns, urgent words) into the matchers that read a control request.
import { lemmaCandidates } from './lemmatize.ts';
import type { ControlVocabulary } from './vocabulary.ts';

/** An action found in a text: how it is written (the object's place as "…") and the words left for its object. */
export interface ActionMatch {
  verb: string;
  object: string;
}

/** The matchers built once per vocabulary (buildControlWords). */
export interface ControlWords {
  /** The text without its leading words of politeness; `gerund` when the last was "mind" ("would you mind stopping"). */
  stripPolite(text: string): { text: string; gerund: boolean };
  /** The action that opens the text, or null; a noun use ("start time", "open alarms") is no action. */
  leadingAction(text: string): ActionMatch | null;
  /** "P2 stop pls": the action that closes the text before at least one urgent word, and the words before it. */
  trailingAction(text: string): ActionMatch | null;
  /** The action a word names as a past participle or gerund ("started", "lowered", "shut", "restarting"), else undefined. */
  actionOfForm(word: string): string | undefined;
  /** Whether an action is a command with nothing after it ("ack"). */
  isAlone(action: string): boolean;
  /** Removes urgent words at the end ("now pls"). */
  stripUrgent(text: string): string;
}

/** Particles of two-word verbs that may stand after the object: "start P2 up", "switch the pump off". */
const PARTICLES = new Set(['up', 'down', 'on', 'off', 'in', 'out', 'over', 'back', 'open']);
/** Verbs whose past participle is the base form ("I need P3 set to 4 bar", "get the alarm reset"). */
const SAME_FORM = new Set(['set', 'reset', 'shut', 'put', 'cut']);
/** The longest object read between a verb and its particle ("turn the BPS03 dosing pump P2 off"). */
const MAX_SPLIT_WORDS = 6;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/** Builds the matchers from the control section of the vocabulary (every list longest first). */
export function buildControlWords(vocabulary: ControlVocabulary): ControlWords {
  const polite = vocabulary.polite.map((p) => ({ re: new RegExp(`^${escape(p)}(?:\\s+|$)`), gerund: /\bmind$/.test(p) }));
  const firstWords = new Set(vocabulary.actions.map((a) => a.split(' ')[0] ?? a));
  // A noun phrase that opens with an action word ("open alarms", "set point") holds for that action only, at the start.
  const leadingNouns = vocabulary.nouns.filter((n) => n.includes(' ') && firstWords.has(n.split(' ')[0] ?? ''));
  const objectNouns = vocabulary.nouns.filter((n) => !leadingNouns.includes(n));
  const nounStart = new RegExp(`^(?:${leadingNouns.map(escape).join('|') || '(?!)'})\\b`);
  const nounObject = new RegExp(`^(?:${objectNouns.map(escape).join('|') || '(?!)'})\\b`);
  const urgentAlt = vocabulary.urgent.map((u) => (/^\W+$/.test(u) ? escape(u) : `${escape(u)}\\b`)).join('|') || '(?!)';
  const urgentEnd = new RegExp(`(?:\\s*(?:${urgentAlt}))+\\s*$`);
  const patterns = vocabulary.actions.flatMap((action) => actionPatterns(action));
  const plainActions = vocabulary.actions.filter((a) => !a.includes('*'));
  const trailing = new RegExp(`^(.+?)\\s+(${plainActions.map(escape).join('|') || '(?!)'}|on|off)((?:\\s*(?:${urgentAlt}))+)\\s*$`);

  const stripUrgent = (text: string): string => text.replace(urgentEnd, '').trim();
  return {
    stripPolite(text) {
      let rest = text.trim();
      let gerund = false;
      for (let changed = true; changed;) {
        changed = false;
        for (const p of polite) {
          const m = p.re.exec(rest);
          if (m) {
            rest = rest.slice(m[0].length).replace(/^[,:]\s*/, '');
            gerund = p.gerund;
            changed = true;
            break;
          }
        }
      }
      return { text: rest, gerund };
    },
    leadingAction(text) {
      if (nounStart.test(text)) return null;
      for (const { re, verb, structured } of patterns) {
        const m = re.exec(text);
        if (!m) continue;
        const object = stripUrgent(`${m[1] ?? ''} ${m[2] ?? ''}`.replace(/\s+/g, ' '));
        if (!structured && nounObject.test(m[1]?.trim() ?? '')) return null;
        return { verb, object };
      }
      return null;
    },
    trailingAction(text) {
      const m = trailing.exec(text);
      if (!m) return null;
      const verb = (m[2] ?? '').replace(/\s+/g, ' ');
      return { verb: verb === 'on' || verb === 'off' ? `switch ${verb}` : verb, object: (m[1] ?? '').trim() };
    },
    actionOfForm(word) {
      if (SAME_FORM.has(word) && firstWords.has(word)) return word;
      if (!/(?:ed|ing)$/.test(word)) return undefined;
      return lemmaCandidates(word).find((c) => c.kind === 'verb' && firstWords.has(c.lemma))?.lemma;
    },
    isAlone: (action) => vocabulary.alone.includes(action),
    stripUrgent,
  };
}

interface ActionPattern {
  re: RegExp;
  verb: string;
  /** The object's place is fixed by the action's own words ("put * in manual"): no noun reading applies. */
  structured: boolean;
}

/**
 * The ways an action may open a text. Group 1 is the object, group 2 what follows the action's last word. "bring * online"
 * has its object inside; "start up" is read as written and as "start P2 up"; "start" takes what follows.
 */
function actionPatterns(action: string): ActionPattern[] {
  const words = action.split(' ');
  const star = words.indexOf('*');
  if (star > 0) {
    const before = escape(words.slice(0, star).join(' '));
    const after = escape(words.slice(star + 1).join(' '));
    return [{ re: new RegExp(`^${before}\\s+(.+?)\\s+${after}\\b(.*)$`), verb: action.replace('*', '…'), structured: true }];
  }
  const out: ActionPattern[] = [{ re: new RegExp(`^${escape(action)}(?=\\s|$)(.*)$`), verb: action, structured: false }];
  const [verb, particle] = words;
  if (words.length === 2 && verb && particle && PARTICLES.has(particle))
    out.push({
      re: new RegExp(`^${escape(verb)}\\s+((?:\\S+\\s+){0,${MAX_SPLIT_WORDS - 1}}?\\S+)\\s+${escape(particle)}\\b(.*)$`),
      verb: action,
      structured: false,
    });
  return out;
}
