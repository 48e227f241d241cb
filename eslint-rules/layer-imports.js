// ESLint rule: imports point one way (app -> ui -> agent -> policies -> connectors/audit -> core), and each engine
// library is imported only where its connector, its model provider, the sample generator or the benches live.
import { dirname, relative, resolve, sep } from 'node:path';

/** Top-level folder -> the project folders it may import from (itself included). */
export const allowedLayers = {
  core: ['core'],
  connectors: ['core', 'connectors'],
  audit: ['core', 'audit'],
  policies: ['core', 'connectors', 'policies'],
  'data-samples': ['core', 'connectors', 'data-samples'],
  agent: ['core', 'connectors', 'audit', 'policies', 'agent'],
  ui: ['core', 'connectors', 'audit', 'policies', 'agent', 'ui'],
  app: ['core', 'connectors', 'audit', 'policies', 'agent', 'ui', 'data-samples', 'app'],
};

/** Engine library -> path prefixes (from the repository root) that may import it. */
export const engineHomes = {
  '@duckdb/node-api': ['connectors/duckdb/', 'data-samples/', 'bench/', 'test/'],
  pg: ['connectors/postgres/', 'data-samples/', 'bench/', 'test/'],
  'pg-cursor': ['connectors/postgres/', 'bench/', 'test/'],
  'pg-protocol': ['connectors/postgres/', 'bench/', 'test/'],
  'libpg-query': ['connectors/postgres/', 'bench/', 'test/'],
  'node-llama-cpp': ['agent/model/', 'bench/', 'test/'],
};

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'imports run down the layers; engine libraries stay in their connector' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      upward: '{{from}}/ may not import {{to}}/ (allowed: {{allowed}}); move the code down a layer or pass it in from app/',
      engine: '{{lib}} may be imported only under {{homes}}; call the connector or provider that owns it',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    const from = file.split('/')[0];
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const allowed = allowedLayers[from];
        if (!allowed) return;
        const target = relative(root, resolve(dirname(context.filename), spec))
          .split(sep)
          .join('/');
        const to = target.split('/')[0];
        if (to in allowedLayers && !allowed.includes(to)) {
          context.report({ node, messageId: 'upward', data: { from, to, allowed: allowed.join(', ') } });
        }
        return;
      }
      const lib = packageName(spec);
      const homes = engineHomes[lib];
      if (homes && !homes.some((home) => file.startsWith(home))) {
        context.report({ node, messageId: 'engine', data: { lib, homes: homes.join(', ') } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
