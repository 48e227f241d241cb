// The policy guard: loads policy files, decides every tool call, reloads on change, keeps the old policy on a bad file.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Dialect, SourceDescription } from '../connectors/connector.ts';
import type { SqlParser } from '../connectors/sql-parser.ts';
import { OtqError } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import type { Decision, Guard, ToolCall } from './decision.ts';
import { effectiveScope, type EffectiveScope } from './effective-scope.ts';
import { filterDescription } from './filter-description.ts';
import { shippedPolicyFiles, type PolicyBundle } from './load-policies.ts';
import { createJudgmentCache } from './decision-cache.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { checkSql, lookBackStart, type SqlJudgment } from './sql-check.ts';
import { loadCheckedPolicies } from './validate-policies.ts';

export interface GuardOptions {
  /** User policy files (config `policies.files`), loaded after the shipped ones. */
  policyFiles: string[];
  /** Load the shipped files in policies/ first (config `policies.shipped`). */
  shipped: boolean;
  /** Descriptions of the configured sources: their tables are what policies grant. */
  sources: SourceDescription[];
  parsers: { duckdb: SqlParser; postgres?: SqlParser };
  /** Milliseconds since the epoch; injected in tests (rate limit, samples window). */
  clock?: () => number;
  /** How many run_sql judgments to keep (LRU; 0 turns the cache off). Default 512. */
  cacheSize?: number;
}

export type PolicyEvent = { kind: 'reloaded'; bundleHash: string } | { kind: 'rejected'; errors: string[] };

