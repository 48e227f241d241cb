// planQuestion: question text -> Plan | Decline | Ambiguous, from the tag catalog alone (no model, no I/O).
import type { ConversationTurn } from '../answer.ts';
import type { SourceDescription } from '../../connectors/connector.ts';
import { chooseOperation, type Cues } from './choose-operation.ts';
import {
  AGG_WORDS,
  ALARM_RE,
  BUCKET_WORDS,
  COMPARE_RE,
  FILLER,
  KIND_DEFAULT_MEASUREMENT,
  NON_PLANNER_RE,
  NOW_RE,
  PLURAL_RE,
  RANK_RE,
  RUN_RE,
  SERIES_RE,
  THRESHOLD_RE,
  TYPO_FIXES,
} from './question-lexicon.ts';
import type { PlanResult } from './plan.ts';
import { measurementsOf } from './group-check.ts';
import {
  buildTagIndex,
  linkTags,
  measurementKey,
  splitTerms,
  stem,
  tokenize,
  type IndexedTag,
  type QueryToken,
  type TagIndex,
} from './tag-catalog.ts';
import { resolveTime, type ShiftDefinition } from './time-window.ts';

/** A source the planner can answer from: its description (with historian mapping and tags) and the tag index. */
export interface PlannerCatalog {
  source: SourceDescription;
  index: TagIndex;
}

export interface PlanContext {
  now: Date;
  timezone: string;
  synonyms: Readonly<Record<string, string>>;
  shifts: readonly ShiftDefinition[];
  history?: readonly ConversationTurn[];
}

