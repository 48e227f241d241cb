// What a night-flow question asks beyond each night's value: which area ranked first on one night ("which DMA had the
// highest minimum night flow last night"), one mean over the nights ("avg MNF dma1 over the last 7 nights"); a "max night
// flow" is declined with what to ask instead.
import type { Vocabulary } from './vocabulary.ts';

/** A superlative of the ranking, read outside the "minimum" of "minimum night flow". */
const HIGH_RE = /\b(?:highest|most|biggest|largest|max|maximum|peak|worst|top)\b/;
const LOW_RE = /\b(?:lowest|least|smallest|best|bottom)\b/;
const NIGHT_PHRASE_RE = /\b(?:minimum|min|lowest)\s+night[\s-]?(?:time\s+)?flows?\b|\bmnf\b/g;

/** "which DMA ... highest / lowest", "top 3 DMAs by MNF": the order of the areas, or undefined when the question names no superlative. */
export function areaRankOrder(question: string): 'asc' | 'desc' | undefined {
  const text = question.toLowerCase().replace(NIGHT_PHRASE_RE, ' ');
  if (HIGH_RE.test(text)) return 'desc';
  if (LOW_RE.test(text)) return 'asc';
  return undefined;
}

/** "average/mean MNF over the last 7 nights": one mean of the nights' values (each night's time-weighted mean). */
export function asksMeanOfNights(fns: readonly string[]): boolean {
  return fns.length === 1 && fns[0] === 'avg';
}

/** "max night flow", "peak nightflow", "highest night-time flow": a superlative right before the night flow itself. */
const PEAK_NIGHT_RE = /\b(max|maximum|peak|highest)\s+night[\s-]?(?:time\s+)?(?:in)?flows?\b/;

/** The superlative of a "max night flow" ("max", "peak"), as the question wrote it, or undefined. */
export function peakNightFlowWords(question: string): string | undefined {
  return PEAK_NIGHT_RE.exec(question.toLowerCase())?.[1];
}

/**
 * Why "max night flow" is declined: the minimum night flow is the time-weighted average of the night hours, which has no
 * maximum; the highest flow of those hours, or the night with the highest minimum night flow, are other questions.
 */
export function peakNightFlowReason(words: string, hours: { fromHour: number; toHour: number }, tag: string): string {
  const hh = (h: number): string => `${String(h).padStart(2, '0')}:00`;
  const span = `${hh(hours.fromHour)}–${hh(hours.toHour)}`;
  return (
    `I could not place "${words}" before the night flow: the minimum night flow is the average flow ${span} plant time each night and has no maximum. ` +
    `For the highest flow in those hours ask e.g. "max ${tag} ${span} last night"; ` +
    `for the night with the highest minimum night flow, "which night had the highest night flow last week"`
  );
}

/** The thesaurus' one-word forms of "flow" ("flw", "q", "rate", "throughput"): the words a night flow may be written with. */
function flowForms(vocabulary: Vocabulary): string[] {
  return [...vocabulary.terms]
    .filter(([form, words]) => /^[a-z0-9]+$/.test(form) && words.length === 1 && words[0] === 'flow')
    .map(([f]) => f);
}

const nightForms = new WeakMap<Vocabulary, { night: RegExp; least: RegExp }>();

/**
 * The night flow written with a chat form of its flow ("min nite flw", "night q", "night-time minimum throughput") as
 * "night flow" ("minimum flow" at night), so that it is read as the night flow it names, not as a flow in the night hours.
 */
export function spellNightFlow(text: string, vocabulary: Vocabulary): string {
  let re = nightForms.get(vocabulary);
  if (!re) {
    const forms = flowForms(vocabulary).join('|') || '$^';
    re = {
      night: new RegExp(String.raw`\b(night(?:ly)?[\s-]?(?:time\s+)?)(?:${forms})\b`, 'g'),
      least: new RegExp(String.raw`\b((?:min|minimum|lowest)\s+)(?:${forms})\b`, 'g'),
    };
    nightForms.set(vocabulary, re);
  }
  // "night-time minimum throughput": the minimum flow of the night hours, as "night-time minimum flow" is.
  const spelled = text.replace(re.night, '$1flow');
  return /\bnight/.test(spelled) ? spelled.replace(re.least, '$1flow') : spelled;
}
