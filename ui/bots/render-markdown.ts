// Renders an Answer as chat markdown (Mattermost and Teams): sentence, window, a capped table, SQL, denial.
import type { Cell } from '../../connectors/connector.ts';
import type { Answer } from '../../agent/answer.ts';

export interface RenderOptions {
  maxRows: number;
  showSql: boolean;
  /** Link to the full result in the web UI, when a public URL is configured. */
  link?: string;
}

export function renderAnswerMarkdown(answer: Answer, options: RenderOptions): string {
  const parts: string[] = [];
  if (answer.decision?.kind === 'deny') {
    parts.push(`:no_entry: **Denied by policy** (\`${answer.decision.rule ?? 'policy'}\`): ${answer.decision.reason ?? ''}`);
  } else {
    parts.push(answer.answer);
  }
  if (answer.window) parts.push(`_Window: ${answer.window.label}_`);
  if (answer.choices && answer.choices.length > 0)
    parts.push(`Did you mean:\n${answer.choices.map((c, i) => `${i + 1}. ${c.label} — ask: \`${c.question}\``).join('\n')}`);
  else if (answer.candidates && answer.candidates.length > 0)
    parts.push(`Did you mean:\n${answer.candidates.map((c) => `- ${c}`).join('\n')}`);
  if (answer.columns.length > 0 && answer.rows.length > 0 && answer.decision?.kind !== 'deny') {
    const shown = answer.rows.slice(0, options.maxRows);
    const header = `| ${answer.columns.map((c) => escapeCell(c.name)).join(' | ')} |`;
    const rule = `| ${answer.columns.map((_, i) => (shown.every((r) => typeof r[i] === 'number' || r[i] === null) ? '---:' : '---')).join(' | ')} |`;
    const body = shown.map((row) => `| ${row.map((cell) => escapeCell(cellText(cell))).join(' | ')} |`);
    parts.push([header, rule, ...body].join('\n'));
    const more = answer.rows.length - shown.length;
    if (more > 0) parts.push(`… ${more} more ${more === 1 ? 'row' : 'rows'}${options.link ? ` — [full result](${options.link})` : ''}`);
  }
  const flags = [...(answer.truncated ? ['result truncated'] : []), ...answer.notes];
  if (flags.length > 0) parts.push(flags.map((f) => `> ${f}`).join('\n'));
  if (options.showSql && answer.sql) parts.push(`\`\`\`sql\n${answer.sql}\n\`\`\``);
  if (answer.auditSeq.length > 0) parts.push(`_Evidence: audit seq ${answer.auditSeq.join(', ')}_`);
  return parts.join('\n\n');
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(6)));
  return String(cell);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
