// An amount ranked over buckets ("which day did the plant send out the most water", "highest plant output? m3"): each
// bucket's amount, not the rate's average: the change of the rate's own totaliser where the catalog has one (a counter
// of the same asset and measurement, "Total" added), else the rate integrated over the bucket.
import { AMOUNT_RE } from './amount-tags.ts';
import { measurementTerms } from './catalog-words.ts';
import { bucketSpans } from './period-spans.ts';
import type { AggFn, Bucket } from './plan.ts';
import { rateUnit } from './signal-units.ts';
import { makeWindow } from './window-parts.ts';
import type { IndexedTag } from './tag-index.ts';

/**
 * Words that ask how much went through, not how fast: the amount words of amount-tags.ts, and what a works or a
 * station produces, delivers or uses ("output", "consumption", "used").
 */
const AMOUNT_WORDS_RE = /\b(?:output|outputs|production|produced|consumption|consumed|used|usage|delivered|supplied|pumped)\b/;

/** Whether the question asks an amount (a volume, an energy) rather than a rate's statistic. */
export function asksAmount(text: string): boolean {
  const said = withoutMovedBy(text);
  return AMOUNT_RE.test(said) || AMOUNT_WORDS_RE.test(said);
}

/** The text without the words that ask how much a value moved ("how much higher") or what it used to be: no amount. */
export const withoutMovedBy = (text: string): string =>
  text.replace(/\bhow much (?=(?:higher|lower|more|less|greater|bigger|smaller|up|down)\b)|\bused to\b/g, ' ');

/**
 * The tag and function whose value per bucket is the amount of `tag`: its totaliser's change ("delta") when the
 * catalog has a counter of the same asset measuring the same thing in the rate's amount unit, else the rate's
 * integral. Null when `tag` is no rate (a level or a pressure has no amount).
 */
export function bucketAmount(tag: IndexedTag, catalog: readonly IndexedTag[]): { tag: IndexedTag; fn: 'delta' | 'integral' } | null {
  const rate = rateUnit(tag.info.unit);
  if (!rate || tag.info.dataType === 'counter' || tag.info.dataType === 'status') return null;
  const terms = measurementTerms(tag.info).join(' ');
  const asset = tag.info.asset ?? tag.info.name.split('/').slice(0, -1).join('/');
  const totaliser = catalog.find(
    (t) =>
      t.info.dataType === 'counter' &&
      (t.info.asset ?? t.info.name.split('/').slice(0, -1).join('/')) === asset &&
      measurementTerms(t.info).join(' ') === `${terms} total` &&
      (t.info.unit ?? '').toLowerCase() === rate.amount.toLowerCase(),
  );
  return totaliser ? { tag: totaliser, fn: 'delta' } : { tag, fn: 'integral' };
}

/**
 * " (a 25-hour day: the clocks went back)": said beside a day's amount when that day was not 24 hours long, so that a
 * ranking of amounts is read right (the longer day holds one hour more). Empty for other buckets and ordinary days.
 */
export function clockChangeNote(bucketStart: string, bucket: Bucket, fn: AggFn, timezone: string): string {
  if (bucket !== 'day' || (fn !== 'delta' && fn !== 'integral' && fn !== 'sum')) return '';
  // A TIMESTAMP column (naive storage) holds UTC without saying so.
  const from = new Date(/(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(bucketStart) ? bucketStart : `${bucketStart.replace(' ', 'T')}Z`);
  if (Number.isNaN(from.getTime())) return '';
  const spans = bucketSpans(makeWindow(from, new Date(from.getTime() + 26 * 3_600_000), timezone, ''), 'day');
  const first = spans?.[0];
  if (!first) return '';
  const hours = (first.to.getTime() - first.from.getTime()) / 3_600_000;
  if (hours === 24) return '';
  return ` (a ${hours}-hour day: the clocks went ${hours > 24 ? 'back' : 'forward'})`;
}

/** Whether the words ask an amount and no statistic but the ranking's own extreme ("highest average output" does not). */
export function asksAmountOnly(cues: { fns: readonly AggFn[]; text: string }): boolean {
  return !cues.fns.some((f) => f !== 'min' && f !== 'max' && f !== 'sum') && asksAmount(cues.text);
}

/** The members' amounts when the words ask amounts (memberAmounts), else null. */
export function askedAmounts(
  cues: { fns: readonly AggFn[]; text: string },
  tags: readonly IndexedTag[],
  catalog: readonly IndexedTag[],
): { tags: IndexedTag[]; fn: 'delta' | 'integral' } | null {
  return asksAmountOnly(cues) ? memberAmounts(tags, catalog) : null;
}

/**
 * "which station had the highest output last week": the members' amounts, not their rates' extremes. Each rate's
 * totaliser when every member has one (their changes), else every rate integrated; null when a member is no rate.
 */
export function memberAmounts(
  tags: readonly IndexedTag[],
  catalog: readonly IndexedTag[],
): { tags: IndexedTag[]; fn: 'delta' | 'integral' } | null {
  const each = tags.map((t) => bucketAmount(t, catalog));
  if (each.some((a) => a === null)) return null;
  const amounts = each as { tag: IndexedTag; fn: 'delta' | 'integral' }[];
  return amounts.every((a) => a.fn === 'delta') ? { tags: amounts.map((a) => a.tag), fn: 'delta' } : { tags: [...tags], fn: 'integral' };
}
