// The structured plan of a question: entities x measure x time window x operation, or a decline / an ask-back.
import type { Comparator } from './comparator-words.ts';
import type { DurationUnit } from './duration-unit.ts';
import type { ResolvedWindow } from '../answer.ts';
import type { UnitConversion } from './unit-table.ts';
import type { StateReport } from './state-time.ts';
import type { CatalogList } from './catalog-ask.ts';
import type { MemberStates } from './group-state.ts';

/**
 * Aggregations the planner can compute over a window, of the signal (see signal-sql.ts): `avg` is time-weighted, `min`,
 * `max`, `first`, `last` include the values in force at the window's edges, `delta` = last - first (counters). Of the
 * stored readings only: `mean` (arithmetic mean, when asked for "the mean of the readings"), `sum` and `count`.
 * `integral`: a rate integrated over the window's good-quality time, in the amount unit of signal-units.ts (m3/h -> m3).
 */
export type AggFn = 'avg' | 'mean' | 'min' | 'max' | 'sum' | 'count' | 'first' | 'last' | 'delta' | 'integral';

/** Bucket sizes of a series, in the plant's time zone (weeks start on Monday). */
export type Bucket = 'hour' | 'day' | 'week' | 'month';
/** Of the times alarms took to be acknowledged or cleared: the longest or the shortest one (the mean when absent). */
/** `sum`: the time in alarm, each activation's time to its clear added up ("total time in alarm", "how long was X standing"). */
export type AlarmTimeStatistic = 'max' | 'min' | 'sum';
/** The unit those times are given in when asked in hours ("avg time to clear in hrs"); minutes when absent. */
export type AlarmTimeUnit = 'hours';
/** A limit on each alarm's minutes from raised to acknowledged (`ack`) or cleared: "acked within 10 min" is <= 10. */
export interface AlarmDurationLimit {
  to: 'ack' | 'clear';
  comparator: '<=' | '<' | '>' | '>=';
  minutes: number;
}
/** A limit on how many alarms each tag (site, priority) raised: "came 2+ times" is >= 2, "more than 3 times" > 3. */
export interface AlarmCountLimit {
  comparator: '>' | '>=';
  count: number;
}
/** Chattering: at least `count` activations of one tag within `minutes` (alarm-chatter.ts). */
export interface AlarmChatter {
  count: number;
  minutes: number;
}

/** A tag as the plan refers to it (from the source's tag catalog). */
export interface PlanTag {
  id: string | number;
  name: string;
  unit?: string;
  dataType?: string;
  /** The measured quantity (Level, Flow), for the per-tag signal rules of the historian mapping. */
  measurement?: string;
  description?: string;
  /** The code of the site its asset belongs to (BPS03), when the mapping maps one: an answer over many tags names them. */
  site?: string;
}

