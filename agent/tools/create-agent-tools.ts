// The agent's tool set for one question: schema linking, guarded SQL, and the structured tag tools.
import type { StructuredToolInterface } from '@langchain/core/tools';
import { createDescribeTableTool, createSearchCatalogTool } from './catalog-tools.ts';
import { createPlanQueryTool } from './plan-tool.ts';
import { createRunSqlTool } from './run-sql-tool.ts';
import { createTagHistoryTool, createTagStatsTool } from './tag-tools.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';

/**
 * Tools bound to one question's principal and evidence context. The plan tool and the tag tools only when some source
 * has a historian mapping; the plan tool comes before run_sql, since a small model tends to pick the first fitting tool.
 */
export function createAgentTools(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface[] {
  const historian = deps.sources.some((s) => s.historian);
  const tools = [createSearchCatalogTool(deps, ctx), createDescribeTableTool(deps, ctx)];
  if (historian) tools.push(createPlanQueryTool(deps, ctx));
  tools.push(createRunSqlTool(deps, ctx));
  if (historian) tools.push(createTagHistoryTool(deps, ctx), createTagStatsTool(deps, ctx));
  return tools;
}
