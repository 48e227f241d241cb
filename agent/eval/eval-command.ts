// `otq eval FILE.jsonl [--json] [--only ID,...] [--min-accuracy 0.9]`: runs the question set and prints the report.
import type { QueryResult } from '../../connectors/connector.ts';
import type { CliIo } from '../../core/cli-io.ts';
import { isOtqError } from '../../core/errors.ts';
import type { Answer } from '../answer.ts';
import { runEval, type EvalReport } from './run-eval.ts';

export interface EvalCommandDeps {
  ask: (question: string, now: Date) => Promise<Answer>;
  runGold: (source: string, sql: string) => Promise<QueryResult>;
}

const USAGE = 'usage: otq eval FILE.jsonl [--json] [--only ID,...] [--min-accuracy 0..1]';
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** Human report: accuracy lines, then each failure with its reason. */
export function formatReport(report: EvalReport): string {
  const lines = [
    `questions: ${report.overall.total} (${report.file})`,
    `accuracy: ${pct(report.overall.accuracy)} (${report.overall.correct}/${report.overall.total})`,
    `planner-shaped: ${pct(report.planner.accuracy)} (${report.planner.correct}/${report.planner.total})`,
    `other: ${pct(report.other.accuracy)} (${report.other.correct}/${report.other.total})`,
    `wrong with confidence: ${report.wrongWithConfidence}`,
    `declined or asked back: ${report.declined}`,
  ];
  if (report.failures.length > 0) lines.push('', 'failures:');
  for (const f of report.failures) {
    lines.push(
      `  ${f.id} [${f.shape}${f.planner ? ', planner' : ''}${f.confident ? ', CONFIDENT' : ''}] ${f.question}`,
      `      ${f.reason ?? ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Exit codes: 0 done (and at or above --min-accuracy on planner-shaped questions, with no confident wrong answer), 1 below, 2 usage. */
export async function evalCommand(args: string[], io: CliIo, deps: EvalCommandDeps): Promise<number> {
  let file: string | undefined;
  let json = false;
  let only: string[] | undefined;
  let minAccuracy: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
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
    } else if (!file) file = arg;
    else {
      io.err(`one question file only\n${USAGE}\n`);
      return 2;
    }
  }
  if (!file) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  let report: EvalReport;
  try {
    report = await runEval({ file, ask: deps.ask, runGold: deps.runGold, ...(only ? { only } : {}) });
  } catch (error) {
    if (isOtqError(error) && (error.code === 'CONFIG_INVALID' || error.code === 'USAGE')) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`no such file: ${file}\n`);
      return 2;
    }
    throw error;
  }
  io.out(json ? `${JSON.stringify(report)}\n` : formatReport(report));
  if (minAccuracy !== undefined && (report.planner.accuracy < minAccuracy || report.wrongWithConfidence > 0)) return 1;
  return 0;
}