export type Operation =
  /** `rank`: the group's latest values ordered by value, the first `limit` ("which tank is lowest now"). */
  | { kind: 'latest'; rank?: { order: 'asc' | 'desc'; limit: number } }
  /** `against`: an earlier moment the value at `at` is compared with ("T1 level now vs this time yesterday"). */
  | { kind: 'at'; at: string; against?: string }
  /** `when`: also the time of that extreme (the first instant the signal reached it), asked with "when" / "what time". */
  | { kind: 'aggregate'; fns: AggFn[]; when?: 'max' | 'min' }
  | { kind: 'series'; bucket: Bucket; fns: AggFn[] }
  /**
   * Time beyond a limit (`above` / `below` `value`) or inside / outside a band (`between` / `outside` `value` .. `upper`,
   * both ends inside), as stretches of the step signal; `report` asks something of them instead (ThresholdReport).
   * Over several tags (a group asked "which ... went below"), one row per tag: its time, stretches, first stretch.
   * `unit`: the unit the stretches' time is asked in ("how many minutes"); hours otherwise.
   */
  | {
      kind: 'threshold';
      comparator: Comparator;
      value: number;
      upper?: number;
      /** One side with the limit itself inside ("at least 6 bar", "not above 3.8 m"): >= or <= instead of > or <. */
      inclusive?: true;
      report?: ThresholdReport;
      unit?: DurationUnit;
    }
  /**
   * `rankBy`: the tags ordered by that measure, most first ("which pump ran the most"), or least first with `order: 'asc'`
   * ("which pump ran the least"); otherwise by tag.
   */
  /**
   * `report`: availability (the share of the window running) or downtime (the hours stopped) instead of run-hours and
   * starts, with the time whose state is unknown beside it (state-time.ts); `rankBy` then orders by that measure.
   */
  /** `unit`: the run time asked in minutes ("how many minutes did P1 run"): a `run_minutes` column beside the hours. */
  | {
      kind: 'run-hours';
      rankBy?: 'run_hours' | 'starts';
      order?: 'asc' | 'desc';
      limit?: number;
      report?: StateReport;
      unit?: DurationUnit;
      /**
       * "which pumps ran more than 10 h": the run-hours limit (in hours) each tag is held to; the answer lists the tags
       * that keep it and names the others.
       */
      hoursLimit?: { comparator: 'above' | 'below'; value: number; inclusive?: true };
      /** "bps01 total pump run hrs": one row, the run-hours and starts of every tag added (summed-run-hours.ts). */
      summed?: true;
    }
  | { kind: 'rank'; fn: AggFn; order: 'asc' | 'desc'; limit: number }
  | { kind: 'compare'; fn: AggFn; bucket?: Bucket }
  /** One number for a group: the sum over the tags of each tag's `fn` (e.g. energy used by all stations = sum of counter deltas). */
  | { kind: 'total'; fn: AggFn }
  /** `priority`: only alarms of that priority (the alarm table's priority column; "critical alarms" = 1 in the thesaurus). */
  /** `conditions`: only alarms of those conditions (the alarm table's condition column, values as the journal spells them). */
  /** With `standing` or `unacknowledged`: how many were in that state at `asOf` (alarm-state.ts), not how many were raised. */
  | {
      kind: 'alarm-count';
      priority?: number;
      /** Several priorities asked at once ("prio 1 & 2", "2 or higher"); `priority` is then the first of them. */
      priorities?: readonly number[];
      /** Only alarms of these conditions, as the journal spells them ("hi alarms": HIGH). */
      conditions?: readonly string[];
      standing?: boolean;
      unacknowledged?: boolean;
      asOf?: string;
      durationLimit?: AlarmDurationLimit;
      /** Only the alarms that cleared before they were acknowledged. */
      clearedFirst?: boolean;
      /** The alarms standing at any moment of the window (raised before its end, not cleared before its start). */
      during?: boolean;
    }
  /** The alarms counted per tag (default), per site of the tag's asset, or per priority; the most first (priority: in order). */
  | {
      kind: 'alarm-top';
      limit: number;
      priority?: number;
      priorities?: readonly number[];
      conditions?: readonly string[];
      by?: 'site' | 'priority' | 'condition';
      /**
       * Counted per plant-local calendar bucket instead ("daily alarm count", "alms per hr"): every bucket of the window
       * in time order, 0 where none came. With `countLimit`: per tag and bucket, only those past it ("more than once on
       * the same day").
       */
      bucket?: Bucket;
      /** By condition: the conditions listed, each with its count (0 when none came): those asked, else all the journal records. */
      listed?: readonly string[];
      /** Only the tags (sites, priorities) whose count keeps this limit ("which alarms repeated"). */
      countLimit?: AlarmCountLimit;
      /** Only the tags that chattered by this rule ("chattering alarms"), with their most activations within it. */
      chatter?: AlarmChatter;
    }
  /** Minutes from raised to cleared over the window's alarms: the mean, or the longest (`max`) or shortest (`min`) one. */
  | {
      kind: 'alarm-clear-time';
      priority?: number;
      priorities?: readonly number[];
      conditions?: readonly string[];
      statistic?: AlarmTimeStatistic;
      unit?: AlarmTimeUnit;
    }
  /** Each alarm that became active in the window, oldest first: when, which tag, priority, when it cleared and was acknowledged. */
  | {
      kind: 'alarm-list';
      limit: number;
      priority?: number;
      priorities?: readonly number[];
      conditions?: readonly string[];
      /** Only those not acknowledged by `asOf` (ISO; the moment asked, else the window's end). */ unacknowledged?: boolean;
      /** Only those standing at `asOf`: raised at or before it and not cleared by it (alarm-state.ts). */
      standing?: boolean;
      /** With each alarm's minutes from raised to cleared; `byDuration`: ordered by them (alarm-durations.ts). */
      durations?: boolean;
      /** The durations measured to the acknowledgement instead of to the clear. */
      durationTo?: 'ack';
      byDuration?: 'asc' | 'desc';
      /** The durations in hours ("how many hours did each take to clear"), else minutes. */
      unit?: AlarmTimeUnit;
      /** Only the alarms whose time to acknowledge or clear keeps this limit ("acked within 10 min"). */
      durationLimit?: AlarmDurationLimit;
      /** Only the alarms that cleared before they were acknowledged ("rtnd b4 anyone ackd"). */
      clearedFirst?: boolean;
      /** Newest first ("the last 5 alarms", alarm-recent.ts) instead of oldest first. */
      newest?: boolean;
      asOf?: string;
      /** The alarms standing at any moment of the window (raised before its end, not cleared before its start). */
      during?: boolean;
    }
  /** Time from an activation in the window to its acknowledgement: the mean, or the longest (`max`) or shortest (`min`). */
  | {
      kind: 'alarm-ack-time';
      priority?: number;
      priorities?: readonly number[];
      conditions?: readonly string[];
      statistic?: AlarmTimeStatistic;
      unit?: AlarmTimeUnit;
    }
  /**
   * The first moment inside the window the signal entered a state: a status tag starting or stopping, a value going
   * above or below `value`. A state carried in from before the window is no crossing.
   */
  | {
      kind: 'crossing';
      event: 'start' | 'stop' | 'above' | 'below';
      value?: number;
      /** The last crossing instead of the first. */ which?: 'last';
    }
  /**
   * Stretches when every tag of the plan (status tags) was running at the same time, with their hours; with `atLeast`,
   * when at least that many of them were ("more than one pump running at BPS03").
   */
  /**
   * `report`: how many stretches (`count`), the longest one with the count and total beside it (`longest`), or each
   * stretch (`stretches`, asked by their times); without one, the time together: one row with the total, how many
   * stretches and the longest; `share`: that time as a percentage of the window. `states`: the state each tag (in
   * `tags` order) is required in, all at once: every one known stopped (good 0: "both off"), or some running and the
   * others known stopped ("p1 & p2 on but p3 off"); an unknown state is neither. Without it, every one running.
   */
  | { kind: 'together'; atLeast?: number; unit?: DurationUnit; report?: 'count' | 'longest' | 'stretches' | 'share'; states?: MemberStates }
  /**
   * The time of each start and / or stop of the status tags inside the window, oldest first (state-events.ts); with
   * `count`, how many of them per tag instead ("how many times did P2 stop"), 0 included (stop-asks.ts).
   */
  | { kind: 'state-events'; events: readonly ('start' | 'stop')[]; count?: true }
  /**
   * The newest stretch one status tag ran inside the window (the lookback when none was named): its start, end and
   * hours, and whether it still runs at the window's end (last-run.ts).
   */
  | { kind: 'last-run' }
  /** Pearson correlation of two tags' signals, read on a one-minute grid over the window. */
  | { kind: 'correlation' }
  /**
   * `fn` over the window against the same window one `period` earlier (day-over-day, week-over-week), or against
   * `previous` when the question named the earlier period itself ("this week vs last week", "1-7 sep vs 1-7 oct").
   */
  | { kind: 'change'; fn: AggFn; period: Bucket; previous?: { from: string; to: string; label?: string } }
  /** The buckets of the window ordered by `fn` of each bucket ("which day had the lowest level"). */
  | { kind: 'bucket-rank'; fn: AggFn; bucket: Bucket; order: 'asc' | 'desc'; limit: number }
  /**
   * Minimum night flow: the time-weighted average over the night hours (plant time, `fromHour` to `toHour`) of each
   * night whose hours lie inside the window.
   */
  | {
      kind: 'night-flow';
      fromHour: number;
      toHour: number;
      /**
       * "which night had the lowest night flow": the nights ordered by their night flow, the first `limit` of them; with
       * several tags and one night, the tags so ordered ("which DMA had the highest").
       */
      order?: 'asc' | 'desc';
      limit?: number;
      /** "average MNF over the last 7 nights": the mean of the nights' values, one number per tag. */
      mean?: boolean;
      /**
       * "MNF last week vs the week before": the earlier period, whose nights' mean is compared with the mean of the
       * window's nights (one night each for "last night vs the night before").
       */
      previous?: { from: string; to: string; label?: string };
    }
  /**
   * The catalog itself: the plan's tags listed (`tags`), with their units (`unit`), or the assets or sites they belong
   * to; `count`: how many. Read from the source's tag table through the guard (catalog-ask.ts).
   */
  | { kind: 'catalog'; list: CatalogList; count?: boolean }
  /**
   * The data itself: per tag, the share of the window covered by good-quality data (each sample holding until the next,
   * at most its max age), the gaps without good data longer than the heartbeat, the samples, where the data ends.
   */
  | { kind: 'coverage' }
  /** The shift log's entries in the window (who was on shift, what they wrote); read through the guard like any table. */
  | {
      kind: 'shift-log';
      /**
       * Only entries whose note mentions every one of these things of the catalog, each in one of its forms (lower case,
       * the start of a word of the note): "ps3 p2 bearings" -> [["bps03", "bps3"], ["p2", "p02"]].
       */
      things?: string[][];
      /** Only entries whose note has a word starting with one of these (lower case): "notes about rain". */
      topics?: string[];
      /**
       * Beside `things`: when no entry of the whole log uses any of the `topics` ("T3 analyser stuck": the note says
       * "frozen"), they narrow nothing, and entries opening with one of these words (the routine handovers and rounds,
       * lower case) are left out instead.
       */
      unusedTopicsSkip?: string[];
      /** Only the newest `latest` entries, newest first ("the latest handover note"). */
      latest?: number;
      /**
       * Routine entries left out (a note opening with one of these words, lower case): "the chlorine problem" asks for the
       * notes of an event, not the handovers that quote the chlorine reading each shift.
       */
      skipRoutine?: string[];
      /** Only entries whose operator's name contains this (lower case): "notes from dieter". */
      author?: string;
      /**
       * Only entries inside these shifts of the window, ISO instants, oldest first ("who was on nights last week": each
       * night shift of the week, not the days between).
       */
      spans?: { from: string; to: string }[];
    };