/** Builds the catalogs of all sources that have a historian mapping and a tag catalog. */
export function buildCatalogs(sources: readonly SourceDescription[]): PlannerCatalog[] {
  return sources
    .filter((s) => s.historian && s.tags && s.tags.length > 0)
    .map((source) => ({ source, index: buildTagIndex(source.tags ?? []) }));
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lower-cases, applies typo fixes and configured synonyms (PS3 -> BPS03), normalises punctuation. */
export function normalizeQuestion(question: string, synonyms: Readonly<Record<string, string>>): string {
  let text = ` ${question.toLowerCase().replace(/[’`]/g, "'").replace(/m³/g, 'm3').replace(/'s\b/g, '').replace(/\s+/g, ' ')} `;
  for (const [from, to] of Object.entries(synonyms)) {
    text = text.replace(new RegExp(`(?<=[^a-z0-9])${escapeRe(from.toLowerCase())}(?=[^a-z0-9])`, 'g'), to.toLowerCase());
  }
  text = text.replace(/\b[a-z]+\b/g, (w) => TYPO_FIXES[w] ?? w);
  text = text.replace(/\b(\d+)\s*h\b/g, '$1 hours').replace(/\b24\/7\b/g, '');
  return text.replace(/[?!]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function blankMatch(text: string, re: RegExp): { text: string; match: RegExpExecArray | null } {
  const match = re.exec(text);
  if (!match) return { text, match };
  return { text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length), match };
}

/** Plans one question against the catalogs; the history supplies entities and windows for follow-ups. */
export function planQuestion(question: string, catalogs: PlannerCatalog | readonly PlannerCatalog[], ctx: PlanContext): PlanResult {
  const list = Array.isArray(catalogs) ? (catalogs as readonly PlannerCatalog[]) : [catalogs as PlannerCatalog];
  if (list.length === 0) return { kind: 'decline', reason: 'no source has a historian mapping with a tag catalog' };
  const previous = ctx.history?.at(-1);
  const first = planOnce(question, list, ctx, previous);
  if (first.kind !== 'decline' || !previous || !first.followUp) return stripFollowUp(first);
  // A follow-up without entities ("and the day before?"): keep the previous question's entities and operation.
  const merged = mergeFollowUp(previous.question, question, ctx);
  return stripFollowUp(planOnce(merged, list, ctx, previous));
}

type Planned = PlanResult & { followUp?: boolean };

function stripFollowUp(result: Planned): PlanResult {
  const rest = { ...result };
  delete rest.followUp;
  return rest;
}

/** The follow-up's words plus the previous question without its time expression. */
function mergeFollowUp(previousQuestion: string, followUp: string, ctx: PlanContext): string {
  const before = normalizeQuestion(previousQuestion, ctx.synonyms);
  const time = resolveTime(before, { now: ctx.now, timezone: ctx.timezone, shifts: ctx.shifts });
  return `${followUp} ${(time?.rest ?? before).trim()}`;
}

function planOnce(
  question: string,
  catalogs: readonly PlannerCatalog[],
  ctx: PlanContext,
  previous: ConversationTurn | undefined,
): Planned {
  let text = normalizeQuestion(question, ctx.synonyms);
  const original = text;
  const outside = NON_PLANNER_RE.exec(text);
  if (outside)
    return {
      kind: 'decline',
      reason: `"${outside[0]}" asks for more than the planner's shapes (values, aggregates, series, thresholds, run-hours, rankings, alarms)`,
    };
  const now = blankMatch(text, NOW_RE);
  text = now.text;
  const time = resolveTime(text, {
    now: ctx.now,
    timezone: ctx.timezone,
    shifts: ctx.shifts,
    ...(previous?.window ? { previousWindow: previous.window } : {}),
  });
  if (time) text = time.rest;

  const cues: Cues = {
    fns: [],
    plural: PLURAL_RE.test(text),
    text: original,
    rank: RANK_RE.test(text),
    compare: false,
    now: false,
    series: SERIES_RE.test(text),
  };
  cues.now = now.match !== null;
  const threshold = blankMatch(text, THRESHOLD_RE);
  text = threshold.text;
  if (threshold.match) {
    const word = threshold.match[1] ?? '';
    const unit = threshold.match[3]?.replace(/^(degc|deg|c)$/, '°c');
    cues.threshold = {
      comparator: /above|over|exceed|higher|greater|more|>/.test(word) ? 'above' : 'below',
      value: Number((threshold.match[2] ?? '0').replace(',', '.')),
      ...(unit ? { unit } : {}),
    };
  }
  for (const [re, bucket] of BUCKET_WORDS) {
    const found = blankMatch(text, re);
    if (found.match) {
      cues.bucket = bucket;
      text = found.text;
    }
  }
  cues.alarm = ALARM_RE.test(text);
  cues.run = !cues.alarm && RUN_RE.test(text);
  const top = /\btop\s+(\d+)\b/.exec(text);
  if (top) cues.limit = Number(top[1]);
  text = text.replace(/\btop\s+\d+\b/, ' ');

  const words = text
    .split(/[^a-z0-9_%°./-]+/)
    .map((w) => w.replace(/^[./-]+|[./-]+$/g, ''))
    .filter((w) => w.length > 0);
  const content: string[] = [];
  let compareWords = 0;
  for (const word of words) {
    const fn = AGG_WORDS[word];
    if (fn) {
      if (!cues.fns.includes(fn)) cues.fns.push(fn);
      continue;
    }
    if (COMPARE_RE.test(word)) compareWords += 1;
    if (
      /^(alarms?|alerts?|trips?|noisiest|noisy|frequent|common|chattering|clear|cleared|clearing|mttc|mean|take|took|active|acknowledged)$/.test(
        word,
      ) &&
      cues.alarm
    )
      continue;
    if (FILLER.has(word)) continue;
    content.push(word);
  }
  cues.compare = compareWords > 0;
  const tokens = tokenize(content);
  const followUp = tokens.length === 0 && previous !== undefined;
  if (tokens.length === 0 && !cues.alarm) {
    return { kind: 'decline', reason: 'I could not find a tag, asset or measurement in the question', followUp };
  }
  if (tokens.length > 0 && cues.plural === false)
    cues.plural = content.some((w) => /[a-z]{3,}s$/.test(w) && !/ss$/.test(w) && !/us$/.test(w));

  let best: { catalog: PlannerCatalog; tags: IndexedTag[]; multiId: boolean } | undefined;
  let failure: Planned | undefined;
  for (const catalog of catalogs) {
    if (tokens.length === 0) {
      best = { catalog, tags: [], multiId: false };
      break;
    }
    // "which tank", "rank ...", "all tanks", "each reservoir": a group is asked for, not the single most specific tag.
    const group = /\bwhich\b|\brank(?:ing|ed)?\b/.test(original) || cues.plural;
    let linked = linkEntities(catalog.index, tokens, group);
    // "total flow" means the totaliser: when the best match is not a counter, try again with "total" as a word.
    if (cues.fns.includes('sum') && linked.kind === 'ok' && !linked.tags.every((t) => t.info.dataType === 'counter')) {
      const withTotal = linkEntities(catalog.index, [...tokens, { text: 'total' }]);
      if (withTotal.kind === 'ok' && withTotal.tags.every((t) => t.info.dataType === 'counter')) linked = withTotal;
    }
    // "which reservoir was lowest": a bare storage kind means its level when the kind's tags measure several things.
    if (linked.kind === 'ok' && measurementsOf(linked.tags).length > 1) {
      const implied = tokens.map((t) => (t.id ? undefined : KIND_DEFAULT_MEASUREMENT[stem(t.text)])).find((m) => m !== undefined);
      if (implied && !tokens.some((t) => t.text === implied)) {
        const withMeasure = linkEntities(catalog.index, [...tokens, { text: implied }], group);
        if (withMeasure.kind === 'ok' && measurementsOf(withMeasure.tags).length === 1) linked = withMeasure;
      }
    }
    if (linked.kind === 'ok' && (!best || linked.tags.length < best.tags.length || best.tags.length === 0))
      best = { catalog, tags: linked.tags, multiId: linked.multiId };
    else if (linked.kind === 'fail' && !failure) failure = { kind: 'decline', reason: linked.reason };
  }
  if (!best) return failure ?? { kind: 'decline', reason: 'no tag matches the question' };
  return { ...chooseOperation({ catalog: best.catalog, tags: best.tags, tokens, multiId: best.multiId, cues, time, ctx }), followUp };
}

type Linked = { kind: 'ok'; tags: IndexedTag[]; multiId: boolean } | { kind: 'fail'; reason: string };

/** Links tokens to tags; when several identifiers are named ("PU7 vs PU8 flow"), links each with the shared words. */
function linkEntities(index: TagIndex, tokens: readonly QueryToken[], group = false): Linked {
  const all = linkTags(index, tokens);
  if (all.unmatched.length > 0) {
    return {
      kind: 'fail',
      reason: `I did not understand ${all.unmatched.map((t) => `"${t.text}"`).join(', ')} (no tag, asset or description matches)`,
    };
  }
  if (all.unexplained.length === 0 && group && all.best.length === 1) {
    // "which tank ...": the group is every tag of the same measurement that fits as well, not the single most specific one.
    const broad = linkTags(index, tokens, { specific: false });
    const byMeasurement = new Map<string, IndexedTag[]>();
    for (const tag of broad.best) {
      const key = measurementKey(tag.info);
      byMeasurement.set(key, [...(byMeasurement.get(key) ?? []), tag]);
    }
    // Only a measurement the question names may define the group ("which tank had the lowest level"); with none named
    // and several measurements ("which tank was lowest"), the mixed group goes on to be asked back (or given a default).
    const words = new Set(tokens.filter((t) => !t.id).map((t) => stem(t.text)));
    const groups = [...byMeasurement.values()];
    const named = groups.filter((tags) =>
      splitTerms(tags[0]?.info.measurement ?? measurementKey(tags[0]!.info)).some((term) => words.has(stem(term))),
    );
    const eligible = groups.length === 1 ? groups : named;
    const sizes = eligible.map((tags) => tags.length).sort((a, b) => b - a);
    const largest = eligible.find((tags) => tags.length === sizes[0]) ?? [];
    if (broad.unexplained.length === 0 && largest.length > 1 && sizes[1] !== sizes[0]) return { kind: 'ok', tags: largest, multiId: false };
    // Several assets fit and no named measurement covers them: hand on the mixed set (asked back, or a kind's default).
    const assets = new Set(broad.best.map((t) => t.info.asset ?? t.info.name));
    if (broad.unexplained.length === 0 && groups.length > 1 && assets.size > 1 && named.every((tags) => tags.length === 1))
      return { kind: 'ok', tags: broad.best, multiId: false };
  }
  if (all.unexplained.length === 0) return { kind: 'ok', tags: all.best, multiId: false };
  // The compared identifiers are the ones of one family named more than once (P01, P02, P03); the rest is shared.
  const families = new Map<string, QueryToken[]>();
  for (const token of tokens) if (token.id) families.set(token.id.letters, [...(families.get(token.id.letters) ?? []), token]);
  const compared = [...families.values()].find((family) => family.length >= 2);
  if (compared) {
    const shared = tokens.filter((t) => !compared.includes(t));
    const tags: IndexedTag[] = [];
    for (const id of compared) {
      const one = linkTags(index, [id, ...shared]);
      if (one.unmatched.length > 0 || one.unexplained.length > 0 || one.best.length !== 1)
        return { kind: 'fail', reason: `"${id.text}" with ${shared.map((t) => `"${t.text}"`).join(', ')} does not name exactly one tag` };
      if (!tags.includes(one.best[0]!)) tags.push(one.best[0]!);
    }
    if (tags.length >= 2) return { kind: 'ok', tags, multiId: true };
  }
  return {
    kind: 'fail',
    reason: `no single tag matches all of ${tokens.map((t) => `"${t.text}"`).join(', ')}; ${all.unexplained.map((t) => `"${t.text}"`).join(', ')} did not fit the best match (${all.best
      .slice(0, 3)
      .map((t) => t.info.name)
      .join(', ')})`,
  };
}
