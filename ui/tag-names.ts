// Human names for tag paths: the page shows "BPS03 discharge header pressure" and keeps the path on hover. Names come
// from the tag catalog this principal may see (its description), so a hidden tag is never named.
import type { Cell, SourceDescription } from '../connectors/connector.ts';

/** Most table rows scanned for tag paths (ranking tables have one tag per row). */
const MAX_ROWS_SCANNED = 500;

/**
 * Tag path -> human name for every visible tag whose path occurs in `texts` or in the string cells of `rows`.
 * Tags without a description keep their path (nothing is invented).
 */
export function tagNames(
  sources: readonly SourceDescription[],
  texts: readonly string[],
  rows: readonly Cell[][] = [],
): Record<string, string> {
  const haystack = [...texts, ...rows.slice(0, MAX_ROWS_SCANNED).flatMap((r) => r.filter((c): c is string => typeof c === 'string'))].join(
    '\n',
  );
  const names: Record<string, string> = {};
  for (const source of sources) {
    for (const tag of source.tags ?? []) {
      const name = tag.description?.trim();
      if (!name || name === tag.name || names[tag.name] !== undefined) continue;
      if (occursAsPath(haystack, tag.name)) names[tag.name] = name;
    }
  }
  return names;
}

/** True when `path` occurs in `text` and is not part of a longer path or word. */
export function occursAsPath(text: string, path: string): boolean {
  for (let at = text.indexOf(path); at >= 0; at = text.indexOf(path, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + path.length);
    if (!/[\w/.-]/.test(before) && !/[\w/]/.test(after)) return true;
  }
  return false;
}

/**
 * `text` with each named tag path replaced by its human name ("PATH (NAME)" collapses to the name alone), as the web
 * page shows it; for channels without hover (bots), which list the paths separately.
 */
export function namedText(text: string, names: Readonly<Record<string, string>>): string {
  const paths = Object.keys(names).sort((a, b) => b.length - a.length);
  if (paths.length === 0 || !text) return text;
  const pattern = new RegExp(`(?<![\\w/.-])(${paths.map(escapeRegExp).join('|')})(?![\\w/])`, 'g');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const path = match[1]!;
    const name = names[path]!;
    let end = match.index + path.length;
    if (text.startsWith(` (${name})`, end)) end += name.length + 3;
    out += text.slice(last, match.index) + name;
    last = end;
    pattern.lastIndex = end;
  }
  return out + text.slice(last);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
