// run_sql: one read-only statement against one source, through the guard and the audit log; errors go back to the model to repair.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import { runSqlForModel } from './sql-tool-result.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';

export const runSqlSchema = z.object({
  source: z.string().min(1).max(64).describe('source name from the system prompt, e.g. "historian"'),
  sql: z
    .string()
    .min(1)
    .max(4000)
    .describe(
      "exactly one read-only SELECT in the source's SQL dialect; aggregate in SQL (sum, avg, count, GROUP BY) and always bound time with a WHERE on the time column",
    ),
});

export function createRunSqlTool(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface {
  return tool(async ({ source, sql }) => runSqlForModel(deps, ctx, 'run_sql', source, sql), {
    name: 'run_sql',
    description:
      'Run one read-only SQL SELECT on a source and get a bounded result (rows may be truncated). On an SQL error you get the engine message: fix the SQL and retry. A policy denial names the rule.',
    schema: runSqlSchema,
  });
}
