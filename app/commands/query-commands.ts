// `otq sql`, `otq ask` and `otq catalog`: the same guarded, audited paths the web and bots use.
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError, isOtqError } from '../../core/errors.ts';
import type { Answer } from '../../agent/answer.ts';
import type { SourceDescription, TagInfo } from '../../connectors/connector.ts';
import { answerFromSqlOutcome } from '../../agent/sql-answer.ts';
import { newRequestId } from '../create-runtime.ts';
import { parseCommandArgs } from '../../core/cli-args.ts';
import { openCliRuntime, resolvePrincipal } from '../cli-runtime.ts';
import { formatTable } from './format-table.ts';
import { signalSettingsOf, tagSignal } from '../../agent/planner/signal-model.ts';
import { storedOnChangeOf, type HistorianMapping } from '../../connectors/historian-mapping.ts';
import { markPhase } from '../../core/phase-timing.ts';
import type { Principal } from '../../core/principal.ts';
import type { AppRuntime } from '../create-runtime.ts';
import { namedText, tagNames } from '../../ui/tag-names.ts';

export async function sqlCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'otq sql --source S "SQL" | --file F | - [--user U] [--json]';
  const { values, positionals } = parseCommandArgs(
    args,
    { source: { type: 'string' }, file: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' } },
    usage,
  );
  if (!values.source) throw new OtqError('USAGE', `missing --source\nusage: ${usage}`);
  const sql = (await sqlText(positionals, values.file, io, usage)).trim();
  if (sql === '') throw new OtqError('USAGE', `missing SQL (as text, with --file F, or on standard input)\nusage: ${usage}`);
  const runtime = await openCliRuntime(values.config, { loadModel: false, skipPlanner: true });
  try {
    const principal = resolvePrincipal(runtime, values.user);
    const outcome = await runtime.runSql(
      principal,
      { principal: principal.id, channel: 'cli', requestId: newRequestId() },
      { source: values.source, sql },
    );
    if (values.json) io.out(JSON.stringify(answerFromSqlOutcome(outcome, { source: values.source, sql })));
    if (outcome.kind === 'denied') {
      const { rule, reason } = outcome.decision;
      if (!values.json) io.err(`denied by policy (${rule}): ${reason}\nevidence: audit seq ${outcome.auditSeq.join(', ')}`);
      return 3;
    }
    if (!values.json) {
      io.out(formatTable(outcome.result.columns, outcome.result.rows, runtime.config.timezone));
      for (const note of outcome.notes) io.err(`note: ${note}`);
      io.err(`evidence: audit seq ${outcome.auditSeq.join(', ')}`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

/** The SQL from the arguments, `--file F`, or standard input (`-`, or nothing given and input piped in). */
async function sqlText(positionals: string[], file: string | undefined, io: CliIo, usage: string): Promise<string> {
  const fromStdin = positionals.length === 1 && positionals[0] === '-';
  if (file !== undefined) {
    if (positionals.length > 0) throw new OtqError('USAGE', `give the SQL either as text or with --file, not both\nusage: ${usage}`);
    try {
      return await readFile(file, 'utf8');
    } catch (cause) {
      throw new OtqError('USAGE', `cannot read --file ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
        cause,
      });
    }
  }
  if (positionals.length > 0 && !fromStdin) return positionals.join(' ');
  const input = io.readStdin ? await io.readStdin() : null;
  if (input === null && fromStdin)
    throw new OtqError('USAGE', `"-" reads the SQL from standard input, but nothing was piped in\nusage: ${usage}`);
  return input ?? '';
}

export async function askCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'otq ask "QUESTION" [--user U] [--json]';
  const { values, positionals } = parseCommandArgs(
    args,
    { user: { type: 'string' }, json: { type: 'boolean' }, now: { type: 'string' } },
    usage,
  );
  const question = positionals.join(' ').trim();
  if (question === '') throw new OtqError('USAGE', `missing question\nusage: ${usage}`);
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new OtqError('USAGE', `--now must be an ISO-8601 timestamp, got "${values.now}"`);
  const runtime = await openCliRuntime(values.config);
  try {
    const principal = resolvePrincipal(runtime, values.user);
    let answer: Answer;
    try {
      answer = await runtime.ask({ principal, question, channel: 'cli', requestId: newRequestId(), ...(now ? { now } : {}) });
      markPhase('question answered (answer durable)');
    } catch (error) {
      // --json callers get the error body the HTTP API sends; main() prints the one-line message and sets the exit code.
      if (values.json && isOtqError(error)) io.out(JSON.stringify({ error: { code: error.code, message: error.message } }));
      throw error;
    }
    if (values.json) io.out(JSON.stringify(answer));
    else printAnswer(await namesFirst(runtime, principal, answer), io, runtime.config.timezone);
    markPhase('answer printed');
    // A script must tell an answer from none: a denial exits 3, a question nothing could answer (the planner declined
    // or its query failed, and no model answered) exits 1, as the README's table says; answers and ask-backs exit 0.
    return answer.decision?.kind === 'deny' ? 3 : answer.answeredBy === 'none' ? 1 : 0;
  } finally {
    await runtime.close();
    markPhase('runtime closed');
  }
}

export async function catalogCommand(args: string[], io: CliIo): Promise<number> {
  const usage = 'otq catalog [--user U] [--json]';
  const { values } = parseCommandArgs(args, { user: { type: 'string' }, json: { type: 'boolean' } }, usage);
  const runtime = await openCliRuntime(values.config, { loadModel: false, skipPlanner: true });
  try {
    const principal = resolvePrincipal(runtime, values.user);
    const sources = (await runtime.catalog(principal)).map((source): Omit<SourceDescription, 'tags'> & { tags?: CatalogTag[] } => {
      const mapping = source.historian;
      const tags: CatalogTag[] | undefined = source.tags?.map((tag) =>
        mapping ? { ...tag, interpolation: tagInterpolation(mapping, tag) } : tag,
      );
      return { ...source, ...(tags ? { tags } : {}) };
    });
    if (values.json) {
      io.out(JSON.stringify({ sources }));
      return 0;
    }
    for (const source of sources) {
      io.out(`source ${source.name} (${source.dialect})`);
      for (const table of source.tables) {
        io.out(`  ${table.kind} ${table.name}${table.comment ? ` — ${table.comment}` : ''}`);
        io.out(`    ${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')}`);
      }
      if (source.tags && source.tags.length > 0) {
        io.out(`  tags (${source.tags.length}):`);
        for (const tag of source.tags)
          io.out(
            `    ${tag.name}${tag.unit ? ` [${tag.unit}]` : ''}${typeLabel(tag)}${tag.interpolation ? `, ${interpolationLabel(tag.interpolation)}` : ''}${tag.description ? ` — ${tag.description}` : ''}`,
          );
      }
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

/** A tag's interpolation in the catalog: the kind, which rule chose it (or that it is the default for its type). */
export interface CatalogInterpolation {
  kind: 'step' | 'linear';
  why: string;
  default: boolean;
}

type CatalogTag = TagInfo & { interpolation?: CatalogInterpolation };

function tagInterpolation(mapping: HistorianMapping, tag: TagInfo): CatalogInterpolation {
  const signal = tagSignal(signalSettingsOf(mapping), tag, storedOnChangeOf(mapping).has(String(tag.id)));
  return { kind: signal.interpolation, why: signal.why, default: signal.why.startsWith('default') };
}

/** "step (default for analog)", "linear (rule 2: measurement=Level)". */
export function interpolationLabel(interpolation: CatalogInterpolation): string {
  return `${interpolation.kind} (${interpolation.why})`;
}

/** ` status (inferred: 2 values (0..1) in 336 samples)`, ` counter (configured)`, ` analog`, or nothing when untyped. */
export function typeLabel(tag: TagInfo): string {
  if (!tag.dataType) return '';
  if (tag.dataTypeSource === 'inferred') return ` ${tag.dataType} (inferred${tag.dataTypeReason ? `: ${tag.dataTypeReason}` : ''})`;
  if (tag.dataTypeSource === 'configured') return ` ${tag.dataType} (configured)`;
  return ` ${tag.dataType}`;
}

/**
 * Names first in the printed sentence, as on the web page and in the bots: "BPS03 discharge header pressure, yesterday
 * ..." with one `tags:` line saying which path each name stands for (names from the catalog this principal may see).
 * The table, `--json` and the audit log keep the paths.
 */
async function namesFirst(runtime: AppRuntime, principal: Principal, answer: Answer): Promise<Answer> {
  if (answer.decision?.kind === 'deny') return answer;
  const names = tagNames(await runtime.catalog(principal), [answer.answer]);
  const entries = Object.entries(names);
  if (entries.length === 0) return answer;
  return {
    ...answer,
    answer: namedText(answer.answer, names),
    notes: [`tags: ${entries.map(([path, name]) => `${name} = ${path}`).join('; ')}`, ...answer.notes],
  };
}

function printAnswer(answer: Answer, io: CliIo, timezone: string): void {
  io.out(answer.answer);
  if (answer.candidates && answer.candidates.length > 0) io.out(`candidates:\n  ${answer.candidates.join('\n  ')}`);
  if (answer.window) io.out(`window: ${answer.window.label}`);
  if (answer.method) io.out(`method: ${answer.method.line}`);
  if (answer.columns.length > 0 && answer.rows.length > 0)
    io.out(
      formatTable(answer.columns, answer.rows.slice(0, 50), timezone) +
        (answer.rows.length > 50 ? `\n… ${answer.rows.length - 50} more rows (use --json)` : ''),
    );
  if (answer.sql) io.out(`sql (${answer.source}):\n  ${answer.sql.replace(/\n/g, '\n  ')}`);
  for (const note of answer.notes) io.out(`note: ${note}`);
  if (answer.auditSeq.length > 0) io.out(`evidence: audit seq ${answer.auditSeq.join(', ')}`);
}
