// Entry of the otq page: tabs, who am I, the token dialog, and the chat, catalog and audit views.
import { getJson, setToken, setUnauthorizedHandler } from './api.js';
import { setupChat } from './chat.js';
import { loadCatalog } from './catalog.js';
import { setupAudit } from './audit-view.js';
import { loadVerified } from './verified-view.js';
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);
let catalogLoaded = false;
/** What /api/me said: read by the chat (verify control) and the Verified page. */
const session = { canVerify: false, timezone: 'UTC' };

function show(view) {
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
  if (view === 'catalog' && !catalogLoaded) {
    catalogLoaded = true;
    void loadCatalog($('catalog'), $('catalog-filter'));
  }
  if (view === 'verified') void loadVerified($('verified'), session.timezone);
  if (view === 'chat') $('question').focus();
}

async function whoAmI() {
  try {
    const me = await getJson('/api/me');
    $('who').textContent = `${me.displayName} · ${me.roles.join(', ')}`;
    // Roles the guard would refuse the audit log do not see its tab (every read is still checked and recorded server-side).
    document.querySelector('.tab[data-view="audit"]').hidden = !me.canReadAudit;
    document.querySelector('.tab[data-view="verified"]').hidden = !me.canVerify;
    Object.assign(session, { canVerify: Boolean(me.canVerify), timezone: me.timezone ?? 'UTC' });
    const sources = (await getJson('/api/catalog')).sources;
    $('sql-source').replaceChildren(...sources.map((s) => el('option', { value: s.name }, s.name)));
  } catch (error) {
    $('who').textContent = error.status === 401 ? 'not signed in' : error.message;
  }
}

setUnauthorizedHandler(({ message, rejectedToken }) => {
  const error = $('login-error');
  error.textContent = rejectedToken ? `That token was not accepted: ${message}. Check it and try again.` : '';
  error.hidden = !rejectedToken;
  if (!$('login').open) $('login').showModal();
});
$('login-form').addEventListener('submit', () => {
  setToken($('login-token').value.trim());
  $('login-token').value = '';
  void whoAmI();
});

for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => show(tab.dataset.view));
setupChat({
  form: $('ask-form'),
  input: $('question'),
  conversation: $('conversation'),
  sourceSelect: $('sql-source'),
  newConversation: $('new-conversation'),
  session,
});
setupAudit({ form: $('audit-form'), status: $('audit-status'), records: $('audit-records'), verifyButton: $('audit-verify') });
void whoAmI();
$('question').focus();
