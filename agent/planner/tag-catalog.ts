// Entity linking over a source's tag catalog, in one import: the index (tag-index.ts) built from the catalog's words
// (catalog-words.ts), question tokens (query-tokens.ts), match weights (match-weight.ts) and linking (tag-linking.ts).
export { kindTerms, measurementKey, measurementTerms, splitTerms, stem } from './catalog-words.ts';
export { editDistance } from './edit-distance.ts';
export { buildTagIndex, inCatalogPhrase, type IndexedTag, type TagIndex } from './tag-index.ts';
export { tokenize, type QueryToken } from './query-tokens.ts';
export { fuzzyTerms, matchWeight, matchesOnlyBySite, wordsNamed } from './match-weight.ts';
export { linkTags, type LinkResult } from './tag-linking.ts';
