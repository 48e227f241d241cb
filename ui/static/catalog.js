// The catalog browser: per source its tables and columns, and its tags as an asset tree (site -> asset -> tag) with each
// tag's latest value, its age and a sparkline of its last 24 h of data; a click on a tag asks about it in the chat. A
// filter box narrows tables and tags.
import { getJson } from './api.js';
import { el } from './dom.js';
import { plantTime } from './format.js';
import { fetchSparklines, sparkline } from './sparkline.js';

export async function loadCatalog(container, filterInput) {
  container.replaceChildren(el('p', { class: 'meta' }, 'Loading the catalog…'));
  let sources;
  try {
    sources = (await getJson('/api/catalog')).sources;
  } catch (error) {
    container.replaceChildren(el('p', { class: 'status bad' }, error.message));
    return [];
  }
  /** tag name -> {value, time}; filled in when /api/catalog/latest answers (a guarded, audited query per source). */
  const latest = new Map();
  const latestErrors = new Map();
  /** tag name -> sparkline line; filled in when /api/sparklines answers (one guarded, audited query per source). */
  const sparks = new Map();
  let timezone = 'UTC';
  const tagsByName = new Map(sources.flatMap((source) => (source.tags ?? []).map((t) => [t.name, t])));
  /** Branches the user opened ("site" or "site\u0000asset"): kept open when the filter redraws the tree. */
  const opened = new Set();
  const render = () => {
    const q = filterInput.value.trim().toLowerCase();
    const match = (...texts) => !q || texts.some((t) => t && String(t).toLowerCase().includes(q));
    container.replaceChildren(
      ...sources.map((source) => {
        const tables = source.tables.filter((t) => match(t.name, t.comment, ...t.columns.map((c) => c.name)));
        const tags = (source.tags ?? []).filter((t) =>
          match(t.name, t.description, t.unit, t.asset, t.assetName, t.site, t.siteName, t.measurement),
        );
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
          latestErrors.has(source.name) ? el('p', { class: 'meta' }, `Latest values: ${latestErrors.get(source.name)}`) : null,
          tags.length ? assetTree(source.name, tags, { latest, sparks, timezone, open: q !== '', opened }) : null,
        );
      }),
    );
  };
  filterInput.oninput = render;
  render();
  /** Sparklines of each source's 24 h before its newest sample (the sample data can end before today). */
  const loadSparklines = (newest) => {
    for (const source of sources.filter((s) => s.historian && s.tags?.length)) {
      const to = newest.get(source.name);
      fetchSparklines({ source: source.name, ...(to ? { to: new Date(to).toISOString() } : {}) })
        .then((result) => {
          timezone = result.timezone;
          for (const [tag, line] of result.lines) sparks.set(tag, line);
          for (const row of container.querySelectorAll('.tag-row')) {
            const line = sparks.get(row.dataset.tag);
            if (line) row.querySelector('.spark').replaceChildren(tagSparkline(line, tagsByName.get(row.dataset.tag), timezone));
          }
        })
        .catch(() => {
          // The latest values still show; a tag without a sparkline simply has none.
        });
    }
  };
  getJson('/api/catalog/latest')
    .then((body) => {
      timezone = body.timezone ?? timezone;
      const newest = new Map();
      for (const [source, result] of Object.entries(body.sources ?? {})) {
        if (result.error) latestErrors.set(source, result.error);
        for (const v of result.values ?? []) {
          latest.set(v.tag, v);
          const ms = v.time ? Date.parse(v.time) : NaN;
          if (Number.isFinite(ms) && ms > (newest.get(source) ?? 0)) newest.set(source, ms);
        }
      }
      // Filled in place, so the branches the user has opened meanwhile stay open.
      for (const row of container.querySelectorAll('.tag-row')) {
        const tag = tagsByName.get(row.dataset.tag);
        const value = latest.get(row.dataset.tag);
        if (tag && value) row.querySelector('.latest').textContent = latestText(value, tag, timezone);
      }
      if (latestErrors.size > 0) render();
      loadSparklines(newest);
    })
    .catch((error) => {
      for (const source of sources) latestErrors.set(source.name, error.message);
      render();
      loadSparklines(new Map());
    });
  return sources;
}

function tagSparkline(line, tag, timezone) {
  return sparkline(line, { label: tag?.description ?? line.tag, timezone });
}

