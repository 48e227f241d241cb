// The historian mapping of a source: which tables and columns hold samples, tags, assets and alarms.
// The quick planner and the tag tools work from this mapping alone, never from names of the sample data.
import { z } from 'zod';

const identifier = z.string().min(1).max(128);

/** How the stored samples of a tag make a signal: hold each value (step) or draw a line to the next one (linear). */
export const interpolationSchema = z.enum(['step', 'linear']);
export type Interpolation = z.infer<typeof interpolationSchema>;

const minutes = z
  .number()
  .positive()
  .max(366 * 1440);

/** A per-tag rule: every given condition must hold; the first matching rule wins. */
const signalRuleSchema = z
  .object({
    tag: z.string().min(1).max(256).optional().describe('tag name pattern; * matches any run of characters'),
    measurement: z.string().min(1).max(128).optional().describe('measurement name, exact (case-insensitive)'),
    dataType: z.string().min(1).max(64).optional().describe('data type, exact (analog, status, counter)'),
    interpolation: interpolationSchema.optional(),
    heartbeatMinutes: minutes.optional(),
    maxAgeMinutes: minutes
      .optional()
      .describe('how long a sample of these tags holds at most; overrides the default and the detection of on-change storage'),
  })
  .strict();

/** The signal model of the source's tags; every field has a default that fits a deadband-compressed historian. */
export const signalSchema = z
  .object({
    interpolation: interpolationSchema
      .default('step')
      .describe('default for tags no rule matches: step suits status, counters and deadband-compressed analogs'),
    heartbeatMinutes: minutes.default(15).describe('longest interval the historian stores without a sample; longer gaps are reported'),
    maxAgeMinutes: minutes
      .default(180)
      .describe(
        'a sample holds at most this long: the value carried in at a window start, and over a hole in the data; a status tag ' +
          'found stored on change holds until its next sample instead (bounded by the newest sample of the source)',
      ),
    minCoveragePercent: z
      .number()
      .min(0)
      .max(100)
      .default(80)
      .describe('below this share of the window covered by good data, an answer leads with a coverage caveat'),
    rules: z.array(signalRuleSchema).max(1000).default([]),
  })
  .strict();
export type SignalSettings = z.infer<typeof signalSchema>;

export const historianMappingSchema = z
  .object({
    samples: z
      .object({
        table: identifier.describe('table (or view) holding one row per sample'),
        time: identifier.describe(
          "timestamp column: an instant; a TIMESTAMP without offset is read as UTC, or in the folder source's timestampZone",
        ),
        tag: identifier.describe('column referencing the tag id'),
        value: identifier.describe('numeric value column'),
        quality: identifier.optional().describe('OPC quality column, if any'),
        goodQuality: z.array(z.number().int()).default([192]).describe('quality codes that count as good'),
      })
      .strict(),
    tags: z
      .object({
        table: identifier,
        id: identifier,
        name: identifier.describe('tag name or path, e.g. BPS03/P02/DischargePressure'),
        description: identifier.optional(),
        unit: identifier.optional(),
        asset: identifier.optional().describe('column referencing the asset id'),
        measurement: identifier.optional().describe('column naming the measured quantity'),
        dataType: identifier.optional().describe('column with the data type (analog, status, counter)'),
        lowLimit: identifier.optional(),
        highLimit: identifier.optional(),
      })
      .strict(),
    assets: z
      .object({
        table: identifier,
        id: identifier,
        name: identifier,
        parent: identifier.optional(),
        kind: identifier.optional(),
        site: identifier.optional(),
        description: identifier.optional(),
      })
      .strict()
      .optional(),
    alarms: z
      .object({
        table: identifier,
        id: identifier.optional(),
        time: identifier,
        tag: identifier,
        eventType: identifier.describe('column holding the event type (active / clear / ack)'),
        priority: identifier.optional(),
        condition: identifier
          .optional()
          .describe(
            'column holding the alarm condition (ISA-18.2: HIGH, LOW, HIHI, LOLO, DEVIATION, ...); its values are read once ' +
              'at start-up. Without it, questions by condition ("hi alarms", "low level alarms") are declined; the message ' +
              'text is never parsed for it',
          ),
        message: identifier.optional(),
        activeValue: z.string().default('active'),
        clearValue: z.string().default('clear'),
        ackValue: z.string().default('ack'),
      })
      .strict()
      .optional(),
    shiftLog: z
      .object({
        table: identifier.describe('table of shift log entries (often personal data: the guard decides who reads it)'),
        time: identifier.describe('entry time column'),
        operator: identifier.optional().describe('column naming who wrote the entry'),
        shift: identifier.optional().describe('column naming the shift'),
        site: identifier.optional().describe('column naming the site the entry is about'),
        note: identifier.optional().describe('free-text column'),
      })
      .strict()
      .optional()
      .describe('the shift log, for "who was on shift" and "shift notes" questions'),
    types: z
      .record(z.string().min(1).max(200), z.enum(['analog', 'status', 'counter']))
      .optional()
      .describe('tag name or pattern (* any characters) -> type; overrides the type column and the inferred type'),
    signal: signalSchema.optional().describe('interpolation per tag, heartbeat and maximum age of a sample'),
  })
  .strict();

export type HistorianMapping = z.infer<typeof historianMappingSchema>;

/**
 * The asset context each connector's tag query selects after the tag columns, in this order (the tag's asset `a`, its
 * site `s`, its parent `p`, each joined by id): name, kind, site code, site name, description, site description, parent name.
 */
export const ASSET_CONTEXT_COLUMNS: readonly string[] = [
  'a.asset_name',
  'a.asset_kind',
  'a.site_code',
  's.asset_name',
  'a.asset_description',
  's.asset_description',
  'p.asset_name',
];

/**
 * The tags of a source found stored on change (exception storage without a heartbeat: a sample only when the value
 * changes), by tag id as text. Found from the data when the catalog is loaded (connectors/apply-tag-types.ts), not
 * configured: kept beside the mapping object so that every plan compiled over it sees them.
 */
const storedOnChangeByMapping = new WeakMap<HistorianMapping, ReadonlySet<string>>();

/** Records the tags of `mapping`'s source found stored on change (replacing what was recorded). */
export function recordStoredOnChange(mapping: HistorianMapping, tagIds: Iterable<string | number>): void {
  storedOnChangeByMapping.set(mapping, new Set([...tagIds].map(String)));
}

/** The ids (as text) of the tags of `mapping`'s source found stored on change; empty when none were or detection did not run. */
export function storedOnChangeOf(mapping: HistorianMapping): ReadonlySet<string> {
  return storedOnChangeByMapping.get(mapping) ?? new Set();
}
