// `otq eval FILE.jsonl`: runs a question set through ask() and its gold SQL through the guarded path, then compares.
import { join } from 'node:path';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { evalCommand } from '../eval/eval-command.ts';
import { configPathFrom, loadConfig, projectRoot, type LoadedConfig } from '../config/load-config.ts';
import { createRuntime, newRequestId } from '../runtime.ts';
import { flagValue, withoutFlag } from './cli-args.ts';

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
    const principal = runtime.principalFor(runtime.config.defaultUser);
    if (!principal) throw new OtqError('CONFIG_INVALID', `defaultUser "${runtime.config.defaultUser}" is not configured under users:`);
    // A question set is a burst of queries: the role's rate limit still applies, so wait it out instead of failing.
    const paced = async <T>(attempt: () => Promise<T>, limited: (value: T) => boolean): Promise<T> => {
      for (let tries = 0; ; tries++) {
        const value = await attempt();
        if (!limited(value) || tries >= 60) return value;
        if (tries === 0) io.err('otq: rate limit of the role reached; waiting (the eval continues when the window frees)');
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    };
    return await evalCommand(rest, io, {
      ask: (question, now) =>
        paced(
          () => runtime.ask({ principal, question, now, channel: 'cli', requestId: newRequestId() }),
          (answer) => answer.decision?.rule === 'rate.limit',
        ),
      runGold: async (source, sql) => {
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
          throw new OtqError('POLICY_DENIED', `gold SQL denied (${outcome.decision.rule}): ${outcome.decision.reason}`);
        return outcome.result;
      },
    });
  } finally {
    await runtime.close();
  }
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
