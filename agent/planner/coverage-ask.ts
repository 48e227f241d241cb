// Questions about the data rather than the plant ("is there any data for the T3 level yesterday", "how complete was the
// T1 level data", "% good data bps02 disch press", "gaps in the DMA01 inflow last week"): the coverage of the window by
// good-quality data, read from the words for coverage alone, never from a measurement's name.

/** Words that stand for the recorded data itself (blanked once a coverage word is read). */
const DATA_NOUN = String.raw`(?:data|readings?|samples?|values?|records?|recordings?|logging|history)`;

/**
 * What asks for coverage. Each needs a word that can only be about the data: "coverage", "completeness", "gaps",
 * "missing"... or the noun "data" with "any", "availability", "good" or "quality". "availability" alone is a pump's
 * (state-time.ts), "gap" alone may be a difference of two values, "any" alone asks whether a value happened.
 */
const COVERAGE_RES: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:${DATA_NOUN}\s+)?(?:coverage|completeness)\b(?:\s+of\s+(?:the\s+)?${DATA_NOUN})?`),
  /\bhow\s+complete\b/,
  new RegExp(String.raw`\b(?:data\s+avail(?:ability|able)?|availability\s+of\s+(?:the\s+)?data)\b`),
  new RegExp(String.raw`(?:%|\bpercent(?:age)?|\bshare|\bproportion)\s*(?:of\s+)?(?:the\s+)?good(?:[\s-]+quality)?\s+${DATA_NOUN}\b`),
  new RegExp(String.raw`\bgood(?:[\s-]+quality)?\s+${DATA_NOUN}\s*(?:%|\bpercent(?:age)?\b|\bshare\b|\bproportion\b)`),
  /\bdata\s+quality\b|\bquality\s+of\s+(?:the\s+)?data\b/,
  new RegExp(
    String.raw`\b(?:any\s+)?(?:missing\s+${DATA_NOUN}|${DATA_NOUN}\s+missing|${DATA_NOUN}\s+gaps?|gaps?\s+in\s+(?:the\s+)?${DATA_NOUN}|gaps)\b`,
  ),
  new RegExp(String.raw`\bany\s+${DATA_NOUN}\b`),
];

/** Blanks a match, keeping every other character where it was. */
const blank = (text: string, index: number, length: number): string =>
  text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);

/**
 * The coverage asked in a normalized question, with its words and the data nouns beside them blanked; null when the
 * question asks nothing about the data itself.
 */
export function readCoverageAsk(text: string): { words: string; text: string } | null {
  let rest = text;
  const found: string[] = [];
  for (const re of COVERAGE_RES) {
    const match = re.exec(rest);
    if (!match) continue;
    found.push(match[0].trim());
    rest = blank(rest, match.index, match[0].length);
  }
  if (found.length === 0) return null;
  // "how complete was the T1 level data": the data noun stands apart from the coverage word.
  rest = rest.replace(new RegExp(String.raw`\b(?:of\s+)?(?:the\s+)?${DATA_NOUN}\b`, 'g'), (m) => ' '.repeat(m.length));
  return { words: found.join(', '), text: rest };
}
