// The alarm conditions a question names ("hi alarms", "lo lvl alarm", "HH alarms", "went LOW", "high vs low alarms"):
// read in a question about alarms only, from the thesaurus' spoken forms and the conditions the journals record; "high
// priority" stays a priority. A condition is then found in the journal of the source asked, or the question is declined.
import type { PlannerCatalog } from './planner-catalog.ts';
import { inCatalogPhrase, stem } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The conditions named: the words as written (for declines) and each condition's name (HIGH, HIHI, or a journal's own). */
export interface AlarmConditionCue {
  words: string[];
  names: string[];
}

/** A verb before a side word makes it the side of the limit: "went low", "is high", "in hi". */
const STATE_VERB_RE = /^(?:went|gone|go|goes|going|got|gets|getting|is|was|were|are|been|be|stays?|stayed|in)$/;
/** The words of an alarm right after a side word: "hi alarms", "low alarm". */
const ALARM_NOUN_RE = /^(?:alarms?|alerts?|alms?|alrms?)$/;
/** Words joining two conditions: "hi and lo", "high or low", "hi vs lo" ("/", "&" and "+" part the words already). */
const JOINER_RE = /^(?:and|or|vs|versus|n)$/;
/** The priority nouns: "hi prio", "low priority" name a priority. */
const PRIORITY_NOUN_RE = /^(?:prio|priority|priorities|prty|pri)$/;

/** A condition's spelling reduced for comparing (HIGH_HIGH, High-High and highhigh are one). */
const keyOf = (spelling: string): string => spelling.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Spoken form (lower case, words joined by one space) -> condition name, longest forms first. */
function spokenForms(catalogs: readonly PlannerCatalog[], vocabulary: Vocabulary): Map<string, string> {
  const forms = new Map<string, string>();
  for (const [name, spoken] of vocabulary.alarmConditions) for (const form of spoken) forms.set(form.replace(/-/g, ' '), name);
  // A condition a journal records beyond the thesaurus is said by its own spelling ("deviation", "rate of change").
  for (const catalog of catalogs)
    for (const stored of catalog.source.alarmConditions ?? []) {
      const form = stored.toLowerCase().replace(/[_-]+/g, ' ').trim();
      if (!forms.has(form) && familyOf(stored, vocabulary) === undefined) forms.set(form, stored);
    }
  return forms;
}

/** The thesaurus condition a journal's spelling is (HI and High are HIGH, HH is HIHI), or undefined. */
function familyOf(stored: string, vocabulary: Vocabulary): string | undefined {
  const key = keyOf(stored);
  for (const [name, spoken] of vocabulary.alarmConditions) if (keyOf(name) === key || spoken.some((s) => keyOf(s) === key)) return name;
  return undefined;
}

/**
 * The values of a journal's condition column a named condition stands for ("HIGH" -> HIGH, Hi, H); empty when the
 * journal records none of them.
 */
export function storedConditions(name: string, recorded: readonly string[], vocabulary: Vocabulary): string[] {
  return recorded.filter((stored) => stored === name || familyOf(stored, vocabulary) === name);
}

/**
 * The conditions an alarm question names, and the text with their words blanked; null when it names none. A side word
 * that is also a priority ("hi", "low") is a condition right before the alarms, before a measurement of the catalog
 * ("low level alarms") or after a verb ("went low"), and is left to the priority reading otherwise.
 */
export function readAlarmConditions(
  text: string,
  catalogs: readonly PlannerCatalog[],
  vocabulary: Vocabulary,
): { cue: AlarmConditionCue; text: string } | null {
  const forms = spokenForms(catalogs, vocabulary);
  // "hi/lo", "hi&lo": the joiners part the words.
  const tokens = [...text.matchAll(/[^\s,;:?!()/&+]+/g)].map((m) => ({ at: m.index, raw: m[0], word: m[0].replace(/\.+$/, '') }));
  const words = tokens.map((t) => t.word);
  const measure = (w: string): boolean =>
    !/\d/.test(w) &&
    [w, ...(vocabulary.terms.get(w) ?? [])].some((reading) =>
      catalogs.some((c) => reading.split(/\s+/).every((x) => c.index.vocabulary.has(stem(x)))),
    );
  const cue: AlarmConditionCue = { words: [], names: [] };
  let out = text;
  // The index of the last word of the condition read last: "hi/lo count", "hi vs lo in oct" join the second to it.
  let lastRead = -2;
  for (let i = 0; i < tokens.length; i += 1) {
    const two = `${words[i]} ${words[i + 1] ?? ''}`;
    const three = `${two} ${words[i + 2] ?? ''}`;
    const span = forms.has(three) ? 3 : forms.has(two) ? 2 : forms.has((words[i] ?? '').replace(/-/g, ' ')) ? 1 : 0;
    if (span === 0) continue;
    const form = span === 3 ? three : span === 2 ? two : (words[i] ?? '').replace(/-/g, ' ');
    const next = words[i + span] ?? '';
    // "high lift pumps" (a name of the catalog), "standard deviation" (a statistic) name no condition.
    if (catalogs.some((c) => inCatalogPhrase(c.index, words, i) || inCatalogPhrase(c.index, words, i + span - 1))) continue;
    if (/^(?:standard|std)$/.test(words[i - 1] ?? '')) continue;
    // "hi", "low": a priority too; "high priority", "lo prio" are priorities, and elsewhere the place decides.
    if (vocabulary.priorities.has(form)) {
      if (PRIORITY_NOUN_RE.test(next) || vocabulary.priorities.has(`${form} ${next}`)) continue;
      // "hi and lo alarms", "hi/lo alms": joined to another condition before the alarms.
      const joined = (JOINER_RE.test(next) ? words[i + span + 1] : next) ?? '';
      const other = next !== '' && forms.has(joined) && joined !== form;
      const after = lastRead === i - 1 || (lastRead === i - 2 && JOINER_RE.test(words[i - 1] ?? ''));
      const side = ALARM_NOUN_RE.test(next) || STATE_VERB_RE.test(words[i - 1] ?? '') || measure(next) || other || after;
      if (!side) continue;
    }
    const name = forms.get(form) ?? form;
    cue.words.push(
      tokens
        .slice(i, i + span)
        .map((t) => t.word)
        .join(' '),
    );
    if (!cue.names.includes(name)) cue.names.push(name);
    const from = tokens[i]!.at;
    const last = tokens[i + span - 1]!;
    out = out.slice(0, from) + ' '.repeat(last.at + last.raw.length - from) + out.slice(last.at + last.raw.length);
    i += span - 1;
    lastRead = i;
  }
  return cue.names.length > 0 ? { cue, text: out } : null;
}
