// Compiles our JSON-schema subset to a compact GBNF grammar: no whitespace, fixed key order, every string and array bounded.
// node-llama-cpp's own JSON-schema grammar allows free whitespace, and a weak model spends its token budget on it.
import type { GbnfJsonSchema } from 'node-llama-cpp';

const CHAR = String.raw`[^"\\\x00-\x1F\x7F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])`;

/** A GBNF literal for a JSON text (e.g. `"tool_call"` with its quotes). */
function literal(json: string): string {
  return JSON.stringify(json);
}

/**
 * GBNF for the schema. Objects list every property in order; a property that is not required may be `null`
 * (callers drop null optionals after parsing). Strings without maxLength get `defaultMaxLength`.
 */
export function schemaToGbnf(schema: GbnfJsonSchema, defaultMaxLength = 200): string {
  const rules: string[] = [];
  let next = 0;
  const rule = (body: string): string => {
    const name = `r${next++}`;
    rules.push(`${name} ::= ${body}`);
    return name;
  };
  const stringRule = (min: number, max: number): string => {
    const lo = Math.max(0, Math.min(min, max));
    return rule(`"\\"" char{${lo},${max}} "\\""`);
  };
  const compile = (s: GbnfJsonSchema): string => {
    const o = s as Record<string, unknown>;
    if ('const' in o) return literal(JSON.stringify(o.const));
    if (Array.isArray(o.enum)) return rule((o.enum as unknown[]).map((v) => literal(JSON.stringify(v))).join(' | '));
    if (Array.isArray(o.oneOf)) return rule((o.oneOf as GbnfJsonSchema[]).map((x) => compile(x)).join(' | '));
    switch (o.type) {
      case 'string': {
        if (typeof o.format === 'string') return stringRule(0, 40);
        return stringRule(
          typeof o.minLength === 'number' ? o.minLength : 0,
          typeof o.maxLength === 'number' ? o.maxLength : defaultMaxLength,
        );
      }
      case 'integer':
        return rule(`"-"? [0-9]{1,15}`);
      case 'number':
        return rule(`"-"? [0-9]{1,15} ("." [0-9]{1,6})?`);
      case 'boolean':
        return rule(`"true" | "false"`);
      case 'null':
        return literal('null');
      case 'array': {
        const item = compile((o.items ?? { type: 'null' }) as GbnfJsonSchema);
        const max = typeof o.maxItems === 'number' ? o.maxItems : 8;
        const min = typeof o.minItems === 'number' ? Math.min(o.minItems, max) : 0;
        if (max === 0) return literal('[]');
        const rest = `("," ${item}){${Math.max(0, min - 1)},${max - 1}}`;
        return rule(min > 0 ? `"[" ${item} ${rest} "]"` : `"[" (${item} ${rest})? "]"`);
      }
      case 'object': {
        const props = Object.entries((o.properties ?? {}) as Record<string, GbnfJsonSchema>);
        if (props.length === 0) return literal('{}');
        const required = new Set((o.required ?? []) as string[]);
        const parts = props.map(([key, value], i) => {
          const v = compile(value);
          const valueExpr = required.has(key) ? v : `(${v} | "null")`;
          return `${literal(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`)} ${valueExpr}`;
        });
        return rule(`${parts.join(' ')} "}"`);
      }
      default:
        return literal('null');
    }
  };
  const root = compile(schema);
  return [`root ::= ${root}`, ...rules, `char ::= ${CHAR}`].join('\n');
}

/** Drops `null` values of properties the schema does not require (the grammar writes null for an omitted optional). */
export function dropNullOptionals(value: Record<string, unknown>, schema: Record<string, unknown>): Record<string, unknown> {
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== null || required.has(key)));
}
