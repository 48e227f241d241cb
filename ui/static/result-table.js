// The result table: sortable by any column (click or Enter on its header), paged, numbers right-aligned.
import { el, formatCell } from './dom.js';

const PAGE_SIZE = 50;

export function resultTable(columns, rows) {
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
          { scope: 'col', 'aria-sort': sort.index === c ? sort.direction : 'none', title: col.type },
          el('button', { type: 'button', onclick: () => sortBy(c) }, col.name),
        ),
      ),
    );
    const body = order.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((r) =>
      el(
        'tr',
        {},
        rows[r].map((v, c) => el('td', { class: numeric[c] ? 'num' : undefined }, formatCell(v))),
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
    wrap.replaceChildren(el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, head), el('tbody', {}, body))), pager);
  };
  render();
  return wrap;
}