export type OperationKind = Operation['kind'];

/**
 * What a threshold question asks of the stretches beyond the limit, instead of each stretch: `count` how many, `share`
 * their time as a share of the window, `longest` the longest one alone, `days` the plant-local days with any time beyond
 * the limit (with that time), `per-day` every plant-local day of the window with its time beyond the limit (0 included),
 * `day-count` how many days had any.
 */
/**
 * What a threshold question asks of its stretches. Without one, the time beyond the limit: one row with the total, how
 * many stretches and the longest ("how long was T1 under 3 m"); `stretches` lists each one (start, end, hours), asked by
 * their times ("from when to when", "when and how long").
 */
export type ThresholdReport = 'count' | 'share' | 'longest' | 'stretches' | 'days' | 'per-day' | 'day-count';

/** A complete parse: the planner only answers from one of these. */
export interface Plan {
  kind: 'plan';
  source: string;
  tags: PlanTag[];
  window: ResolvedWindow;
  operation: Operation;
  /** One line saying what was understood, shown with the answer. */
  understood: string;
  /** What the answer must say besides its numbers (e.g. "BPS03/P01 has no flow tag; answered with BPS03/Header/Flow"). */
  notes?: string[];
  /**
   * The result asked in another unit than the tags' ("in l/s", "in MWh"): every value read is converted (value x factor
   * + offset) before any statistic, and `text` ("1 m3/h = 0.277778 L/s") is stated in the method (asked-unit.ts).
   */
  scale?: UnitConversion & { text: string };
}

/** One thing an ask-back offers: what it is, and the question that asks for it (re-planned as is when chosen). */
export interface PlanChoice {
  label: string;
  question: string;
}

/** The planner did not understand the question completely; `reason` says what was missing. */
export interface Decline {
  kind: 'decline';
  reason: string;
  /**
   * The table the declined question asked to read ("who was on shift when ..." the shift log): a principal the guard
   * denies it is told that, not how to rephrase a question whose answer it may not read.
   */
  reads?: { source: string; table: string };
}

/** More than one tag (or period) fits; the answer asks back with the candidates. */
export interface Ambiguous {
  kind: 'ambiguous';
  reason: string;
  /**
   * What is left open when it is not the tag ("which night is meant"): the answer's note says it. Unset, the ask-back
   * is over tags.
   */
  about?: string;
  candidates: string[];
  /** The candidates as choices, each with the question it would ask. */
  choices?: PlanChoice[];
}

export type PlanResult = Plan | Decline | Ambiguous;
