// The chat view: question box with recall, streamed progress, answer cards (sentence, window, flags, SQL, chart, table, CSV, evidence) and follow-up history.
import { askStream, downloadCsv, postJson, ApiError } from './api.js';
import { el } from './dom.js';
import { resultTable } from './result-table.js';
import { categoryChart, timeChart } from './chart.js';
import { named, nameParts } from './names.js';
import { feedbackBar, verifiedBadge } from './feedback.js';
import { fetchSparklines, sparkline } from './sparkline.js';

const MAX_HISTORY = 10;

/** `session` is filled in by the page once /api/me answers: {canVerify, timezone}. */
export function setupChat({ form, input, conversation, sourceSelect, newConversation, session }) {
  const turns = [];
  const recall = [];
  let recallIndex = 0;
  let busy = false;

  const mode = () => form.querySelector('input[name="mode"]:checked').value;
  form.addEventListener('change', () => {
    sourceSelect.hidden = mode() !== 'sql';
    input.setAttribute('aria-label', mode() === 'sql' ? 'SQL statement' : 'Question');
    input.placeholder = mode() === 'sql' ? 'One SELECT statement' : 'Ask about your plant data';
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === 'ArrowUp' && recall.length > 0 && (input.value === '' || input.selectionStart === 0)) {
      event.preventDefault();
      recallIndex = Math.max(0, recallIndex - 1);
      input.value = recall[recallIndex];
    } else if (event.key === 'ArrowDown' && recallIndex < recall.length && input.selectionStart === input.value.length) {
      event.preventDefault();
      recallIndex = Math.min(recall.length, recallIndex + 1);
      input.value = recall[recallIndex] ?? '';
    }
  });

  newConversation.addEventListener('click', () => {
    turns.length = 0;
    conversation.replaceChildren();
    input.focus();
  });

  // Cancel stops the running question: the stream closes, the server aborts the model and interrupts the query, and the
  // audit log records the question as cancelled.
  const cancel = form.querySelector('#cancel');
  let running = null;
  cancel.addEventListener('click', () => running?.abort());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    busy = true;
    form.querySelector('#send').disabled = true;
    running = new AbortController();
    cancel.hidden = false;
    recall.push(text);
    recallIndex = recall.length;
    input.value = '';
    document.getElementById('welcome')?.remove();
    const turn = el('article', { class: 'turn' }, el('div', { class: 'question' }, text));
    conversation.append(turn);
    try {
      if (mode() === 'sql') await runSql(turn, sourceSelect.value, text);
      else await ask(turn, text);
    } finally {
      busy = false;
      running = null;
      cancel.hidden = true;
      form.querySelector('#send').disabled = false;
      input.focus({ preventScroll: true });
      reveal(turn);
    }
  });

  async function ask(turn, question) {
    const steps = el('ol', { class: 'progress', 'aria-label': 'Progress' });
    const card = el('section', { class: 'card working' }, steps);
    turn.append(card);
    reveal(turn);
    const step = (text) => {
      steps.querySelector('.current')?.classList.remove('current');
      steps.append(el('li', { class: 'current' }, text));
    };
    step('Sending the question');
    const signal = running?.signal;
    try {
      const answer = await askStream({ question, history: turns.slice(-MAX_HISTORY) }, (event) => step(describeProgress(event)), signal);
      turns.push({
        question,
        sql: answer.sql,
        source: answer.source,
        ...(answer.window ? { window: answer.window } : {}),
        answer: answer.answer,
      });
      card.replaceWith(answerCard(answer, session));
    } catch (error) {
      card.replaceWith(signal?.aborted ? cancelledCard() : errorCard(error));
    }
  }

  async function runSql(turn, source, sql) {
    try {
      const result = await postJson('/api/sql', { source, sql });
      const count = `${result.rows.length.toLocaleString('en-US')} row${result.rows.length === 1 ? '' : 's'} from ${result.source} in ${Math.round(result.durationMs)} ms.`;
      turn.append(answerCard({ ...result, answer: count, answeredBy: 'sql' }));
    } catch (error) {
      turn.append(errorCard(error));
    }
  }
}

/**
 * Brings the newest turn into view between the sticky header and the sticky input bar: the whole turn when it fits,
 * else its start (the question and the first lines of the answer), so nothing new hides behind the input bar.
 */
function reveal(turn) {
  const header = document.querySelector('.top')?.getBoundingClientRect().height ?? 0;
  const bar = document.getElementById('ask-form')?.getBoundingClientRect().height ?? 0;
  const room = window.innerHeight - header - bar;
  const box = turn.getBoundingClientRect();
  const top = box.top + window.scrollY;
  const target = box.height + 16 <= room ? top + box.height + 8 - (window.innerHeight - bar) : top - header - 8;
  window.scrollTo({ top: Math.max(0, target), behavior: 'instant' });
}

