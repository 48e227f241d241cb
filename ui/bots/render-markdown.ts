// Renders an Answer as chat markdown (Mattermost and Teams): sentence, window, a capped table, SQL, denial.
// Table cells read as on the web page: plant time with its offset, numbers rounded to their unit's resolution.
import { chartUnits, columnDisplays, displayCell } from '../display-format.ts';
import { verifiedLine, type BotAnswer } from './verified-answer.ts';

export interface RenderOptions {
  maxRows: number;
  showSql: boolean;
  /** Link to the full result in the web UI, when a public URL is configured. */
  link?: string;
  /** The plant's IANA zone for time cells (default: the answer window's zone, else UTC). */
  timezone?: string;
}

export function renderAnswerMarkdown(answer: BotAnswer, options: RenderOptions): string {
  const parts: string[] = [];
  if (answer.decision?.kind === 'deny') {
    parts.push(`:no_entry: **Denied by policy** (\`${answer.decision.rule ?? 'policy'}\`): ${answer.decision.reason ?? ''}`);
  } else {
    parts.push(answer.answer);
    if (answer.verified) parts.push(`**${verifiedLine(answer.verified, options.timezone ?? answer.window?.timezone ?? 'UTC')}**`);
  }
  if (answer.window) parts.push(`_Window: ${answer.window.label}_`);
  if (answer.method) parts.push(`_Method: ${answer.method.line}_`);
  if (answer.choices && answer.choices.length > 0)
    parts.push(`Did you mean:\n${answer.choices.map((c, i) => `${i + 1}. ${c.label} — ask: \`${c.question}\``).join('\n')}`);
  else if (answer.candidates && answer.candidates.length > 0)
    parts.push(`Did you mean:\n${answer.candidates.map((c) => `- ${c}`).join('\n')}`);
  if (answer.columns.length > 0 && answer.rows.length > 0 && answer.decision?.kind !== 'deny') {
    const shown = answer.rows.slice(0, options.maxRows);
    const timezone = options.timezone ?? answer.window?.timezone ?? 'UTC';
    const display = columnDisplays(answer.columns, answer.rows, chartUnits(answer.chart));
    const header = `| ${answer.columns.map((c) => escapeCell(c.name)).join(' | ')} |`;
    const rule = `| ${answer.columns.map((_, i) => (shown.every((r) => typeof r[i] === 'number' || r[i] === null) ? '---:' : '---')).join(' | ')} |`;
    const body = shown.map((row) => `| ${row.map((cell, i) => escapeCell(displayCell(cell, display[i]!, timezone))).join(' | ')} |`);
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

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
