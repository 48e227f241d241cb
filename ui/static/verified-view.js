// The Verified page (roles granted verify_answer): every verified answer with who vouched for it, its SQL and evidence;
// retiring one asks for the reason, which is recorded.
import { getJson, postJson } from './api.js';
import { el } from './dom.js';
import { plantTime } from './format.js';

export async function loadVerified(container, timezone) {
  container.replaceChildren(el('p', { class: 'meta' }, 'Loading verified answers…'));
  let list;
  try {
    list = (await getJson('/api/verified')).verified;
  } catch (error) {
    container.replaceChildren(el('p', { class: 'status bad', role: 'alert' }, error.message));
    return;
  }
  if (list.length === 0) {
    container.replaceChildren(el('p', { class: 'meta' }, 'No verified answers yet. Mark an answer verified from its card in the chat.'));
    return;
  }
  container.replaceChildren(...list.map((entry) => verifiedItem(entry, timezone, () => loadVerified(container, timezone))));
}

function verifiedItem(entry, timezone, reload) {
  const when = (iso) => plantTime(Date.parse(iso), timezone);
  const item = el(
    'article',
    { class: `verified-item card${entry.retired ? ' retired' : ''}`, dataset: { id: entry.id } },
    el('p', { class: 'answer-text' }, entry.question),
    el(
      'p',
      { class: 'meta' },
      `Verified by ${entry.verifiedByName} on ${when(entry.verifiedAt)}`,
      entry.window ? ` · window then: ${entry.window}` : '',
      ` · evidence #${entry.evidence.join(', #')}`,
    ),
    entry.retired
      ? el('p', { class: 'status bad' }, `Retired by ${entry.retired.by} on ${when(entry.retired.at)}: ${entry.retired.reason}`)
      : null,
    el(
      'details',
      { class: 'sql-block' },
      el('summary', {}, `Answer and SQL on ${entry.source}`),
      el('p', {}, entry.answer),
      el('pre', {}, el('code', {}, entry.sql)),
    ),
  );
  if (!entry.retired) {
    const reason = el('input', {
      type: 'text',
      required: true,
      maxlength: '1000',
      'aria-label': 'Reason for retiring',
      placeholder: 'why retire it?',
    });
    const status = el('span', { class: 'meta', role: 'status' });
    const form = el('form', { class: 'retire' }, reason, el('button', { type: 'submit' }, 'Retire'), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await postJson(`/api/verified/${encodeURIComponent(entry.id)}/retire`, { reason: reason.value.trim() });
        await reload();
      } catch (error) {
        status.textContent = error.message;
      }
    });
    item.append(form);
  }
  return item;
}
