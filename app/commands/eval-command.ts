// `otq eval FILE.jsonl [FILE.jsonl ...] [--json] [--only ID,...] [--min-accuracy 0.9] [--model [--transcripts T.jsonl]]`: runs a
// question set through ask() and its gold SQL through the guarded path, compares, and prints the report; `--model` asks the
// model every question (a configured one, or recorded transcripts replayed) and reports how much of what it said was grounded.
import { basename, join } from 'node:path';
import type { CliIo } from '../../core/cli-io.ts';
import type { Answer, ConversationTurn } from '../../agent/answer.ts';
import { formatReport } from '../../agent/eval/format-report.ts';
import { runEval, type EvalReport } from '../../agent/eval/run-eval.ts';
import type { QueryResult } from '../../connectors/connector.ts';
import { OtqError, isOtqError } from '../../core/errors.ts';
import { configPathFrom, loadConfig, projectRoot, type LoadedConfig } from '../config/load-config.ts';
import { createRuntime, newRequestId, type AppRuntime } from '../create-runtime.ts';
import type { Principal } from '../../core/principal.ts';
import { createTranscriptProvider } from '../../agent/model/transcript-model.ts';
import type { ModelProvider } from '../../agent/model/model-provider.ts';
import { modelFigures, readTranscriptFile, scriptsFor, type Transcript } from '../../agent/eval/model-transcripts.ts';
import { readQuestionFile } from '../../agent/eval/question-file.ts';

/** The dataset data-samples/questions.jsonl is anchored to (its `now` values fall inside this window). */
export const referenceDataset = {
  dir: join(projectRoot, '.otq', 'test-samples'),
  seed: 42,
  days: 90,
  end: new Date('2026-11-01T00:00:00Z'),
};

/**
 * The clock an eval runs its runtime on: the `now` of the question being asked, advancing with real time while it is
 * answered. The guard reads it for the role's look-back window (`maxWindowDays`) and the rate limit, the planner for
 * relative times, so "yesterday" as an operator-bps03 question of 2026-10-30 is inside that role's 31 days as it was
 * then, not as it is on the day the eval runs. Production runtimes get no such clock: they run on the real one.
 */
export interface AskedClock {
  now: () => Date;
  /** The question asked from here on was asked at `now`. */
  set: (now: Date) => void;
}

export function askedClock(realMs: () => number = Date.now): AskedClock {
  let base = realMs();
  let setAt = base;
  return {
    now: () => new Date(base + (realMs() - setAt)),
    set: (now) => {
      base = now.getTime();
      setAt = realMs();
    },
  };
}

export interface EvalCliOptions {
  /** The real clock (ms since the epoch); injected in tests. */
  realMs?: () => number;
}

export async function evalCliCommand(args: string[], io: CliIo, options: EvalCliOptions = {}): Promise<number> {
  const parsed = parseEvalArgs(args);
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  const loaded = parsed.config ? await loadConfig(configPathFrom(parsed.config)) : await referenceConfig(io);
  let model: EvalCommandDeps['model'];
  let modelProvider: ModelProvider | undefined;
  if (parsed.model) {
    try {
      if (parsed.transcripts) {
        const transcripts = await readTranscriptFile(parsed.transcripts);
        const questions = (await Promise.all(parsed.files.map((f) => readQuestionFile(f)))).flat();
        modelProvider = createTranscriptProvider(scriptsFor(transcripts, questions), `transcripts:${basename(parsed.transcripts)}`);
        model = { transcripts };
      } else if (loaded.config.model.provider === 'none') {
        io.err(
          'otq eval --model needs a model: set model: in otq.yaml (see agent/model/README.md), or replay recorded transcripts with --transcripts FILE\n',
        );
        return 2;
      } else model = {};
    } catch (error) {
      return badInput(error, parsed.files, io);
    }
  }
  const clock = askedClock(options.realMs);
  const runtime = await createRuntime(loaded, {
    ensureSamples: false,
    clock: clock.now,
    log: (line) => io.err(line),
    // The model eval asks the model every question: the quick planner would answer the planner-shaped ones first.
    ...(parsed.model ? { skipPlanner: true } : {}),
    ...(modelProvider ? { modelProvider } : {}),
  });
  try {
    // A question set is a burst of queries: the role's rate limit still applies, so wait it out instead of failing.
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const deps = evalDeps(runtime, {
      wait,
      setNow: clock.set,
      onWait: () => io.err('otq: rate limit of the role reached; waiting (the eval continues when the window frees)'),
    });
    return await evalCommand(args, io, model ? { ...deps, model } : deps);
  } finally {
    await runtime.close();
  }
}

