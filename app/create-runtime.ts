// The composition root: builds every part from the parsed config, once, and wires them together.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { AuditContext, AuditLog } from '../audit/audit-record.ts';
import { createFileAuditLog } from '../audit/file-audit-log.ts';
import type { SourceDescription, TagInfo } from '../connectors/connector.ts';
import type { JsonObject } from '../core/json.ts';
import type { Principal } from '../core/principal.ts';
import { createGuard, type PolicyEvent } from '../policies/create-guard.ts';
import type { Answerer, AskRequest } from '../agent/answer.ts';
import type { PlannerCatalog } from '../agent/planner/plan-question.ts';
import type { ModelProvider } from '../agent/model/model-provider.ts';
import { createAsk } from '../agent/ask.ts';
import type { LoadedConfig } from './config/load-config.ts';
import { runGuardedSql } from '../agent/guarded-sql.ts';
import type { Runtime } from '../ui/runtime.ts';
import type { OtqConfig } from './config/config-schema.ts';
import { openSources, prepareSamples } from './open-sources.ts';
import { markPhase } from '../core/phase-timing.ts';

export interface RuntimeOptions {
  /** Generate the sample data when the embedded default's files are missing (default true). */
  ensureSamples?: boolean;
  /** Load the model provider (default true); `otq sql` and `otq catalog` skip it. */
  loadModel?: boolean;
  /** Use this audit log instead of opening the configured directory (tests). */
  audit?: AuditLog;
  clock?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Reload policies on SIGHUP (default true). */
  watchPolicies?: boolean;
  /** Progress lines during start-up (sample generation can take a while). */
  log?: (line: string) => void;
  /** Use this model instead of the configured one (tests, `otq eval --model` replaying transcripts). */
  modelProvider?: ModelProvider;
  /** Leave the quick planner out: every question goes to the model (`otq eval --model`), or none is asked (`otq sql`, `otq catalog`). */
  skipPlanner?: boolean;
}

const systemContext: AuditContext = { principal: null, channel: 'system', requestId: 'startup' };

/** The runtime as the commands see it: what channels get, plus the whole loaded otq.yaml. */
export interface AppRuntime extends Runtime {
  readonly loaded: LoadedConfig;
  readonly config: OtqConfig;
  /** Every source as described at start (unfiltered: for the operator's start-up summary, never for a principal). */
  readonly descriptions: readonly SourceDescription[];
}

