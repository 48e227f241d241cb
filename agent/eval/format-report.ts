// The eval report as a person reads it: accuracy lines, then each failure with its reason.
import type { EvalReport } from './run-eval.ts';

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
