// The bucket size of a series ("hourly", "per day", "day by day"). An answer is one series of one size: two sizes asked
// ("per day and per hour", "hrly+daily") are named in a decline, never one of them dropped.
import type { Bucket, Decline } from './plan.ts';
import { BUCKET_WORDS } from './question-lexicon.ts';

/** The bucket asked and the text without its words; `sizes` holds each size asked with the words that asked it. */
export interface BucketReading {
  bucket?: Bucket;
  text: string;
  sizes: { bucket: Bucket; words: string }[];
}

/** Reads the bucket words of `text` (normalised question text), each blanked: "hourly ..., hourly average" asks one size. */
export function readBucket(text: string): BucketReading {
  let rest = text;
  const sizes: BucketReading['sizes'] = [];
  for (const [re, bucket] of BUCKET_WORDS) {
    const match = re.exec(rest);
    if (!match) continue;
    sizes.push({ bucket, words: match[0] });
    rest = rest.replace(new RegExp(re.source, 'g'), (found) => ' '.repeat(found.length));
  }
  const last = sizes.at(-1);
  return { ...(last ? { bucket: last.bucket } : {}), text: rest, sizes };
}

/** The decline naming two bucket sizes asked at once; null when one size (or none) was asked. */
export function bucketsDecline(reading: BucketReading): Decline | null {
  if (reading.sizes.length < 2) return null;
  const [a, b] = reading.sizes.map((s) => `"${s.words}"`);
  return {
    kind: 'decline',
    reason: `I could not place ${a} with ${b}: an answer is one series of one bucket size, and answering one would drop the other; ask for each on its own`,
  };
}

/**
 * The decline of a measure counted over the whole period (run-hours, starts, downtime) asked per bucket ("starts a
 * day", "starts/day"): it names the words of `text` that asked the bucket, and is never answered as one total.
 */
export function wholePeriodDecline(text: string, bucket: Bucket, measureIs: string): Decline {
  const words = readBucket(text)
    .sizes.find((s) => s.bucket === bucket)
    ?.words.trim();
  const named = words ? `I could not place "${words}": ` : '';
  return { kind: 'decline', reason: `${named}${measureIs} counted over the whole period, not per ${bucket}` };
}
