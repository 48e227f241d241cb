// The reply grammar: a oneOf of the tools' calls and the final answer, strings bounded, no free whitespace.
import { describe, expect, it } from 'vitest';
import { dropNullOptionals, schemaToGbnf } from '../../../agent/model/json-gbnf.ts';
import { replySchema, toolChoiceMode } from '../../../agent/model/tool-grammar.ts';

const tools = [
  {
    name: 'run_sql',
    description: 'run',
    parameters: {
      type: 'object',
      properties: { source: { type: 'string' }, sql: { type: 'string', maxLength: 4000 }, limit: { type: 'integer' } },
      required: ['source', 'sql'],
    },
  },
  {
    name: 'search_catalog',
    description: 'search',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
];
const opts = { maxStringLength: 300, maxAnswerLength: 500 };

describe('reply grammar', () => {
  it('offers every tool and the final answer on auto, caps declared and undeclared string lengths', () => {
    const gbnf = schemaToGbnf(replySchema(tools, toolChoiceMode('auto'), opts));
    expect(gbnf).toContain('"\\"run_sql\\""');
    expect(gbnf).toContain('"\\"search_catalog\\""');
    expect(gbnf).toContain('"\\"final\\""');
    expect(gbnf).toContain('char{0,300}');
    expect(gbnf).toContain('char{0,500}');
    expect(gbnf).not.toContain('char{0,4000}');
    expect(gbnf).not.toMatch(/\bws\b|\[ \\t\\n\]/);
  });

  it('maps tool_choice: none keeps only the answer, required drops it, a named tool keeps only that tool', () => {
    expect(schemaToGbnf(replySchema(tools, toolChoiceMode('none'), opts))).not.toContain('tool_call');
    expect(schemaToGbnf(replySchema(tools, toolChoiceMode('required'), opts))).not.toContain('final');
    const named = schemaToGbnf(replySchema(tools, toolChoiceMode({ type: 'function', function: { name: 'search_catalog' } }), opts));
    expect(named).toContain('search_catalog');
    expect(named).not.toContain('run_sql');
  });

  it('drops null optionals the grammar wrote, keeps required values', () => {
    expect(dropNullOptionals({ source: 'h', sql: 'x', limit: null }, tools[0]!.parameters)).toEqual({ source: 'h', sql: 'x' });
  });
});
