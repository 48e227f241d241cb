// A general word of a place or a thing ("network", "process", "system", "equipment") that qualifies the alarms of a
// question: the thesaurus lets such a word drop when no tag carries it, yet right before the alarms it says which
// alarms, and dropping it answers for every alarm; and when only some descriptions carry it ("DMA01 Altstadt network
// free chlorine"), it would narrow the alarms to those few tags. Either way it is named: a word that names a site or
// an asset (its name or kind: "station alarms", "plant alarms") narrows as any name does.
import { namesEntity } from './alarm-scope.ts';
import type { Planned } from './planned.ts';
import type { QueryToken } from './query-tokens.ts';
import type { TagIndex } from './tag-index.ts';
import type { Vocabulary } from './vocabulary.ts';
import { stem } from './catalog-words.ts';
import { linkTags } from './tag-linking.ts';

/** The alarm nouns a qualifier stands right before. */
const NOUN = String.raw`(?:alarms?|alerts?|alms?|alrms?|trips?)\b`;

/** Words before a noun that make it the things asked about, not a qualifier of the alarms. */
const ASKED_THINGS = String.raw`(?<!\b(?:how\s+many|number\s+of|no\.?\s+of|count\s+of|which|what|each|every|per|by|all|distinct|different|unique)\s+)`;

const soft = (token: QueryToken, vocabulary: Vocabulary): boolean =>
  !token.id && (vocabulary.soft.has(token.text) || vocabulary.soft.has(stem(token.text)));

/**
 * The decline for a soft word that qualifies the alarms and names no site or asset: dropped right before the alarm
 * noun, or the only words that chose the tags (through descriptions). Null when there is none.
 */
export function alarmSoftWordDecline(input: {
  original: string;
  tokens: readonly QueryToken[];
  kept: readonly QueryToken[];
  index: TagIndex;
  vocabulary: Vocabulary;
}): Planned | null {
  const { original, tokens, kept, index, vocabulary } = input;
  // "how many tags alarmed", "which sites had alarms": the things counted or asked about, read by the alarm operation.
  const qualifying = (word: string): boolean => new RegExp(String.raw`${ASKED_THINGS}\b${word}\s+${NOUN}`).test(original);
  const dropped = tokens.find((t) => soft(t, vocabulary) && !kept.includes(t) && qualifying(t.text) && !namesEntity(t.text, [index]));
  if (dropped)
    return {
      kind: 'decline',
      reason: `I could not place "${dropped.text}": no site or tag is called that, and the alarm journal does not class alarms that way; name the sites or tags, or ask for all alarms`,
    };
  // "network alarms": the only words that chose the tags are soft ones no site or asset is named by.
  const onlySoft = kept.length > 0 && kept.every((t) => soft(t, vocabulary) && !namesEntity(t.text, [index]));
  if (!onlySoft) return null;
  const tags = linkTags(index, kept).best.map((t) => t.info.name);
  const words = kept.map((t) => `"${t.text}"`).join(', ');
  return {
    kind: 'decline',
    reason: `I could not place ${words}: only the descriptions of ${tags.length} tag${tags.length === 1 ? '' : 's'} carry it (${tags.slice(0, 5).join(', ')}${tags.length > 5 ? ', ...' : ''}), and no site is called that; name the sites or tags, or ask for all alarms`,
  };
}
