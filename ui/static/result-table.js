// The result table: sortable by any column (click or Enter on its header), paged, numbers right-aligned and rounded,
// times in plant time with their offset; on a narrow screen a hint says the table scrolls sideways.
import { el } from './dom.js';
import { formatCell } from './format.js';
import { named } from './names.js';

const PAGE_SIZE = 50;

/** `display`: the server's per-column hints; `timezone`: the plant's zone. */
export function resultTable(columns, rows, display = [], timezone = 'UTC', names = {}) {
  let order = rows.map((_, i) => i);
  let sort = { index: -1, direction: 'none' };
  let page = 0;
  const numeric = columns.map((_, c) => rows.some((r) => typeof r[c] === 'number'));
  const wrap = el('div', { class: 'result-table' });

  const compare = (c) => (a, b) => {
    const x = rows[a][c];
    const y = rows[b][c];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  };

  const sortBy = (c) => {
    const direction = sort.index === c && sort.direction === 'ascending' ? 'descending' : 'ascending';
    order = rows.map((_, i) => i).sort(compare(c));
    if (direction === 'descending') order.reverse();
    sort = { index: c, direction };
    page = 0;
    render();
  };

  const render = () => {
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const head = el(
      'tr',
      {},
      columns.map((col, c) =>
        el(
          'th',
          { scope: 'col', 'aria-sort': sort.index === c ? sort.direction : 'none', title: headerTitle(col, display[c], timezone) },
          el('button', { type: 'button', onclick: () => sortBy(c) }, col.name),
        ),
      ),
    );
    const body = order.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((r) =>
      el(
        'tr',
        {},
        rows[r].map((v, c) =>
          el(
            'td',
            { class: numeric[c] ? 'num' : undefined },
            typeof v === 'string' && names[v] ? named(v, names) : formatCell(v, display[c], timezone),
          ),
        ),
      ),
    );
    const pager =
      pages > 1
        ? el(
            'div',
            { class: 'pager' },
            el('button', { type: 'button', disabled: page === 0, onclick: () => ((page -= 1), render()) }, 'Previous'),
            `Page ${page + 1} of ${pages} (${rows.length} rows)`,
            el('button', { type: 'button', disabled: page >= pages - 1, onclick: () => ((page += 1), render()) }, 'Next'),
          )
        : el('div', { class: 'pager' }, `${rows.length} row${rows.length === 1 ? '' : 's'}`);
    const scroller = el('div', { class: 'table-wrap', tabindex: '0' }, el('table', {}, el('thead', {}, head), el('tbody', {}, body)));
    const hint = el('p', { class: 'scroll-hint meta', hidden: true }, 'Scroll sideways for more columns →');
    const update = () => {
      const more = scroller.scrollWidth - scroller.clientWidth - scroller.scrollLeft > 2;
      hint.hidden = !more;
      scroller.classList.toggle('more-right', more);
    };
    scroller.addEventListener('scroll', update, { passive: true });
    new ResizeObserver(update).observe(scroller);
    wrap.replaceChildren(scroller, hint, pager);
  };
  render();
  return wrap;
}

function headerTitle(column, display, timezone) {
  if (display?.kind === 'instant') return `${column.type}, shown in plant time (${timezone})`;
  if (display?.kind === 'number')
    return `${column.type}${display.unit ? `, ${display.unit}` : ''}, shown with ${display.decimals} decimals (the CSV has full precision)`;
  return column.type;
}
