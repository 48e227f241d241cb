// Words of historian questions: operation cues (aggregates, series, thresholds, run-hours, alarms) and filler words.
import type { AggFn, Bucket } from './plan.ts';
import { CLOCK_AFTER } from './chat-time-rules.ts';

/** Aggregation words -> function. Checked on whole words after the time expression is removed. */
export const AGG_WORDS: Record<string, AggFn> = {
  avg: 'avg',
  average: 'avg',
  averaged: 'avg',
  mean: 'avg',
  typical: 'avg',
  min: 'min',
  lo: 'min',
  minimum: 'min',
  lowest: 'min',
  smallest: 'min',
  minimal: 'min',
  max: 'max',
  hi: 'max',
  maximum: 'max',
  highest: 'max',
  peak: 'max',
  largest: 'max',
  biggest: 'max',
  most: 'max',
  least: 'min',
  maximal: 'max',
  sum: 'sum',
  total: 'sum',
  count: 'count',
  first: 'first',
  opening: 'first',
  initial: 'first',
  last: 'last',
  final: 'last',
  closing: 'last',
  latest: 'last',
  delta: 'delta',
  change: 'delta',
  difference: 'delta',
  increase: 'delta',
  rise: 'delta',
  rose: 'delta',
  risen: 'delta',
  increased: 'delta',
  // "how much did T1 drop last night": the change, read as a fall (a drop below a value is the threshold's, read first).
  drop: 'delta',
  dropped: 'delta',
  fall: 'delta',
  fell: 'delta',
  decrease: 'delta',
  decreased: 'delta',
  consumption: 'delta',
  consumed: 'delta',
  produced: 'delta',
  used: 'delta',
};

/** Typos of operation words engineers type often. */
export const TYPO_FIXES: Record<string, string> = {
  avarage: 'average',
  averge: 'average',
  avrage: 'average',
  aveage: 'average',
  maxium: 'maximum',
  maximun: 'maximum',
  minumum: 'minimum',
  minium: 'minimum',
  yesterdy: 'yesterday',
  yesteday: 'yesterday',
  yestarday: 'yesterday',
  yday: 'yesterday',
  wer: 'were',
  hrs: 'hours',
  tmrw: 'tomorrow',
  wk: 'week',
  lvl: 'level',
  presure: 'pressure',
  pressue: 'pressure',
  preassure: 'pressure',
  temprature: 'temperature',
  temp: 'temperature',
  alrams: 'alarms',
  alarm: 'alarm',
  agenst: 'against',
  aginst: 'against',
  agianst: 'against',
  compaired: 'compared',
};

/**
 * "hours a day", "times an hour", "starts a day", "alarms a week": a rate of an amount or of counted events, each
 * bucket's own (not "in a day", "for a day", "a day ago": a period, or a time to come). The amount's words may be read
 * and blanked already ("how many hours" of a threshold): then blanks stand before it.
 */
const RATE_OF = String.raw`(?<=(?:\b(?:hours|hrs|hr|times|minutes|mins|runtime|run time|starts?|strts|stops|trips|cycles|alarms|alerts|count|events)|\s{2})\s+)`;
/** "starts/day", "alarms/wk": a plural count over a bucket written with a slash (never a unit: "m3/h"). */
const SLASH_RATE = String.raw`(?<=\b[a-z]{3,}s)\/`;

export const BUCKET_WORDS: [RegExp, Bucket][] = [
  [
    new RegExp(String.raw`\b(hourly|per hour|by hour|each hour|every hour|hour by hour|${RATE_OF}an hour|${SLASH_RATE}(?:hr|hour))\b`),
    'hour',
  ],
  [new RegExp(String.raw`\b(daily|per day|by day|each day|every day|day by day|${RATE_OF}a day|${SLASH_RATE}day)\b`), 'day'],
  [new RegExp(String.raw`\b(weekly|per week|by week|each week|every week|${RATE_OF}a week|${SLASH_RATE}(?:wk|week))\b`), 'week'],
  [new RegExp(String.raw`\b(monthly|per month|by month|each month|every month|${RATE_OF}a month|${SLASH_RATE}month)\b`), 'month'],
];

