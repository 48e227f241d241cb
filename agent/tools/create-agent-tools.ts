// The agent's tool set for one question: schema linking, guarded SQL, and the structured tag tools.
import type { StructuredToolInterface } from '@langchain/core/tools';
import { createDescribeTableTool, createSearchCatalogTool } from './catalog-tools.ts';
import { createRunSqlTool } from './run-sql-tool.ts';
import { createTagHistoryTool, createTagStatsTool } from './tag-tools.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';

/** Tools bound to one question's principal and evidence context. Tag tools only when some source has a historian mapping. */
export function createAgentTools(deps: AgentToolDeps, ctx: ToolContext): StructuredToolInterface[] {
  const tools = [createSearchCatalogTool(deps, ctx), createDescribeTableTool(deps, ctx), createRunSqlTool(deps, ctx)];
  if (deps.sources.some((s) => s.historian)) tools.push(createTagHistoryTool(deps, ctx), createTagStatsTool(deps, ctx));
  return tools;
}
