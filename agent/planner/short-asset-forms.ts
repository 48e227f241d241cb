// Short forms of a catalog's identifiers as chat writes them: "ps2" for BPS02 when PS is no family of its own and only
// the BPS family ends in it. Derived from the catalog, so a site's own families get theirs without configuration.
import type { TagIndex } from './tag-catalog.ts';

/** Per catalog: written short form ("ps2", "ps02") -> the identifier it stands for ("bps02"). */
const cache = new WeakMap<TagIndex, ReadonlyMap<string, string>>();

/**
 * The short forms of a catalog's numbered identifiers: the last letters of a family (at least two, fewer than all)
 * followed by one of that family's numbers, written with or without its leading zeros. A short form is kept only when
 * its letters are no family of the catalog and the tail of exactly one family ("ps" of BPS; "p" alone is too short, and
 * a tail two families share names neither).
 */
export function shortAssetForms(index: TagIndex): ReadonlyMap<string, string> {
  const known = cache.get(index);
  if (known) return known;
  const families = new Map<string, Set<number>>();
  for (const tag of index.tags)
    for (const id of tag.ownIds)
      if (/^[a-z]+$/.test(id.letters)) families.set(id.letters, (families.get(id.letters) ?? new Set()).add(id.num));
  const tails = new Map<string, string[]>();
  for (const letters of families.keys())
    for (let cut = 1; letters.length - cut >= 2; cut += 1) {
      const tail = letters.slice(cut);
      tails.set(tail, [...(tails.get(tail) ?? []), letters]);
    }
  const forms = new Map<string, string>();
  for (const [tail, owners] of tails) {
    if (owners.length !== 1 || families.has(tail)) continue;
    const owner = owners[0] ?? '';
    for (const num of families.get(owner) ?? []) {
      const full = `${owner}${String(num).padStart(2, '0')}`;
      forms.set(`${tail}${num}`, full);
      forms.set(`${tail}${String(num).padStart(2, '0')}`, full);
    }
  }
  cache.set(index, forms);
  return forms;
}

/** The configured synonyms with the catalogs' short forms beside them (a configured synonym wins over a derived one). */
export function withShortForms(synonyms: Readonly<Record<string, string>>, indexes: readonly TagIndex[]): Readonly<Record<string, string>> {
  const configured = new Set(Object.keys(synonyms).map((key) => key.toLowerCase()));
  const derived: Record<string, string> = {};
  for (const index of indexes) for (const [form, full] of shortAssetForms(index)) if (!configured.has(form)) derived[form] = full;
  return { ...derived, ...synonyms };
}