export const SERIES_RE = /\b(trend|series|chart|plot|graph|over time|profile|curve)\b/;
export const NOW_RE =
  /\b(right now|just now|(?<!\b(?:between|from)\b.*\s(?:and|to|until)\s+)now|currently|(?<!\d\s)(?<!\b(?:vs|versus|and|motor|with|against)\s)current(?= (?!of\b|on\b|at\b|for\b|in\b|draw\b|last\b|past\b|yesterday\b|today\b|this\b|since\b|over\b|during\b|and\b|vs\b)[a-z0-9])|at the moment|at present|presently|latest|most recent|live|actual)\b/;
export const ALARM_RE = /\b(alarm(?:s|ed|ing)?|alerts?|trips?)\b/;
export const ALARM_TOP_RE =
  /\b(noisiest|noisy|most (?:frequent|common)|most often|most(?! recent)|top(?!\s+prio(?:rity)?\b)(?:\s+(\d+))?|chattering|worst)\b/;
/** Alarms still waiting for the control room: active without an acknowledgement up to the end of the window. */
export const ALARM_UNACK_RE =
  /\b(?:(?:still|yet)\s+)?(?:un-?ack(?:nowledged|ed|d)?|not\s+(?:yet\s+)?(?:been\s+)?ack(?:nowledged|ed|d)?|(?:awaiting|waitin(?:g)?(?:\s+(?:for|on))?|without|no|pending)\s+(?:an?\s+)?(?:to\s+be\s+)?ack(?:nowledge(?:ment|d)?|s)?)(?:\s+(?:yet|still))?\b/;
/**
 * The time from activation to acknowledgement ("time to acknowledge", "time-to-ack", "mins to ack", "the time it took to acknowledge",
 * "ack time", "how long to ack", "took longest to be acked", "mtta": mean time to acknowledge).
 */
export const ALARM_ACK_TIME_RE =
  /\b(?:(?:mean|average|avg)\s+)?(?:mtta|(?:time|mins?|minutes|hrs|hours)(?:\s+(?:it|they)\s+(?:took|takes|take|taken))?[\s-]+(?:to|till|until)[\s-]+(?:be\s+|get\s+)?ack(?:nowledge(?:ment|d)?|ed|d)?|ack(?:nowledge?ment|nowledge|nowledged)?\s+(?:time|delay|latency)s?|how long\b.{0,40}?\b(?:to|till|until|before)\s+(?:(?:the\s+)?(?:alarms?|alms?|they|it)\s+)?(?:(?:be|get|got|gets|was|were|being)\s+)?ack(?:nowledge|nowledged|ed|d)?|how\s+(?:fast|quick(?:ly)?|soon)\b.{0,80}?\b(?:ack(?:nowledged|ed|d)?|acknowledged)|ack(?:nowledged|ed|d)?\s+how\s+(?:fast|quick(?:ly)?|soon|long)|(?:longest|shortest|slowest|quickest|fastest|longer|shorter)\s+(?:time\s+)?to\s+(?:be\s+|get\s+)?ack(?:nowledge|nowledged|ed|d)?)\b/;
/**
 * How long an alarm stood, said as the alarm's own lasting ("longest-standing alarm", "stood the longest", "before it
 * cleared"): its time to clear. The words are taken up by the durations, so they name no tag.
 */
export const ALARM_STOOD_RE =
  /\b(?:(?:longest|shortest)[\s-](?:standing|lasting|lived)|(?:stood|stayed|remained|lasted|persisted)(?: (?:active|open|up|raised))?(?: the)? (?:longest|shortest)|before (?:it|they) (?:was |were |got )?clear(?:ed|s)?)\b/;
export const ALARM_CLEAR_RE = new RegExp(
  String.raw`\b(time[\s-]to[\s-]clear|clear(?:ed|s)?\s+(?:the\s+)?(?:quickest|fastest|slowest)|clear(?:ing|ance)? time|clear(?=\s+(?:mins?|minutes|hrs?|hours)\b)|to clear|(?:mean|average|avg) (?:time|duration)|how long .*?(?:take|active|last|in alarm|alarm in\b|(?:til|till|until|to)\s+(?:it\s+|they\s+)?clear(?:ed)?)|mttc|mean time)\b|${ALARM_STOOD_RE.source}`,
);
export const RUN_RE =
  /\b(ran (?:the )?(?:most|longest|least|shortest)|ran long(?:er)?(?! than)|runs? (?:the )?(?:most|longest|least|shortest)|runs? long(?:er)?(?! than)|run[\s-]?hours?|running hours|runtime|run[\s-]time|operating hours|hours? (?:of )?(?:running|operation)|(?:hours?|hrs)\b(?=.*\b(?:running|ran)\b)|how (?:long|many (?:hours|minutes|mins)) .*?\b(?:run|ran|running|on|in operation|in service|operat(?:ing|ed))\b|starts?|started|start[\s-]?ups?|switch(?:ed)? on|how (?:many times|often) .*?\b(?:start|started|run|ran|switch(?:ed)?(?: on)?|turn(?:ed)?(?: on)?|kick(?:ed)? in|c(?:ut|ame) in)\b)\b/;