function describeProgress(event) {
  switch (event.kind) {
    case 'planning':
      return `Planning: ${event.message}`;
    case 'tool_call':
      return `Calling ${event.tool}${event.args?.source ? ` on ${event.args.source}` : ''}`;
    case 'decision':
      return `Policy: ${event.decision.kind}${event.decision.reason ? ` (${event.decision.reason})` : ''}`;
    case 'rows':
      return `${event.rowCount} rows from ${event.source}${event.truncated ? ' (truncated)' : ''}`;
    default:
      return event.kind;
  }
}

/** A denial in plain words, shared by answers and the SQL box. */
function denialCard(decision, auditSeq) {
  return el(
    'section',
    { class: 'card denied', role: 'alert' },
    el('p', { class: 'answer-text' }, `Not allowed: ${decision.reason ?? 'the policy guard denied this request'}.`),
    el(
      'p',
      { class: 'meta' },
      `Rule ${decision.rule ?? 'unknown'}. This refusal is recorded in the audit log${auditSeq?.length ? ` (evidence #${auditSeq.join(', #')})` : ''}.`,
    ),
  );
}

function answerCard(answer, session = {}) {
  if (answer.decision?.kind === 'deny') {
    const card = denialCard(answer.decision, answer.auditSeq);
    card.prepend(el('p', {}, answer.answer));
    return card;
  }
  const { warnings, notes, reading } = groupNotes(answer);
  const card = el(
    'section',
    { class: 'card answer' },
    el('p', { class: 'answer-text' }, named(answer.answer, answer.names)),
    answer.singleValue ? bigNumber(answer) : null,
    answer.verified ? verifiedBadge(answer.verified, answer.timezone) : null,
    answer.window ? el('p', { class: 'meta window' }, `Time window: ${answer.window.label}`) : null,
    answer.method ? el('p', { class: 'meta method' }, `Method: ${answer.method.line}`) : null,
    warnings.length
      ? el(
          'ul',
          { class: 'flags', 'aria-label': 'Warnings' },
          warnings.map((f) => el('li', { class: 'flag' }, f)),
        )
      : null,
    notes.length
      ? el(
          'ul',
          { class: 'notes', 'aria-label': 'Notes' },
          notes.map((n) => el('li', { class: 'note' }, n)),
        )
      : null,
    answer.choices?.length
      ? el(
          'div',
          { class: 'choices', 'aria-label': 'Choices' },
          answer.choices.map((choice) => choiceButton(choice, answer.names)),
        )
      : answer.candidates?.length
        ? el('p', { class: 'meta' }, `Did you mean: ${answer.candidates.join(', ')}?`)
        : null,
  );
  if (answer.sql || reading.length) card.append(sqlBlock(answer.sql, answer.source, reading, answer.names));
  if (answer.chartData && answer.chartData.x.length > 1) card.append(timeChart(answer.chartData, answer.names));
  else if (answer.categoryChart) card.append(categoryChart(answer.categoryChart, answer.names));
  if (answer.columns?.length) card.append(resultTable(answer.columns, answer.rows, answer.display, answer.timezone, answer.names));
  const actions = el('div', { class: 'actions' });
  if (answer.resultId) {
    actions.append(
      el(
        'button',
        {
          type: 'button',
          class: 'csv',
          onclick: (e) => downloadCsv(answer.resultId).catch((error) => e.target.after(el('span', { class: 'meta' }, error.message))),
        },
        'Download CSV',
      ),
    );
  }
  actions.append(el('span', { class: 'meta evidence' }, `Evidence: audit #${(answer.auditSeq ?? []).join(', #') || 'none'}`));
  if (answer.answeredBy && answer.answeredBy !== 'sql') actions.append(el('span', { class: 'meta' }, `answered by ${answer.answeredBy}`));
  card.append(actions);
  // A question back (choices to pick from) is not an answer to rate: the pick is the feedback.
  const asksBack = Boolean(answer.choices?.length || answer.candidates?.length);
  if (answer.requestId && answer.answeredBy !== 'sql' && !asksBack)
    card.append(feedbackBar(answer, { timezone: answer.timezone, ...session }));
  return card;
}

const HOUR_MS = 3_600_000;

/**
 * A one-value answer as a big number (rounded for display, full precision on hover) with its tag's sparkline over the
 * answer's window (the 24 h before it for a value at an instant), read through GET /api/sparklines like any query.
 */
function bigNumber(answer) {
  const single = answer.singleValue;
  const label = single.tag ? (answer.names?.[single.tag] ?? single.tag) : '';
  const spark = el('span', { class: 'spark' });
  const caption = el('p', { class: 'meta spark-caption' });
  const box = el(
    'div',
    { class: 'big-number' },
    el(
      'span',
      { class: 'value', title: String(single.value) },
      single.text,
      single.unit ? el('span', { class: 'unit' }, single.unit) : null,
    ),
    single.tag ? spark : null,
    single.tag ? caption : null,
  );
  if (single.tag && answer.source && answer.window) {
    const to = Date.parse(answer.window.to);
    const asked = Date.parse(answer.window.from);
    const instant = !(to - asked >= HOUR_MS);
    const from = instant ? to - 24 * HOUR_MS : asked;
    fetchSparklines({ source: answer.source, tags: [single.tag], from: new Date(from).toISOString(), to: new Date(to).toISOString() })
      .then(({ lines, timezone }) => {
        const line = lines.get(single.tag);
        if (!line) return;
        spark.replaceChildren(sparkline(line, { width: 200, height: 44, label, timezone }));
        caption.textContent = `${label}: ${line.bucket === 'day' ? 'daily' : line.bucket === 'week' ? 'weekly' : 'hourly'} averages, ${instant ? 'the 24 h before' : 'over the time window'}`;
      })
      .catch(() => {
        spark.remove();
        caption.remove();
      });
  }
  return box;
}

/** An ask-back choice: a button that asks the choice's question as if typed; the tag's name first, its path below. */
function choiceButton(choice, names) {
  const parts = nameParts(choice.label, names);
  const label = parts.map((p) => (typeof p === 'string' ? p : p.name)).join('');
  const paths = parts.filter((p) => typeof p !== 'string').map((p) => p.path);
  return el(
    'button',
    {
      type: 'button',
      class: 'choice',
      title: choice.question,
      onclick: () => {
        document.getElementById('question').value = choice.question;
        document.getElementById('ask-form').requestSubmit();
      },
    },
    label,
    paths.length ? el('small', { class: 'tag-path' }, paths.join(', ')) : null,
  );
}

/**
 * Notes in three groups: warnings that change what the number means (cut-off results, missing data, untraced model
 * numbers, a partial answer) as pills; other notes (quality, row filters, nearest measurement) as a quiet list; how the
 * question was read ("understood: ...") folded away beside the SQL. The row cap is a warning only when it was hit.
 */
function groupNotes(answer) {
  const warnings = [];
  const notes = [];
  const reading = [];
  if (answer.truncated) warnings.push('Truncated: the result hit the row or size cap; the numbers cover only the rows shown.');
  if (answer.partial) warnings.push('Partial answer: a time or step budget ran out before the question was fully answered.');
  if (answer.grounding && answer.grounding.status !== 'grounded') warnings.push(answer.grounding.summary);
  for (const note of answer.notes ?? []) {
    if (/^understood: /.test(note)) reading.push(note.replace(/^understood: /, ''));
    else if (/^incomplete data|^stale|truncated/i.test(note)) warnings.push(note);
    else notes.push(note);
  }
  return { warnings: [...new Set(warnings)], notes: [...new Set(notes)], reading };
}

function sqlBlock(sql, source, reading = [], names = {}) {
  const tags = Object.entries(names);
  const copy = el('button', { type: 'button', class: 'copy' }, 'Copy SQL');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(sql);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select the text to copy';
    }
  });
  return el(
    'details',
    { class: 'sql-block' },
    el(
      'summary',
      {},
      sql ? `How this was answered: ${tags.length ? 'tags and ' : ''}SQL${source ? ` on ${source}` : ''}` : 'How the question was read',
    ),
    reading.length ? el('p', { class: 'reading' }, `Read as: ${reading.join('; ')}`) : null,
    tags.length
      ? el(
          'ul',
          { class: 'tag-list', 'aria-label': 'Tags' },
          tags.map(([path, name]) => el('li', {}, `${name}: `, el('code', {}, path))),
        )
      : null,
    sql ? el('pre', {}, el('code', {}, sql)) : null,
    sql ? copy : null,
  );
}

/** The user stopped the question: nothing more runs for it, and the server recorded the cancellation. */
function cancelledCard() {
  return el(
    'section',
    { class: 'card cancelled', role: 'status' },
    el('p', { class: 'answer-text' }, 'Cancelled. otq stopped working on this question; the cancellation is in the audit log.'),
  );
}

function errorCard(error) {
  if (error instanceof ApiError && error.body?.decision?.kind === 'deny') return denialCard(error.body.decision, error.body.auditSeq);
  const message = error instanceof ApiError ? error.message : `Could not reach otq: ${error.message}`;
  return el('section', { class: 'card failed', role: 'alert' }, el('p', { class: 'answer-text' }, message));
}