/** Site -> asset -> tags, from the catalog's site/asset fields, else from the tag path's segments. */
function groupTags(tags) {
  const sites = new Map();
  for (const tag of tags) {
    // Paths like BPS03/P01/Flow or BPS03.P1.FLOW (many SCADA exports use dots).
    const parts = tag.name.split(tag.name.includes('/') ? '/' : '.');
    const siteKey = tag.site ?? (parts.length > 1 ? parts[0] : 'Tags');
    const assetKey = tag.asset ?? (parts.length > 2 ? tag.name.slice(0, tag.name.length - parts.at(-1).length - 1) : siteKey);
    if (!sites.has(siteKey)) sites.set(siteKey, { name: tag.siteName ?? siteKey, assets: new Map() });
    const assets = sites.get(siteKey).assets;
    if (!assets.has(assetKey)) assets.set(assetKey, { name: tag.assetName ?? assetKey.split('/').pop(), tags: [] });
    assets.get(assetKey).tags.push(tag);
  }
  return sites;
}

function assetTree(sourceName, tags, view) {
  const sites = [...groupTags(tags).entries()].sort(([a], [b]) => a.localeCompare(b));
  return el(
    'div',
    { class: 'asset-tree', role: 'tree', 'aria-label': `Tags of ${sourceName}` },
    sites.map(([siteKey, site]) =>
      el(
        'details',
        {
          class: 'site',
          open: view.open || sites.length === 1 || view.opened.has(siteKey),
          role: 'treeitem',
          ontoggle: (e) => remember(view.opened, siteKey, e.target),
        },
        el(
          'summary',
          {},
          el('strong', {}, siteKey),
          site.name !== siteKey ? ` ${site.name}` : '',
          el('span', { class: 'meta' }, ` ${count(site)}`),
        ),
        [...site.assets.entries()].map(([assetKey, asset]) =>
          el(
            'details',
            {
              class: 'asset',
              open: view.open || view.opened.has(`${siteKey}\u0000${assetKey}`),
              role: 'treeitem',
              ontoggle: (e) => remember(view.opened, `${siteKey}\u0000${assetKey}`, e.target),
            },
            el('summary', {}, asset.name, el('span', { class: 'meta' }, ` ${assetKey} · ${asset.tags.length}`)),
            el(
              'ul',
              { class: 'tag-list', role: 'group' },
              asset.tags.map((tag) => tagRow(tag, view)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Remembers whether a branch is open (toggle events do not bubble: each branch reports its own). */
function remember(opened, key, details) {
  if (details.open) opened.add(key);
  else opened.delete(key);
}

function count(site) {
  const n = [...site.assets.values()].reduce((sum, a) => sum + a.tags.length, 0);
  return `${n} tag${n === 1 ? '' : 's'}`;
}

function tagRow(tag, view) {
  const value = view.latest.get(tag.name);
  return el(
    'li',
    { class: 'tag-row', dataset: { tag: tag.name } },
    el(
      'button',
      { type: 'button', class: 'link tag-ask', title: `Ask about ${tag.name}`, onclick: () => askAbout(tag) },
      tag.description ?? tag.name,
    ),
    el('small', { class: 'tag-path' }, tag.unit ? `${tag.name} · ${tag.unit}` : tag.name),
    el('span', { class: 'latest' }, value ? latestText(value, tag, view.timezone) : ''),
    el('span', { class: 'spark' }, view.sparks.has(tag.name) ? tagSparkline(view.sparks.get(tag.name), tag, view.timezone) : null),
  );
}

/** "4.93 bar · 2026-12-05 00:28 +01:00": the newest sample at any age, with its time so an old one is seen as old. */
function latestText(value, tag, timezone) {
  const shown = typeof value.value === 'number' ? String(Number(value.value.toPrecision(4))) : String(value.value ?? '—');
  const when = value.time ? plantTime(Date.parse(value.time), timezone) : '';
  return `${shown}${tag.unit ? ` ${tag.unit}` : ''}${when ? ` · ${when}` : ''}`;
}

/** Switches to the chat and asks for the tag's latest value. */
function askAbout(tag) {
  document.querySelector('.tab[data-view="chat"]')?.click();
  document.getElementById('question').value = `what is the latest ${tag.name}?`;
  document.getElementById('ask-form').requestSubmit();
}
