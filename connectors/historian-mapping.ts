// The historian mapping of a source: which tables and columns hold samples, tags, assets and alarms.
// The quick planner and the tag tools work from this mapping alone, never from names of the sample data.
import { z } from 'zod';

const identifier = z.string().min(1).max(128);

export const historianMappingSchema = z
  .object({
    samples: z
      .object({
        table: identifier.describe('table (or view) holding one row per sample'),
        time: identifier.describe('timestamp column (UTC instant)'),
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
        message: identifier.optional(),
        activeValue: z.string().default('active'),
        clearValue: z.string().default('clear'),
        ackValue: z.string().default('ack'),
      })
      .strict()
      .optional(),
    types: z
      .record(z.string().min(1).max(200), z.enum(['analog', 'status', 'counter']))
      .optional()
      .describe('tag name or pattern (* any characters) -> type; overrides the type column and the inferred type'),
  })
  .strict();

export type HistorianMapping = z.infer<typeof historianMappingSchema>;
