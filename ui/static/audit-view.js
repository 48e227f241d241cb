// The audit page (role auditor): evidence records with filters, and the chain/signature verify status.
import { getJson } from './api.js';
import { el } from './dom.js';

export function setupAudit({ form, status, records, verifyButton }) {
  const value = (id) => document.getElementById(id).value.trim();
  const iso = (local) => (local ? new Date(local).toISOString() : '');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, v] of [
      ['since', iso(value('audit-since'))],
      ['until', iso(value('audit-until'))],
      ['user', value('audit-user')],
      ['kind', value('audit-kind')],
    ])
      if (v) params.set(key, v);
    records.replaceChildren(el('p', { class: 'meta' }, 'Loading…'));
    try {
      const body = await getJson(`/api/audit?${params}`);
      records.replaceChildren(recordTable(body.records));
    } catch (error) {
      records.replaceChildren(
        el('p', { class: 'status bad', role: 'alert' }, error.status === 403 ? `Not allowed: ${error.message}` : error.message),
      );
    }
  });

  verifyButton.addEventListener('click', async () => {
    status.className = 'status';
    status.textContent = 'Verifying the chain…';
    try {
      const result = await getJson('/api/audit/verify');
      status.className = result.ok ? 'status ok' : 'status bad';
      status.textContent = result.ok ? `Intact: ${summary(result)}` : `TAMPERED: ${summary(result)}`;
    } catch (error) {
      status.className = 'status bad';
      status.textContent = error.message;
    }
  });
}

function summary(result) {
  return Object.entries(result)
    .filter(([k, v]) => k !== 'ok' && (typeof v !== 'object' || v === null))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function recordTable(list) {
  if (list.length === 0) return el('p', { class: 'meta' }, 'No records match.');
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { 'aria-label': 'Audit records' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Seq', 'Time (UTC)', 'Kind', 'User', 'Channel', 'Request', 'Payload'].map((h) => el('th', { scope: 'col' }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        list.map((r) =>
          el(
            'tr',
            {},
            el('td', { class: 'num' }, r.seq),
            el('td', {}, r.ts),
            el('td', {}, r.kind),
            el('td', {}, r.principal ?? '—'),
            el('td', {}, r.channel),
            el('td', {}, el('code', {}, String(r.requestId).slice(0, 8))),
            el('td', {}, el('code', {}, JSON.stringify(r.payload).slice(0, 300))),
          ),
        ),
      ),
    ),
  );
}
