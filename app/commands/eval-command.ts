// `otq eval FILE.jsonl [FILE.jsonl ...] [--json] [--only ID,...] [--min-accuracy 0.9]`: runs a question set through ask() and its gold SQL
// through the guarded path, compares, and prints the report.
import { join } from 'node:path';
import type { CliIo } from '../../core/cli-io.ts';
import type { Answer } from '../../agent/answer.ts';
import { formatReport } from '../../agent/eval/format-report.ts';
import { runEval, type EvalReport } from '../../agent/eval/run-eval.ts';
import type { QueryResult } from '../../connectors/connector.ts';
import { OtqError, isOtqError } from '../../core/errors.ts';
import { configPathFrom, loadConfig, projectRoot, type LoadedConfig } from '../config/load-config.ts';
import { createRuntime, newRequestId, type AppRuntime } from '../create-runtime.ts';
import type { Principal } from '../../core/principal.ts';
import { flagValue, withoutFlag } from '../../core/cli-args.ts';

/** The dataset data-samples/questions.jsonl is anchored to (its `now` values fall inside this window). */
export const referenceDataset = {
  dir: join(projectRoot, '.otq', 'test-samples'),
  seed: 42,
  days: 90,
  end: new Date('2026-11-01T00:00:00Z'),
};

export async function evalCliCommand(args: string[], io: CliIo): Promise<number> {
  const configFlag = flagValue(args, '--config');
  const rest = withoutFlag(args, '--config');
  const loaded = configPathFrom(configFlag) ? await loadConfig(configPathFrom(configFlag)) : await referenceConfig(io);
  const runtime = await createRuntime(loaded, { ensureSamples: false, log: (line) => io.err(line) });
  try {
    // A question set is a burst of queries: the role's rate limit still applies, so wait it out instead of failing.
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    return await evalCommand(
      rest,
      io,
      evalDeps(runtime, {
        wait,
        onWait: () => io.err('otq: rate limit of the role reached; waiting (the eval continues when the window frees)'),
      }),
    );
  } finally {
    await runtime.close();
  }
}

export interface EvalDepsOptions {
  /** How to wait before retrying a rate-limited query (the CLI sleeps; tests inject a clock instead and never wait). */
  wait: (ms: number) => Promise<void>;
  onWait?: () => void;
}

/**
 * The eval's view of a runtime: ask as the question's user (default: defaultUser), and run gold SQL as that same user
 * through the guard and the audit log, exactly as `otq eval` does. A gold denial is POLICY_DENIED with `{rule, reason}`.
 */
export function evalDeps(runtime: AppRuntime, options: EvalDepsOptions): EvalCommandDeps {
  const principalOf = (user: string | undefined): Principal => {
    const id = user ?? runtime.config.defaultUser;
    const principal = runtime.principalFor(id);
    if (!principal) throw new OtqError('CONFIG_INVALID', `user "${id}" is not configured under users:`);
    return principal;
  };
  const paced = async <T>(attempt: () => Promise<T>, limited: (value: T) => boolean): Promise<T> => {
    for (let tries = 0; ; tries++) {
      const value = await attempt();
      if (!limited(value) || tries >= 60) return value;
      if (tries === 0) options.onWait?.();
      await options.wait(2000);
    }
  };
  return {
    timezone: runtime.config.timezone,
    ask: (question, now, user) => {
      const principal = principalOf(user);
      return paced(
        () => runtime.ask({ principal, question, now, channel: 'cli', requestId: newRequestId() }),
        (answer) => answer.decision?.rule === 'rate.limit',
      );
    },
    runGold: async (source, sql, user) => {
      const principal = principalOf(user);
      const outcome = await paced(
        () =>
          runtime.runSql(
            principal,
            { principal: principal.id, channel: 'cli', requestId: newRequestId() },
            { source, sql, tool: 'eval_gold' },
          ),
        (o) => o.kind === 'denied' && o.decision.rule === 'rate.limit',
      );
      if (outcome.kind === 'denied')
        throw new OtqError('POLICY_DENIED', `gold SQL denied (${outcome.decision.rule}): ${outcome.decision.reason}`, {
          details: { rule: outcome.decision.rule, reason: outcome.decision.reason },
        });
      return outcome.result;
    },
  };
}

/** Without --config, eval runs on the reference dataset (generated once into .otq/test-samples, shared with the tests). */
async function referenceConfig(io: CliIo): Promise<LoadedConfig> {
  const { ensureSamples } = await import('../../data-samples/generate.ts');
  const report = await ensureSamples(referenceDataset);
  if (report.generated) io.err(`otq: generated the reference dataset in ${referenceDataset.dir}`);
  const loaded = await loadConfig();
  const sources = { ...loaded.config.sources };
  const historian = sources['historian'];
  const telemetry = sources['telemetry'];
  if (historian && 'file' in historian) sources['historian'] = { ...historian, file: report.historianFile };
  if (telemetry && 'folder' in telemetry) sources['telemetry'] = { ...telemetry, folder: report.telemetryDir };
  return {
    ...loaded,
    config: { ...loaded.config, sources, audit: { ...loaded.config.audit, dir: join(projectRoot, '.otq', 'eval-audit') } },
  };
}

export interface EvalCommandDeps {
  /** The plant's time zone, for answers that carry no window. */
  timezone: string;
  ask: (question: string, now: Date, user: string | undefined) => Promise<Answer>;
  runGold: (source: string, sql: string, user: string | undefined) => Promise<QueryResult>;
}

const USAGE = 'usage: otq eval FILE.jsonl [FILE.jsonl ...] [--json | --figures] [--only ID,...] [--min-accuracy 0..1]';

/**
 * Exit codes: 0 done (and at or above --min-accuracy on planner-shaped questions, with no confident wrong answer and no
 * broken question), 1 below, 2 usage or a bad question file.
 */
export async function evalCommand(args: string[], io: CliIo, deps: EvalCommandDeps): Promise<number> {
  const files: string[] = [];
  let json = false;
  let figuresOnly = false;
  let only: string[] | undefined;
  let minAccuracy: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--figures') figuresOnly = true;
    else if (arg === '--only') only = (args[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--min-accuracy') {
      minAccuracy = Number(args[++i]);
      if (!Number.isFinite(minAccuracy) || minAccuracy < 0 || minAccuracy > 1) {
        io.err(`--min-accuracy takes a number between 0 and 1\n${USAGE}\n`);
        return 2;
      }
    } else if (arg.startsWith('-')) {
      io.err(`unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (json && figuresOnly) {
    io.err(`--figures prints the figures without the questions; --json prints everything: give one\n${USAGE}\n`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  let report: EvalReport;
  try {
    report = await runEval({ files, ask: deps.ask, runGold: deps.runGold, timezone: deps.timezone, ...(only ? { only } : {}) });
  } catch (error) {
    if (isOtqError(error) && (error.code === 'CONFIG_INVALID' || error.code === 'USAGE')) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`no such file: ${(error as NodeJS.ErrnoException).path ?? files.join(', ')}\n`);
      return 2;
    }
    throw error;
  }
  io.out(json ? `${JSON.stringify(report)}\n` : formatReport(report, { figuresOnly }));
  if (minAccuracy !== undefined && (report.planner.accuracy < minAccuracy || report.wrongWithConfidence > 0 || report.questionErrors > 0))
    return 1;
  return 0;
}