export async function createRuntime(loaded: LoadedConfig, options: RuntimeOptions = {}): Promise<AppRuntime> {
  const { config } = loaded;
  const log = options.log ?? (() => {});
  const closers: (() => void | Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch {
        // Best effort: one part that fails to close must not keep the others open.
      }
    }
  };
  try {
    for (const note of loaded.notes ?? []) log(`otq: ${note}`);
    if (options.ensureSamples !== false) await prepareSamples(config.samples, log);
    const audit =
      options.audit ??
      (await createFileAuditLog({
        dir: config.audit.dir,
        checkpointEvery: config.audit.checkpointEvery,
        checkpointIntervalMs: config.audit.checkpointIntervalMs,
        ...(config.audit.keyFile ? { keyFile: config.audit.keyFile } : {}),
        ...(config.audit.syslog ? { syslog: config.audit.syslog } : {}),
        egressAllowedHosts: config.egress.allowedHosts,
      }));
    if (!options.audit) closers.push(() => audit.close());
    markPhase('audit log opened (recovery, key)');

    const opened = await openSources(config.sources, options.env, { cacheDir: stateCacheDir(config), log: (line) => log(`otq: ${line}`) });
    closers.push(() => opened.close());
    const { connectors, descriptions, parsers } = opened;
    // The guard's rate limit and look-back window follow the same injected clock as the rest of the runtime.
    const runtimeClock = options.clock;
    const guard = await createGuard({
      policyFiles: config.policies.files,
      shipped: config.policies.shipped,
      sources: descriptions,
      parsers,
      ...(runtimeClock ? { clock: () => runtimeClock().getTime() } : {}),
    });
    closers.push(() => guard.close());
    markPhase('guard created (policies)');
    for (const warning of guard.warnings) log(`otq: policy: ${warning}`);
    // Policies reload on file change and on SIGHUP; an invalid new file keeps the old policy. Both outcomes are evidence.
    const onPolicy = (event: PolicyEvent) => {
      const payload: JsonObject =
        event.kind === 'reloaded'
          ? { event: 'policy_reloaded', policyBundleSha256: event.bundleHash }
          : { event: 'policy_reload_rejected', errors: event.errors };
      if (event.kind === 'rejected') log(`otq: policy reload rejected, keeping the old policy:\n  ${event.errors.join('\n  ')}`);
      audit
        .record('config', systemContext, payload)
        .catch((error: unknown) => log(`otq: could not record policy reload: ${String(error)}`));
    };
    const stopWatch = guard.watch(onPolicy);
    const onHup = () => {
      guard
        .reload()
        .then((r) => onPolicy(r.ok ? { kind: 'reloaded', bundleHash: guard.bundleHash } : { kind: 'rejected', errors: r.errors ?? [] }))
        .catch((error: unknown) => log(`otq: policy reload failed: ${String(error)}`));
    };
    if (options.watchPolicies !== false) process.on('SIGHUP', onHup);
    closers.push(() => {
      stopWatch();
      process.off('SIGHUP', onHup);
    });

    await audit.record('config', systemContext, {
      version: await otqVersion(),
      configPath: loaded.path,
      configSha256: loaded.sha256,
      policyBundleSha256: guard.bundleHash,
      ...(guard.warnings.length > 0 ? { policyWarnings: [...guard.warnings] } : {}),
      ...(loaded.notes && loaded.notes.length > 0 ? { configNotes: [...loaded.notes] } : {}),
      sources: descriptions.map((d) => ({ name: d.name, dialect: d.dialect, tables: d.tables.length, tags: d.tags?.length ?? 0 })),
    });

    markPhase('config record durable');
    const principalFor = (userId: string): Principal | undefined => {
      const user = config.users[userId];
      return user ? { id: userId, roles: [...user.roles], ...(user.displayName ? { displayName: user.displayName } : {}) } : undefined;
    };
    const sqlDeps = { connectors, guard, audit };
    const runSql: Runtime['runSql'] = (principal, context, request) => runGuardedSql(sqlDeps, principal, context, request);

    let catalogView: ((request: AskRequest) => Promise<PlannerCatalog[]>) | undefined;
    /** Per source, the tags a principal's row filters let through (read through the guard, cached per role set and policy). */
    const visibleTags = async (principal: Principal, context: AuditContext): Promise<Map<string, TagInfo[]>> => {
      if (!catalogView) {
        const { createVisibleCatalogs } = await import('../agent/planner/visible-catalog.ts');
        const { buildVocabulary } = await import('../agent/planner/vocabulary.ts');
        catalogView = createVisibleCatalogs({
          sources: descriptions,
          filterDescription: (p, d) => guard.filterDescription(p, d),
          policyVersion: () => guard.bundleHash,
          runSql: (request, ask) =>
            runSql(ask.principal, { principal: ask.principal.id, channel: ask.channel, requestId: ask.requestId }, request),
          vocabulary: buildVocabulary(config.planner.vocabulary),
        });
      }
      const catalogs = await catalogView({ principal, question: '', channel: context.channel, requestId: context.requestId });
      return new Map(catalogs.map((c) => [c.source.name, c.source.tags ?? []]));
    };

    const answerers: Answerer[] = [];
    if (!options.skipPlanner) {
      const { createQuickPlanner } = await import('../agent/planner/quick-planner.ts');
      answerers.push(
        createQuickPlanner({
          sources: descriptions,
          filterDescription: (principal, description) => guard.filterDescription(principal, description),
          recordRefusal: async (ask, payload) =>
            (
              await audit.record(
                'policy_decision',
                { principal: ask.principal.id, channel: ask.channel, requestId: ask.requestId },
                payload,
              )
            ).seq,
          policyVersion: () => guard.bundleHash,
          runSql: async (request, ask) => {
            markPhase(`planner ready to run ${request.tool}`);
            const outcome = await runSql(
              ask.principal,
              { principal: ask.principal.id, channel: ask.channel, requestId: ask.requestId },
              // A cancelled question (the web page's Cancel, a closed connection) interrupts its query too.
              ask.signal ? { ...request, signal: ask.signal } : request,
            );
            markPhase('guard + query + audit durable');
            return outcome;
          },
          timezone: config.timezone,
          synonyms: config.synonyms,
          shifts: config.shifts,
          vocabulary: config.planner.vocabulary,
          nightHours: { fromHour: config.planner.nightHours.from, toHour: config.planner.nightHours.to },
          dateOrder: config.planner.dateOrder,
          ...(options.clock ? { clock: options.clock } : {}),
        }),
      );
    }
    const wantsModel = options.modelProvider !== undefined || (options.loadModel !== false && config.model.provider !== 'none');
    if (wantsModel) {
      const { createModelProvider } = await import('../agent/model/create-model-provider.ts');
      const { createModelAgent } = await import('../agent/model-agent/create-model-agent.ts');
      const provider =
        options.modelProvider ??
        (await createModelProvider(config.model, {
          audit,
          baseDir: loaded.baseDir,
          egressAllowedHosts: config.egress.allowedHosts,
        }));
      if (provider) {
        closers.push(() => provider.close());
        answerers.push(
          createModelAgent({
            provider,
            sources: descriptions,
            connectors,
            guard,
            audit,
            timezone: config.timezone,
            sourceNotes: Object.fromEntries(
              Object.entries(config.sources).flatMap(([n, s]) => (s.description ? [[n, s.description]] : [])),
            ),
            maxToolCalls: config.model.maxToolCalls,
            budgetMs: config.model.budgetMs,
            grounding: config.model.grounding,
            ...(options.clock ? { clock: options.clock } : {}),
          }),
        );
      }
    }
    const ask = createAsk({ answerers, audit });
    markPhase('answerers created');

    return {
      loaded,
      config,
      descriptions,
      connectors,
      guard,
      audit,
      principalFor,
      ask,
      runSql,
      catalog: async (principal, context): Promise<SourceDescription[]> => {
        const granted = descriptions.map((d) => guard.filterDescription(principal, d)).filter((d) => d.tables.length > 0);
        // A row-filtered role's description has no tags (the full catalog would name hidden ones): its tags are read
        // through the guard as that role, as the planner does, so the catalog page and answer names show what it may see.
        if (!granted.some((d) => d.historian && !d.tags && descriptions.find((o) => o.name === d.name)?.tags?.length)) return granted;
        const visible = await visibleTags(principal, context ?? { principal: principal.id, channel: 'system', requestId: 'catalog' });
        return granted.map((d) => (d.tags ? d : { ...d, ...(visible.get(d.name) ? { tags: visible.get(d.name) } : {}) }));
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Where otq keeps derived, re-computable state (inferred tag types): `cache/` beside the audit directory. */
export function stateCacheDir(config: OtqConfig): string {
  return join(dirname(config.audit.dir), 'cache');
}

/** A fresh request id for one question or API call. */
export function newRequestId(): string {
  return randomUUID();
}

async function otqVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { projectRoot } = await import('./config/load-config.ts');
  const pkg = JSON.parse(await readFile(`${projectRoot}/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}
