// Turns LangChain tool definitions into the one JSON schema a local model may emit: oneOf {tool call} | {final answer}.
// The subset follows node-llama-cpp 3.21's grammar (oneOf not anyOf, additionalProperties false, bounded strings).
import type { GbnfJsonSchema } from 'node-llama-cpp';

/** A tool as LangChain hands it to `bindTools` after `convertToOpenAITool`. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments (zod 4 output). */
  parameters: Record<string, unknown>;
}

export type ToolChoiceMode = { kind: 'auto' } | { kind: 'required' } | { kind: 'none' } | { kind: 'named'; name: string };

export interface ReplySchemaOptions {
  /** Cap for every string the model writes (SQL, answer); unbounded strings let a weak model run to maxTokens. */
  maxStringLength: number;
  /** Cap for the final answer text, in characters. */
  maxAnswerLength: number;
  /** Cap for arrays without maxItems. */
  maxItems?: number;
}

/** The model's reply, as the grammar guarantees it. */
export type ModelReply = { type: 'tool_call'; name: string; args: Record<string, unknown> } | { type: 'final'; answer: string };

/** Maps LangChain's `tool_choice` (string or OpenAI object) to a mode. */
export function toolChoiceMode(choice: unknown): ToolChoiceMode {
  if (choice === undefined || choice === null || choice === 'auto') return { kind: 'auto' };
  if (choice === 'none') return { kind: 'none' };
  if (choice === 'any' || choice === 'required') return { kind: 'required' };
  if (typeof choice === 'string') return { kind: 'named', name: choice };
  const fn = (choice as { function?: { name?: unknown } }).function;
  if (fn && typeof fn.name === 'string') return { kind: 'named', name: fn.name };
  return { kind: 'auto' };
}

/** The reply schema for one generation: the allowed tool calls and/or the final answer. */
export function replySchema(tools: ToolSpec[], choice: ToolChoiceMode, options: ReplySchemaOptions): GbnfJsonSchema {
  const final: GbnfJsonSchema = {
    type: 'object',
    properties: { type: { const: 'final' }, answer: { type: 'string', maxLength: options.maxAnswerLength } },
    required: ['type', 'answer'],
  };
  const allowed = choice.kind === 'none' ? [] : choice.kind === 'named' ? tools.filter((t) => t.name === choice.name) : tools;
  const calls = allowed.map((tool): GbnfJsonSchema => ({
    type: 'object',
    properties: {
      type: { const: 'tool_call' },
      name: { const: tool.name },
      args: toGrammarSchema(tool.parameters, options, tool.parameters),
    },
    required: ['type', 'name', 'args'],
  }));
  const branches = choice.kind === 'required' || choice.kind === 'named' ? (calls.length > 0 ? calls : [final]) : [...calls, final];
  return branches.length === 1 ? (branches[0] as GbnfJsonSchema) : { oneOf: branches };
}

/** Reduces a zod/JSON schema to node-llama-cpp's grammar subset, bounding every string and array. */
export function toGrammarSchema(
  schema: Record<string, unknown>,
  options: ReplySchemaOptions,
  root: Record<string, unknown>,
): GbnfJsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace(/^#\/(\$defs|definitions)\//, '');
    const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Record<string, unknown>>;
    const target = defs[name];
    return target ? toGrammarSchema(target, options, root) : { type: 'null' };
  }
  if ('const' in schema) return { const: schema.const as string | number | boolean | null };
  if (Array.isArray(schema.enum)) return { enum: schema.enum as (string | number | boolean | null)[] };
  const union = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(union)) return { oneOf: union.map((s) => toGrammarSchema(s, options, root)) };
  const type = schema.type;
  if (Array.isArray(type)) return { oneOf: type.map((t) => toGrammarSchema({ ...schema, type: t }, options, root)) };
  switch (type) {
    case 'string': {
      const format = schema.format;
      if (format === 'date-time' || format === 'date' || format === 'time') return { type: 'string', format };
      const declared = typeof schema.maxLength === 'number' ? schema.maxLength : options.maxStringLength;
      const maxLength = Math.min(declared, options.maxStringLength);
      const minLength = typeof schema.minLength === 'number' ? Math.min(schema.minLength, maxLength) : undefined;
      return minLength === undefined ? { type: 'string', maxLength } : { type: 'string', minLength, maxLength };
    }
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type };
    case 'array': {
      const items = (schema.items ?? {}) as Record<string, unknown>;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : (options.maxItems ?? 8);
      return {
        type: 'array',
        items: toGrammarSchema(items, options, root),
        ...(typeof schema.minItems === 'number' ? { minItems: schema.minItems } : {}),
        maxItems,
      };
    }
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const out: Record<string, GbnfJsonSchema> = {};
      for (const [key, value] of Object.entries(properties)) out[key] = toGrammarSchema(value, options, root);
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      return { type: 'object', properties: out, required, additionalProperties: false };
    }
  }
}

/** The tool documentation a local model reads (in the system message, so it stays in the KV cache). */
export function renderToolDocs(tools: ToolSpec[]): string {
  const lines = [
    'Reply with exactly one JSON object and nothing else:',
    '- to call a tool: {"type":"tool_call","name":"<tool>","args":{...}}',
    '- to answer the user: {"type":"final","answer":"<text>"}',
    'Tools:',
  ];
  for (const tool of tools) {
    const props = (tool.parameters.properties ?? {}) as Record<string, { type?: unknown; description?: unknown }>;
    const required = new Set(Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : []);
    const args = Object.entries(props).map(([name, p]) => {
      const optional = required.has(name) ? '' : '?';
      const description = typeof p.description === 'string' ? ` (${p.description})` : '';
      return `${name}${optional}${description}`;
    });
    lines.push(`- ${tool.name}: ${tool.description}`, `  args: ${args.join('; ') || 'none'}`);
    for (const [name, p] of Object.entries(props)) {
      const variants = unionVariants(p);
      if (variants.length > 0) lines.push(`  ${name} is one of:`, ...variants.map((v) => `    ${v}`));
    }
  }
  return lines.join('\n');
}

/**
 * The branches of a discriminated union argument (e.g. plan_query's operation), one line each:
 * `{"kind":"threshold","comparator":..,"value":..}: intervals when one tag was above or below a limit`.
 */
function unionVariants(schema: Record<string, unknown>): string[] {
  const branches = (schema.oneOf ?? schema.anyOf) as Record<string, unknown>[] | undefined;
  if (!Array.isArray(branches)) return [];
  return branches.flatMap((branch) => {
    const props = (branch.properties ?? {}) as Record<string, Record<string, unknown>>;
    const tag = Object.entries(props).find(([, p]) => 'const' in p);
    if (!tag) return [];
    const fields = Object.entries(props)
      .filter(([key]) => key !== tag[0])
      .map(
        ([key, p]) =>
          `"${key}":${Array.isArray(p.enum) ? (p.enum as unknown[]).map((e) => JSON.stringify(e)).join('|') : typeof p.type === 'string' ? p.type : '..'}`,
      );
    const shape = `{"${tag[0]}":${JSON.stringify(tag[1].const)}${fields.map((f) => `,${f}`).join('')}}`;
    return [`${shape}${typeof branch.description === 'string' ? `: ${branch.description}` : ''}`];
  });
}
