// The catalog browser: sources, their tables and columns, and the tag catalog with units, with a filter box.
import { getJson } from './api.js';
import { el } from './dom.js';

export async function loadCatalog(container, filterInput) {
  container.replaceChildren(el('p', { class: 'meta' }, 'Loading the catalog…'));
  let sources;
  try {
    sources = (await getJson('/api/catalog')).sources;
  } catch (error) {
    container.replaceChildren(el('p', { class: 'status bad' }, error.message));
    return [];
  }
  const render = () => {
    const q = filterInput.value.trim().toLowerCase();
    const match = (...texts) => !q || texts.some((t) => t && String(t).toLowerCase().includes(q));
    container.replaceChildren(
      ...sources.map((source) => {
        const tables = source.tables.filter((t) => match(t.name, t.comment, ...t.columns.map((c) => c.name)));
        const tags = (source.tags ?? []).filter((t) => match(t.name, t.description, t.unit, t.asset));
        return el(
          'section',
          { class: 'source' },
          el('h2', {}, `${source.name} `, el('span', { class: 'meta' }, source.dialect)),
          tables.map((t) =>
            el(
              'details',
              {},
              el('summary', {}, `${t.name}${t.kind === 'view' ? ' (view)' : ''}${t.comment ? ` — ${t.comment}` : ''}`),
              el('p', { class: 'columns' }, t.columns.map((c) => `${c.name} ${c.type}`).join(', ')),
            ),
          ),
          tags.length
            ? el(
                'div',
                { class: 'table-wrap' },
                el(
                  'table',
                  { 'aria-label': `Tags of ${source.name}` },
                  el(
                    'thead',
                    {},
                    el(
                      'tr',
                      {},
                      ['Tag', 'Description', 'Unit', 'Asset'].map((h) => el('th', { scope: 'col' }, h)),
                    ),
                  ),
                  el(
                    'tbody',
                    {},
                    tags
                      .slice(0, 500)
                      .map((t) =>
                        el(
                          'tr',
                          {},
                          el('td', {}, t.name),
                          el('td', {}, t.description ?? ''),
                          el('td', {}, t.unit ?? ''),
                          el('td', {}, t.asset ?? ''),
                        ),
                      ),
                  ),
                ),
              )
            : null,
        );
      }),
    );
  };
  filterInput.oninput = render;
  render();
  return sources;
}