export interface PolicyGuard extends Guard {
  /** Re-reads every policy file; on any error the old policy stays in force and the errors are returned. */
  reload(): Promise<{ ok: boolean; errors?: string[] }>;
  /** Reloads when a policy file changes (fs.watch on their folders); returns a function that stops watching. SIGHUP is the caller's: call reload(). */
  watch(onEvent: (event: PolicyEvent) => void): () => void;
  /** The policy files in load order. */
  readonly files: readonly string[];
  /** Grants of tables the sources do not have (they grant nothing), as `file:line:column: message`; shown at start. */
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

/** Loads and validates the policy bundle; throws POLICY_INVALID listing every error (file:line:column) when it is invalid. */
export async function createGuard(options: GuardOptions): Promise<PolicyGuard> {
  const clock = options.clock ?? Date.now;
  const files = [...(options.shipped ? await shippedPolicyFiles() : []), ...options.policyFiles.map((f) => resolve(f))];
  const load = (): Promise<{ ok: true; bundle: PolicyBundle; warnings: string[] } | { ok: false; errors: string[] }> =>
    loadCheckedPolicies(files, options.sources, options.parsers);
  const first = await load();
  if (!first.ok)
    throw new OtqError('POLICY_INVALID', `invalid policy:\n  ${first.errors.join('\n  ')}`, { details: { errors: first.errors } });
  let bundle = first.bundle;
  let warnings = first.warnings;
  let scopes = new Map<string, EffectiveScope>();
  const rate = createRateLimiter();
  const judgments = createJudgmentCache(options.cacheSize ?? 512);
  const watchers = new Set<FSWatcher>();
  const sources = new Map(options.sources.map((s) => [s.name, s]));

  const scopeFor = (principal: Principal): EffectiveScope => {
    const key = principal.roles.join('\u0000');
    let scope = scopes.get(key);
    if (!scope) {
      scope = effectiveScope(bundle, principal.roles, options.sources);
      scopes.set(key, scope);
    }
    return scope;
  };
  const parserFor = (dialect: Dialect): SqlParser | undefined => (dialect === 'duckdb' ? options.parsers.duckdb : options.parsers.postgres);

  const decide = async (principal: Principal, call: ToolCall): Promise<Decision> => {
    const scope = scopeFor(principal);
    if (principal.roles.length === 0)
      return { kind: 'deny', rule: 'role.unknown', reason: `the user ${principal.id} has no role; ask an administrator to assign one` };
    if (scope.unknownRoles.length > 0)
      return {
        kind: 'deny',
        rule: 'role.unknown',
        reason: `the role ${scope.unknownRoles.join(', ')} is not defined in the policy; ask an administrator`,
      };
    if (!scope.tools.has(call.tool))
      return { kind: 'deny', rule: 'tool.not-granted', reason: `your role ${scope.roleLabel} may not use the tool ${call.tool}` };
    if (call.tool !== 'run_sql') return { kind: 'allow' };
    const { source: sourceName, sql } = call.args;
    if (typeof sourceName !== 'string' || typeof sql !== 'string')
      return { kind: 'deny', rule: 'tool.bad-args', reason: 'run_sql needs a source name and one SQL statement, both as text' };
    const description = sources.get(sourceName);
    if (!description)
      return {
        kind: 'deny',
        rule: 'source.not-granted',
        reason: `there is no source named ${sourceName}; known sources: ${[...sources.keys()].join(', ')}`,
      };
    const sourceScope = scope.sources.get(sourceName);
    if (!sourceScope)
      return { kind: 'deny', rule: 'source.not-granted', reason: `your role ${scope.roleLabel} may not query the source ${sourceName}` };
    const parser = parserFor(description.dialect);
    if (!parser)
      return {
        kind: 'deny',
        rule: 'sql.unparseable',
        reason: `no ${description.dialect} parser is configured, so SQL on ${sourceName} cannot be checked`,
      };
    const nowMs = clock();
    const windowStartMs = lookBackStart(nowMs, scope.maxWindowDays);
    const key = { bundleHash: bundle.sha256, roles: principal.roles, source: sourceName, windowStartMs, sql };
    let judgment = judgments.get(key);
    if (!judgment) {
      judgment = await checkSql({ bundle, scope, source: sourceScope, parser, sql, windowStartMs });
      if (cacheable(judgment)) judgments.set(key, judgment);
    }
    // The rate limit is per call, never cached: a counted judgment applies only when the limit admits one more query.
    if (judgment.counted && scope.rateLimitPerMinute !== undefined && !rate.take(principal.id, scope.rateLimitPerMinute, nowMs))
      return {
        kind: 'deny',
        rule: 'rate.limit',
        reason: `your role ${scope.roleLabel} may run ${scope.rateLimitPerMinute} queries per minute; wait a minute and ask again`,
      };
    return judgment.decision;
  };

  const guard: PolicyGuard = {
    get bundleHash() {
      return bundle.sha256;
    },
    files,
    get warnings() {
      return warnings;
    },
    async check(principal, call) {
      try {
        return await decide(principal, call);
      } catch (error) {
        // Fail closed: anything unexpected is a denial, never an exception past the guard.
        return {
          kind: 'deny',
          rule: 'guard.error',
          reason: `the policy guard could not judge this call (${(error as Error).message}); it was not run`,
        };
      }
    },
    filterDescription(principal, description) {
      const scope = scopeFor(principal);
      if (scope.unknownRoles.length > 0) return { ...description, tables: [], tags: [] };
      return filterDescription(scope, description);
    },
    async reload() {
      const next = await load();
      if (!next.ok) return { ok: false, errors: next.errors };
      bundle = next.bundle;
      warnings = next.warnings;
      scopes = new Map();
      judgments.clear();
      return { ok: true };
    },
    watch(onEvent) {
      let timer: NodeJS.Timeout | undefined;
      const names = new Set(files.map((f) => basename(f)));
      const fire = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          void guard
            .reload()
            .then((r) => onEvent(r.ok ? { kind: 'reloaded', bundleHash: bundle.sha256 } : { kind: 'rejected', errors: r.errors ?? [] }));
        }, 50);
      };
      const mine: FSWatcher[] = [];
      for (const dir of new Set(files.map((f) => dirname(f)))) {
        const watcher = fsWatch(dir, (_event, name) => {
          if (name === null || names.has(String(name))) fire();
        });
        watcher.on('error', () => undefined);
        mine.push(watcher);
        watchers.add(watcher);
      }
      return () => {
        clearTimeout(timer);
        for (const w of mine) {
          w.close();
          watchers.delete(w);
        }
      };
    },
    close() {
      for (const w of watchers) w.close();
      watchers.clear();
      return Promise.resolve();
    },
  };
  return guard;
}

/** A judgment that may be cached: not one that a failing parser or rewrite could have caused (those are retried). */
function cacheable(judgment: SqlJudgment): boolean {
  return judgment.decision.kind !== 'deny' || !['sql.unparseable', 'sql.rewrite'].includes(judgment.decision.rule);
}
