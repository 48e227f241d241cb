// The planner's view of its sources (tag index, vocabulary, typo index) and the context a question is planned in.
import type { ConversationTurn } from '../answer.ts';
import type { SourceDescription } from '../../connectors/connector.ts';
import { buildTypoIndex, type TypoIndex } from './normalize-question.ts';
import { buildKnownWords } from './known-words.ts';
import { buildTagIndex, type TagIndex } from './tag-catalog.ts';
import type { ShiftDefinition, TimeContext } from './time-window.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';
import type { DateOrder } from './numeric-date.ts';

/** A source the planner can answer from: its description (with historian mapping and tags) and the tag index. */
export interface PlannerCatalog {
  source: SourceDescription;
  index: TagIndex;
  vocabulary: Vocabulary;
  /** Words a typo may be corrected to: the lexicon, the thesaurus and this catalog's own vocabulary. */
  known: TypoIndex;
}

export interface PlanContext {
  now: Date;
  timezone: string;
  synonyms: Readonly<Record<string, string>>;
  shifts: readonly ShiftDefinition[];
  /** Hours of "minimum night flow", plant time (default 02:00–04:00). */
  nightHours?: { fromHour: number; toHour: number };
  /** How numeric dates with slashes are read (planner.dateOrder, default dmy). */
  dateOrder?: DateOrder;
  history?: readonly ConversationTurn[];
}

/** The time context of a question: its clock, the plant's zone and shifts, the site's order of numeric dates. */
export const timeOf = (ctx: PlanContext): TimeContext => ({
  now: ctx.now,
  timezone: ctx.timezone,
  shifts: ctx.shifts,
  ...(ctx.dateOrder ? { dateOrder: ctx.dateOrder } : {}),
});

/** Builds the catalogs of all sources that have a historian mapping and a tag catalog. */
export function buildCatalogs(sources: readonly SourceDescription[], vocabulary: Vocabulary = buildVocabulary()): PlannerCatalog[] {
  return sources
    .filter((s) => s.historian && s.tags && s.tags.length > 0)
    .map((source) => {
      const index = buildTagIndex(source.tags ?? []);
      return {
        source,
        index,
        vocabulary,
        known: buildKnownWords(index, vocabulary),
      };
    });
}

const knownUnion = new WeakMap<readonly PlannerCatalog[], TypoIndex>();
/** The words a typo may be corrected to in any of the catalogs (built once per list of catalogs). */
export function knownOf(catalogs: readonly PlannerCatalog[]): TypoIndex {
  if (catalogs.length === 1) return catalogs[0]!.known;
  let known = knownUnion.get(catalogs);
  if (!known) {
    known = buildTypoIndex(
      new Set(catalogs.flatMap((c) => [...c.known.known])),
      catalogs[0]?.known.contrasts,
      new Set(catalogs.flatMap((c) => [...c.known.slipsOnly])),
    );
    knownUnion.set(catalogs, known);
  }
  return known;
}

const unitsOfCatalogs = new WeakMap<readonly PlannerCatalog[], ReadonlySet<string>>();
/** The units the catalogs' tags are measured in, lower case. */
export function catalogUnits(catalogs: readonly PlannerCatalog[]): ReadonlySet<string> {
  let units = unitsOfCatalogs.get(catalogs);
  if (!units) {
    units = new Set(catalogs.flatMap((c) => c.index.tags.map((t) => (t.info.unit ?? '').toLowerCase()).filter((u) => u !== '')));
    unitsOfCatalogs.set(catalogs, units);
  }
  return units;
}
