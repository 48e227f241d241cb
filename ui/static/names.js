// Names before paths: a tag path the server named (answer.names) is shown as its human name, the path on hover.
import { el } from './dom.js';

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits `text` into strings and {path, name} parts; "PATH (NAME)" collapses to the name alone. */
export function nameParts(text, names = {}) {
  const paths = Object.keys(names).sort((a, b) => b.length - a.length);
  if (paths.length === 0 || !text) return [text];
  const pattern = new RegExp(`(?<![\\w/.-])(${paths.map(escape).join('|')})(?![\\w/])`, 'g');
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const path = match[1];
    const name = names[path];
    let end = match.index + path.length;
    const echoed = ` (${name})`;
    if (text.startsWith(echoed, end)) end += echoed.length;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ path, name });
    last = end;
    pattern.lastIndex = end;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** DOM nodes for `text`: names in a span whose title (and accessible description) is the tag path. */
export function named(text, names) {
  return nameParts(text, names).map((part) =>
    typeof part === 'string'
      ? part
      : el('span', { class: 'tag-name', title: part.path, tabindex: '0', dataset: { tag: part.path } }, part.name),
  );
}

/** Plain text with names instead of paths (chart legends, labels that cannot hold markup). */
export function namedText(text, names) {
  return nameParts(text, names)
    .map((part) => (typeof part === 'string' ? part : part.name))
    .join('');
}
