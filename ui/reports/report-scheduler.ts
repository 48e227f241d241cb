// Runs report definitions on their cron schedules (time zones, DST), skipping overlaps and handling missed runs.
import { readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Cron } from 'croner';
import type { AuditLog } from '../../audit/audit-record.ts';
import { OtqError } from '../../core/errors.ts';
import type { ReportDefinition } from './report-config.ts';
import type { ReportRun, ReportTrigger } from './report-runner.ts';
import type { RunClaims } from './run-claims.ts';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SchedulerDeps {
  audit: AuditLog;
  clock: () => Date;
  /** Plant time zone, used when a definition has none. */
  timezone: string;
  /** JSON file remembering the last scheduled time each report ran for (missed-run detection). */
  stateFile: string;
  run: (definition: ReportDefinition, trigger: ReportTrigger, runFor: Date) => Promise<ReportRun>;
  timers?: Timers;
  onError?: (name: string, error: unknown) => void;
  /**
   * Claims shared by every instance (see run-claims.ts): a scheduled or missed run goes ahead only on the instance
   * that claimed it, so two instances behind a load balancer deliver each report once. Manual runs are not claimed.
   */
  claims?: RunClaims;
}

export interface ReportScheduler {
  start(): Promise<void>;
  stop(): void;
  /** Runs a report now through the same path; refuses (audited) when a run of it is still going. */
  runNow(name: string): Promise<ReportRun>;
  nextRuns(name: string, count: number, from?: Date): Date[];
  /** Resolves when no run is in progress (tests, shutdown). */
  idle(): Promise<void>;
}

const maxTimerMs = 2 ** 31 - 1;
/** Claims of runs older than this are removed at start (a week: longer than any missed-run look-back matters). */
const CLAIMS_KEPT_MS = 7 * 86_400_000;
const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createReportScheduler(definitions: ReportDefinition[], deps: SchedulerDeps): ReportScheduler {
  const timers = deps.timers ?? realTimers;
  const crons = new Map(definitions.map((d) => [d.name, new Cron(d.cron, { timezone: d.timezone ?? deps.timezone })]));
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const running = new Map<string, Promise<unknown>>();
  const handles = new Map<string, unknown>();
  let state: Record<string, string> = {};
  let stopped = false;
  const context = (name: string) => ({
    principal: byName.get(name)?.user ?? null,
    channel: 'schedule' as const,
    requestId: `report:${name}`,
  });

  // Saves are chained so a run finishing during start() cannot race another save on the same temp file.
  let saving: Promise<void> = Promise.resolve();
  const saveState = (): Promise<void> => {
    saving = saving
      .catch(() => {})
      .then(async () => {
        await mkdir(dirname(deps.stateFile), { recursive: true });
        await writeFile(`${deps.stateFile}.tmp`, JSON.stringify(state, null, 2));
        await rename(`${deps.stateFile}.tmp`, deps.stateFile);
      });
    return saving;
  };

  const execute = async (definition: ReportDefinition, trigger: ReportTrigger, runFor: Date): Promise<ReportRun> => {
    if (running.has(definition.name)) {
      await deps.audit.record('report', context(definition.name), {
        event: 'skipped_overlap',
        report: definition.name,
        trigger,
        runFor: runFor.toISOString(),
      });
      throw new OtqError('RATE_LIMITED', `report ${definition.name} is still running; this ${trigger} run was skipped`);
    }
    // The entry in `running` settles only once the run AND its state save are done, so idle() never sees a half-finished run.
    const work = (async () => {
      try {
        return await deps.run(definition, trigger, runFor);
      } finally {
        if (trigger !== 'manual') {
          state[definition.name] = runFor.toISOString();
          await saveState();
        }
      }
    })();
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    running.set(definition.name, done);
    void done.then(() => running.delete(definition.name));
    return work;
  };

  /** A scheduled or missed run, on this instance only if it claims it; the other instances record that they skipped. */
  const claiming = new Set<Promise<unknown>>();
  const executeClaimed = async (definition: ReportDefinition, trigger: ReportTrigger, runFor: Date): Promise<void> => {
    const asking = deps.claims ? deps.claims.claim(definition.name, runFor) : Promise.resolve({ won: true as const });
    claiming.add(asking);
    const claim = await asking.finally(() => claiming.delete(asking));
    if (claim.won) {
      await execute(definition, trigger, runFor);
      return;
    }
    await deps.audit.record('report', context(definition.name), {
      event: 'skipped_claimed',
      report: definition.name,
      trigger,
      runFor: runFor.toISOString(),
      claimedBy: claim.holder ? { pid: claim.holder.pid, host: claim.holder.host, at: claim.holder.at } : null,
    });
    state[definition.name] = runFor.toISOString();
    await saveState();
  };

  const schedule = (definition: ReportDefinition) => {
    if (stopped) return;
    const now = deps.clock();
    const next = crons.get(definition.name)!.nextRun(now);
    if (!next) return;
    const delay = next.getTime() - now.getTime();
    handles.set(
      definition.name,
      timers.set(
        () => {
          if (delay > maxTimerMs) return schedule(definition);
          schedule(definition);
          executeClaimed(definition, 'schedule', next).catch((error: unknown) => deps.onError?.(definition.name, error));
        },
        Math.min(Math.max(delay, 0), maxTimerMs),
      ),
    );
  };

  return {
    async start() {
      state = await readFile(deps.stateFile, 'utf8')
        .then((text) => JSON.parse(text) as Record<string, string>)
        .catch(() => ({}));
      const now = deps.clock();
      await deps.claims?.prune(now, CLAIMS_KEPT_MS);
      for (const definition of definitions) {
        const last = state[definition.name];
        const missed = last ? crons.get(definition.name)!.nextRun(new Date(last)) : null;
        if (missed && missed.getTime() <= now.getTime()) {
          const latestMissed = crons.get(definition.name)!.previousRuns(1, now)[0] ?? missed;
          if (definition.missed === 'run-once') {
            executeClaimed(definition, 'missed', latestMissed).catch((error: unknown) => deps.onError?.(definition.name, error));
          } else {
            await deps.audit.record('report', context(definition.name), {
              event: 'skipped_missed',
              report: definition.name,
              missedSince: missed.toISOString(),
              latestMissed: latestMissed.toISOString(),
            });
            state[definition.name] = latestMissed.toISOString();
          }
        } else if (!last) {
          state[definition.name] = now.toISOString();
        }
        schedule(definition);
      }
      await saveState();
    },
    stop() {
      stopped = true;
      for (const handle of handles.values()) timers.clear(handle);
      handles.clear();
    },
    async runNow(name) {
      const definition = byName.get(name);
      if (!definition)
        throw new OtqError('NOT_FOUND', `no report named "${name}"; configured: ${[...byName.keys()].join(', ') || '(none)'}`);
      return execute(definition, 'manual', deps.clock());
    },
    nextRuns(name, count, from) {
      const cron = crons.get(name);
      if (!cron) throw new OtqError('NOT_FOUND', `no report named "${name}"`);
      return cron.nextRuns(count, from ?? deps.clock());
    },
    async idle() {
      while (running.size > 0 || claiming.size > 0) {
        await Promise.allSettled([...claiming]);
        await Promise.all(running.values());
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
