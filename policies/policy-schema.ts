// The zod schema of a policy file: roles grant tools, sources, tables, columns, row filters and limits.
import { z } from 'zod';

const name = z.string().min(1).max(128);

/** What a role may read of one table. */
export const tableGrantSchema = z
  .object({
    columns: z.array(name).min(1).optional().describe('allow list: only these columns are visible'),
    denyColumns: z.array(name).min(1).optional().describe('deny list: every column except these is visible'),
    rowFilter: z.string().min(1).max(4000).optional().describe("SQL predicate over the table's columns, e.g. site = 'BPS03'"),
  })
  .strict()
  .refine((g) => !(g.columns && g.denyColumns), { message: 'use either columns (allow list) or denyColumns (deny list), not both' });

/** What a role may read of one source: every table (`"*"`, minus `exceptTables`) or the listed ones. */
export const sourceGrantSchema = z
  .object({
    tables: z.union([z.literal('*'), z.record(name, tableGrantSchema.nullable())]).describe('"*" for every table, or table name -> grant'),
    exceptTables: z.array(name).optional().describe('with tables: "*", tables not granted'),
    /** System catalogs (pg_catalog, information_schema, duckdb_*) are never readable unless this is true. */
    systemCatalogs: z.boolean().default(false),
  })
  .strict()
  .refine((g) => g.exceptTables === undefined || g.tables === '*', { message: 'exceptTables only applies with tables: "*"' });

export const roleSchema = z
  .object({
    description: z.string().max(500).optional(),
    tools: z
      .array(name)
      .default([])
      .describe(
        'tools this role may call: run_sql, search_catalog, describe_table, tag_history, tag_stats, audit_read, verify_answer, metrics_read (GET /metrics)',
      ),
    sources: z.record(name, sourceGrantSchema).default({}),
    maxRows: z.number().int().positive().max(10_000_000).optional().describe('row cap per answer (default 10000)'),
    maxWindowDays: z
      .number()
      .int()
      .positive()
      .max(36_600)
      .optional()
      .describe('historian samples older than this many days are not visible'),
    rateLimitPerMinute: z.number().int().positive().max(100_000).optional().describe('run_sql calls per minute per principal'),
  })
  .strict();

/** Why a table or column is protected; used in denial messages. */
export const protectionSchema = z
  .object({
    reason: z.string().min(1).max(300).optional(),
    columns: z.record(name, z.string().min(1).max(300)).optional().describe('column -> reason'),
  })
  .strict();

export const policyFileSchema = z
  .object({
    version: z.literal(1),
    /** source -> table -> reason text, e.g. shift_log: "shift_log holds personal data". */
    protected: z.record(name, z.record(name, protectionSchema)).default({}),
    roles: z.record(name.regex(/^[a-z][a-z0-9_-]*$/, 'role names are lower-case letters, digits, - and _'), roleSchema).default({}),
  })
  .strict();

export type TableGrant = z.infer<typeof tableGrantSchema>;
export type SourceGrant = z.infer<typeof sourceGrantSchema>;
export type RolePolicy = z.infer<typeof roleSchema>;
export type Protection = z.infer<typeof protectionSchema>;
export type PolicyFile = z.infer<typeof policyFileSchema>;
