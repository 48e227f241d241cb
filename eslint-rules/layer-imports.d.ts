// Types of the layering rule (the rule is plain JavaScript because eslint.config.js loads it without a build step).
import type { ESLint, Rule } from 'eslint';

export declare const allowedLayers: Record<string, string[]>;
export declare const engineHomes: Record<string, string[]>;
export declare const layerImports: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