export interface EvalDepsOptions {
  /** How to wait before retrying a rate-limited query (the CLI sleeps; tests inject a clock instead and never wait). */
  wait: (ms: number) => Promise<void>;
  onWait?: () => void;
  /** Sets the runtime's clock (askedClock) to the question's `now` before its answer and its gold run. */
  setNow?: (now: Date) => void;
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
    ask: (question, now, user, history) => {
      const principal = principalOf(user);
      options.setNow?.(now);
      return paced(
        () =>
          runtime.ask({
            principal,
            question,
            now,
            channel: 'cli',
            requestId: newRequestId(),
            ...(history ? { history: [...history] } : {}),
          }),
        (answer) => answer.decision?.rule === 'rate.limit',
      );
    },
    runGold: async (source, sql, user, now) => {
      const principal = principalOf(user);
      options.setNow?.(now);
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
  ask: (question: string, now: Date, user: string | undefined, history?: readonly ConversationTurn[]) => Promise<Answer>;
  /** Runs gold SQL as `user`, as asked at `now` (the question's: the role's look-back window counts from it). */
  runGold: (source: string, sql: string, user: string | undefined, now: Date) => Promise<QueryResult>;
  /** `--model`: the answers come from a model; with recorded transcripts, what the grounding check must conclude. */
  model?: { transcripts?: readonly Transcript[] };
}

const USAGE =
  'usage: otq eval FILE.jsonl [FILE.jsonl ...] [--json | --figures] [--only ID,...] [--min-accuracy 0..1] [--config otq.yaml] [--model [--transcripts FILE.jsonl]]';

export interface EvalArgs {
  files: string[];
  json: boolean;
  /** The figures alone, naming no question (how the held-back split is run). */
  figuresOnly: boolean;
  only?: string[];
  minAccuracy?: number;
  config?: string;
  /** Ask the model every question (the quick planner left out). */
  model: boolean;
  /** Replay these recorded transcripts as the model (implies `model`). */
  transcripts?: string;
}

/** The command line of `otq eval`, or what is wrong with it. */
export function parseEvalArgs(args: readonly string[]): EvalArgs | string {
  const parsed: EvalArgs = { files: [], json: false, figuresOnly: false, model: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = (): string | undefined => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      i += 1;
      return next;
    };
    if (arg === '--json') parsed.json = true;
    else if (arg === '--figures') parsed.figuresOnly = true;
    else if (arg === '--model') parsed.model = true;
    else if (arg === '--only') parsed.only = (value() ?? '').split(',').filter(Boolean);
    else if (arg === '--config' || arg === '--transcripts') {
      const file = value();
      if (file === undefined) return `${arg} takes a file name`;
      if (arg === '--config') parsed.config = file;
      else parsed.transcripts = file;
    } else if (arg === '--min-accuracy') {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0 || n > 1) return '--min-accuracy takes a number between 0 and 1';
      parsed.minAccuracy = n;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else parsed.files.push(arg);
  }
  if (parsed.transcripts !== undefined) parsed.model = true;
  if (parsed.json && parsed.figuresOnly) return '--figures prints the figures without the questions; --json prints everything: give one';
  if (parsed.files.length === 0) return 'no question file given';
  return parsed;
}

function badInput(error: unknown, files: readonly string[], io: CliIo): number {
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

/**
 * Exit codes: 0 done (and at or above --min-accuracy on planner-shaped questions, with no confident wrong answer and no
 * broken question; with transcripts, every grounding expectation met), 1 below, 2 usage or a bad question file.
 */
export async function evalCommand(args: string[], io: CliIo, deps: EvalCommandDeps): Promise<number> {
  const parsed = parseEvalArgs(args);
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  const transcripts = deps.model?.transcripts;
  // With transcripts, only the questions they answer run (the replayed model has nothing to say to the others).
  const only = parsed.only ?? transcripts?.map((t) => t.id);
  let report: EvalReport;
  try {
    report = await runEval({
      files: parsed.files,
      ask: deps.ask,
      runGold: deps.runGold,
      timezone: deps.timezone,
      ...(only ? { only } : {}),
    });
  } catch (error) {
    return badInput(error, parsed.files, io);
  }
  if (deps.model) report = { ...report, model: modelFigures(report.outcomes, transcripts) };
  io.out(parsed.json ? `${JSON.stringify(report)}\n` : formatReport(report, { figuresOnly: parsed.figuresOnly }));
  if ((report.model?.expectations?.missed.length ?? 0) > 0) return 1;
  const { minAccuracy } = parsed;
  if (minAccuracy !== undefined && (report.planner.accuracy < minAccuracy || report.wrongWithConfidence > 0 || report.questionErrors > 0))
    return 1;
  return 0;
}
