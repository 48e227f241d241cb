// How many of a group must run at once, said in a together question ("2+ pmps", "at least two pumps on", "run 2
// pumps"): the lower bound, read before the together words.
const COUNT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
/**
 * "more than one pump running", "at least two pumps on", "2 or more pumps in service", "2+ pumps on": stretches when at least that many
 * of the things were running, not all of them. Not a limit with its unit ("over 3 m on 3 oct" is a level above 3 m).
 */
const AT_LEAST_RE =
  /\b(?:(more than|over|at least|min(?:imum)?(?: of)?)\s+(one|two|three|four|[1-4])\b|(two|three|four|[2-4])(?:\s+or\s+more\b|\s*\+(?=\s)|\s+(?:of|out of)\s+(?:the\s+)?(?:three|four|five|[3-5])\b))(?!\s*(?:[.,]\d|m3|m|bar|kpa|ntu|%|mg|l\/|a|kw|kwh|rpm|mm|°|deg|ph|times|x|activations?)\b)(?=(?:\s+[a-z0-9-]+){0,5}?\s+(?:running|ran|run|on|in service|in operation|operating)\b)/;
/**
 * "when did 2 bps3 pumps run at once", "two pumps on at the same time", "ps3 2 pmps parallel": a count said of the things without "the" is
 * any that many of them (at least), not the things themselves ("the two pumps" names two: which, if more match).
 */
const ANY_COUNT_RE =
  /(?<!\b(?:the|all|those|these|both|of|most|max|maximum|than|to|exactly|only|just|pumps?|pmps?|p|no|nr|units?)\s*)\b(two|three|four|[2-4])(?=\s+(?:(?!(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|wks?|months?|nights?|shifts?|times)\b)[a-z0-9-]+\s+)?(?:pumps|pmps|boosters|units|sets)\b(?:\s+[a-z0-9@-]+){0,3}?\s+(?:running|runnin|runing|ran|run|on|in service|in operation|operating|(?:in\s+)?parallel|together|simultaneous(?:ly)?|concurrent(?:ly)?|at once)\b)/;
/**
 * "run 2 pumps", "had two pumps on", "with 3 boosters": a running verb before a count of the things is that many of
 * them at once (at least), never the run hours of each.
 */
const RUN_COUNT_RE =
  /\b(?:run|runs|ran|running|runnin|have|has|had|having|with|put)\s+(two|three|four|[2-4])\s+(?:(?!(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|times)\b)[a-z0-9-]+\s+)?(?:pumps|pmps|boosters|units|sets)\b/;
/**
 * "ps3 2+ pmps longest", "hl >=2 pmps how many x": a lower bound said of the things themselves is how many of them were
 * on at once, with or without a running verb. Not beside a limit, a stop or an alarm ("2+ pumps tripped").
 */
const THINGS_AT_LEAST_RE =
  /\b(?:(more than|at least|min(?:imum)? of)\s+(one|two|three|four|[1-4])|(two|three|four|[2-4])(?:\s+or\s+more|\s*\+))(?=\s+(?:[a-z0-9-]+\s+)?(?:pumps|pmps|boosters|units|sets)\b(?!(?:\s+[a-z0-9-]+){0,3}?\s+(?:trip\w*|stop\w*|fail\w*|alarm\w*|above|below|over|under|[<>])(?:\s|$)))/;

/**
 * The lower bound said of the things running at once, with the match (its words, where it stands, group 1 "more
 * than"/"over" when said so), or null.
 */
export function readAtLeastCount(text: string): (RegExpExecArray & { count: number }) | null {
  const match = AT_LEAST_RE.exec(text) ?? ANY_COUNT_RE.exec(text) ?? RUN_COUNT_RE.exec(text) ?? THINGS_AT_LEAST_RE.exec(text);
  if (!match) return null;
  return Object.assign(match, { count: COUNT_WORDS[match[2] ?? match[3] ?? match[1] ?? ''] ?? 2 });
}