/**
 * The run-hours counter itself ("run hours counter", "hrs meter", "hour meter"): a stored tag whose reading is asked,
 * not hours run computed from a running status.
 */
export const RUN_COUNTER_RE = /\b(?:run(?:ning)?[\s-]?)?(?:hours?|hrs?)[\s-]?(?:counter|meter|totali[sz]er)s?\b/;
/**
 * "which pump had the most starts", "what station was highest": which member of a group. "what is the discharge
 * pressure of Sonnenhang", "what was the level" ask a value: "what" needs a noun before its verb.
 */
export const RANK_RE =
  /\bwhich\s+(\w+\s+){0,4}?(had|has|have|was|were|is|are|shows?|showed|saw|got|ran|runs?|started)\b|\bwhat\s+(?!(?:is|was|are|were)\s+(?:the|its|our|current)\b)(\w+\s+){1,4}?(had|has|have|was|were|is|are|shows?|showed|saw|got|ran|runs?|started)\b|\brank(?:ing|ed)?\b|\btop\s+\d+\b|\bworst\b|\bbest\b|\b(?:ran|runs?|started) (?:the )?(?:most|least|longest|shortest)\b/;
/** Superlative adjectives: over a group they ask which member ("which PRV was most open", "hottest panel"). */
export const SUPERLATIVE_RE = /\b(highest|lowest|most|least|largest|smallest|biggest|hottest|coldest|warmest|longest|shortest)\b/;
export const COMPARE_RE = /\b(vs\.?|versus|compared? (?:to|with)|comparison|against|and|&|or)\b/;
/**
 * "list" asks for a catalog listing ("list all valves") unless the question also bounds it in time or ranks: "list the
 * night flow for each of the last five nights", "list the three pumps that drew the most power yesterday" ask for
 * values, as "show" does.
 */
export const LIST_OF_VALUES_RE =
  /\b(yesterday|yday|today|tonight|last|past|this|previous|nights?|days?|hours?|weeks?|months?|since|between|from|top|most|least|highest|lowest)\b|\d/;
/** Questions the planner must leave to the model: causes, relations between tags, catalog listings, forecasts. */
export const NON_PLANNER_RE = new RegExp(
  '\\b(why|explain|cause[sd]?|reason|ratio|difference between|efficiency|efficient|list|weekdays?|weekends|(?:a|any|every|each|per)\\s+weekend|forecast|predict\\w*|' +
    'tomorrow|next (?:week|month|day)|will be|going to|what if|prior to|' +
    // "how far is T1 from 4 m": the distance of a value to another one, which no shape computes ("how far back": coverage).
    'how far(?!\\s+back)|dist(?:ance)?\\s+(?:to|from)|' +
    // "until the tank is empty" asks the future; "until 14:00", "b4 noon" end a window (chat-time-rules.ts reads them);
    // "from when till when" asks the stretches (threshold-report.ts), "before it cleared" the time to clear, "till
    // ack'd", "until the alarms got acked" the time to acknowledge (ALARM_ACK_TIME_RE).
    `(?:until|till|up to|(?<!\\b(?:day|night|week|month|year|shift|(?:mon|tues|wednes|thurs|fri|satur|sun)day) )before)(?!\\s+${CLOCK_AFTER})(?!\\s+wh?en\\b)(?!\\s+(?:it|they)\\s+(?:was |were |got )?clear)` +
    `(?!(?:\\s+\\S+){0,3}?\\s+ack(?:nowledge(?:ment|d)?|ed|d|'d)?\\b))\\b`,
);

/**
 * Synonyms of asset kinds, by stem: a tag whose asset kind is "tank" is also found as "reservoir". Generic utility
 * words only; plant-specific names belong in the config's synonyms.
 */
export const KIND_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  tank: ['reservoir'],
  reservoir: ['tank'],
  analyser: ['analyzer'],
  analyzer: ['analyser'],
};

