// What a night-flow question asks beyond each night's value: which area ranked first on one night ("which DMA had the
// highest minimum night flow last night"), or one mean over the nights ("avg MNF dma1 over the last 7 nights").

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
