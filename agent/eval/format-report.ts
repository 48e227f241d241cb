// The eval report as a person reads it: accuracy per file, shape and register, then every failure and every decline with its reason.
import type { ModelFigures } from './model-transcripts.ts';
import type { AccuracyFigure, EvalOutcome, EvalReport } from './run-eval.ts';

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const fig = (f: AccuracyFigure): string => `${pct(f.accuracy)} (${f.correct}/${f.total})`;
const figWithWwc = (f: AccuracyFigure): string =>
  f.wrongWithConfidence > 0 ? `${fig(f)}, wrong with confidence ${f.wrongWithConfidence}` : fig(f);

function table(title: string, figures: Record<string, AccuracyFigure>): string[] {
  const keys = Object.keys(figures);
  const width = Math.max(...keys.map((k) => k.length), 0);
  return [`${title}:`, ...keys.map((k) => `  ${k.padEnd(width)}  ${figWithWwc(figures[k] as AccuracyFigure)}`)];
}

const tags = (o: EvalOutcome): string =>
  [
    o.shape,
    o.register,
    o.planner ? 'planner' : '',
    o.expect !== 'answer' ? `expect ${o.expect}` : '',
    o.user ? `as ${o.user}` : '',
    o.confident && !o.correct && !o.questionError ? 'CONFIDENT' : '',
  ]
    .filter(Boolean)
    .join(', ');

/** " (value 3, rows 1)": how the wrong claims were wrong, most first. */
function kindsText(kinds: Record<string, number>): string {
  const entries = Object.entries(kinds).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return entries.length === 0 ? '' : ` (${entries.map(([k, n]) => `${k} ${n}`).join(', ')})`;
}

/** The model's answers: how many were grounded, flagged, not based on data or refused; and the transcripts' expectations. */
function modelLines(m: ModelFigures): string[] {
  const lines = [
    `model answers grounded: ${pct(m.groundedShare)} (${m.grounded}/${m.answers}); untraced numbers flagged ${m.ungrounded}; not based on data ${m.noData}; model failures ${m.failed}`,
  ];
  const e = m.expectations;
  if (e) {
    lines.push(`grounding check as the transcripts expect: ${e.met}/${e.checked}`);
    for (const miss of e.missed) lines.push(`  ${miss.id}: expected ${miss.expected}, the check concluded ${miss.got}`);
  }
  return lines;
}

/**
 * Human report: the figures, each failure with its reason, and each decline or ask-back with the answerer's reason.
 * `figuresOnly` prints the figures alone, naming no question: how the held-back split is run, so that running it
 * does not show anyone its questions.
 */
export function formatReport(report: EvalReport, options: { figuresOnly?: boolean } = {}): string {
  const lines: string[] = [];
  for (const f of report.files)
    lines.push(
      `${f.file}: ${fig(f.overall)}; planner-shaped ${fig(f.planner)}; other ${fig(f.other)}; wrong with confidence ${f.wrongWithConfidence}`,
    );
  lines.push(
    `questions: ${report.overall.total}`,
    `accuracy: ${fig(report.overall)}`,
    `planner-shaped: ${fig(report.planner)}`,
    `other: ${fig(report.other)}`,
    `wrong with confidence: ${report.wrongWithConfidence}${kindsText(report.wrongKinds)}`,
    `declined or asked back: ${report.declined}`,
  );
  if (report.questionErrors > 0) lines.push(`question errors (fix the file): ${report.questionErrors}`);
  if (report.model) lines.push(...modelLines(report.model));
  lines.push(
    '',
    ...table('by shape', report.byShape),
    '',
    ...table('by register', report.byRegister),
    '',
    ...table('by expected answer', report.byExpect),
  );
  if (options.figuresOnly) return `${lines.join('\n')}\n`;
  if (report.failures.length > 0) lines.push('', 'failures:');
  for (const o of report.failures) lines.push(`  ${o.id} [${tags(o)}] ${o.question}`, `      ${o.reason ?? ''}`);
  const declines = report.outcomes.filter((o) => o.declineReason !== undefined);
  if (declines.length > 0) lines.push('', 'declines and ask-backs (the reason given):');
  for (const o of declines)
    lines.push(
      `  ${o.id} [${o.got}${o.correct ? ', right' : ''}] ${o.question}`,
      `      ${(o.declineReason ?? '').replace(/\s+/g, ' ').slice(0, 300)}`,
    );
  return `${lines.join('\n')}\n`;
}