/** The measurement a bare kind means in "which reservoir was lowest": only where one reading is meant (storage level). */
export const KIND_DEFAULT_MEASUREMENT: Readonly<Record<string, string>> = {
  tank: 'level',
  reservoir: 'level',
  clearwell: 'level',
};

/** Words asking for a state ("is pump 1 running?", "status of pump 2"): the answer is a status tag's value. */
export const STATE_RE = /\b(running|stopped|status|state|on|off|up)\b(?!\s+(?:the\s+)?\d)/;
export const PLURAL_RE = /\b(all|each|every|everywhere|both|across|per (?!hour|day|week|month|year|cent|second|minute|night)[a-z]\w*)\b/;

/**
 * Words that carry no entity or operation meaning; anything else must be explained by the catalog. A word here that can
 * change what is asked ("how many", "longest", "top", "sorted") is also in the thesaurus' `placed`: it is then read
 * past only when a part of the plan takes it up (content-words.ts), never silently.
 */
export const FILLER = new Set(
  (
    'a an the of in on at for to from by with within during over under via into across ' +
    "what whats what's which who when where how much many is was were are be been being do does did done has had have having " +
    'me my our us we i you your it its they them their this that these those there here than then and or vs versus compared compare comparison ' +
    'show shows showed give tell list get fetch display plot chart graph draw please pls can could would will should may might let ' +
    'value values reading readings level? measurement? data number numbers figure figures stats statistics summary report ' +
    'so just about approximately roughly ok okay hey hi thanks thank per each every all both any some ' +
    'hour hours day days week weeks month months year time times period window long often ' +
    'did has doing going went go been like look looking see seen happen happened happening sitting sit stay stayed ' +
    'run ran running runs start started starts switched on off times how many often ' +
    'which had highest lowest rank ranking top most least worst best amount overall whole entire during status ' +
    'reading at site our longest stretch stretches streak streaks interval intervals periods duration durations spell spells when whenever ' +
    'level? since until till trend series chart plot graph profile curve runtime operating operation ' +
    'raise raised raising fire fired trigger triggered throw threw thrown throwing came come sort sorted order ordered ascending descending'
  )
    .split(/\s+/)
    .filter((w) => w.length > 0 && !w.endsWith('?')),
);

/** Words of operations and times the planner reads (besides FILLER and AGG_WORDS): targets of typo correction. */
export const LEXICON_WORDS: readonly string[] = (
  'yesterday today tomorrow tonight hourly daily weekly monthly minute minutes hour hours week weeks month months ' +
  'last past previous since between through from until night nights morning afternoon evening midnight noon ' +
  'january february march april june july august september october november december ' +
  'monday tuesday wednesday thursday friday saturday sunday ' +
  'alarm alarms alert alerts repeated repeating recurring priority critical acknowledged unacknowledged cleared uncleared clear active standing noisiest frequent ' +
  // "sites" is a plural as written, not "sit" (the ISA letters of a speed transmitter) with "-es".
  'site sites ' +
  'trend series chart plot graph profile curve above below exceed exceeded higher lower greater dropped fell rose outside within ' +
  'limit limits lim lims band continuous continuously ' +
  'start started starts stop stopped stops together simultaneously parallel correlation correlated change difference ' +
  'overlap overlapped overlapping concurrently relationship relation related relative track tracks tracked follow follows followed ' +
  'depend depends depended dependent linked ' +
  'earliest first handover handovers crew crews duty ' +
  'compare compared comparison rank ranking ranked average minimum maximum total highest lowest shift shifts log notes ' +
  'handover operator running runtime hours increase decrease usage consumption volume against versus ' +
  'availability uptime downtime offline unavailable'
)
  .split(/\s+/)
  .filter((w) => w.length > 0);

/** Words that negate or exclude ("not acked", "excluding P1", "without the night"): the planner applies none of them. */
const NEGATIONS = 'not non nor except excluding exclude excluded without besides unless neither';

/**
 * Words that carry meaning the planner reads (operations, alarm states, times, negations). One left over once the
 * question is planned means the plan would answer something else than was asked ("unacknowledged alarms" answered
 * with every alarm), so it stops the plan and is named. Month and weekday names are not among them: a date already
 * read can leave one behind ("at 4am on oct 3rd").
 */
export const MEANING_WORDS: ReadonlySet<string> = new Set(
  [...LEXICON_WORDS, ...Object.keys(AGG_WORDS), ...NEGATIONS.split(' ')].filter(
    (w) => !/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)/.test(w) || w === 'last',
  ),
);
