// Per-tag value arrays at the 1-minute base rate, with a warm-up prefix the simulator writes but nobody reads.

/** One Float64Array per tag path; index 0 is the first warm-up minute. */
export class SeriesStore {
  private readonly arrays = new Map<string, Float64Array>();

  /** minutes: window length; warmupMinutes: simulated before the window to settle tank levels and chlorine. */
  constructor(
    paths: readonly string[],
    readonly minutes: number,
    readonly warmupMinutes: number,
  ) {
    for (const path of paths) this.arrays.set(path, new Float64Array(minutes + warmupMinutes));
  }

  /** The full array of a tag (warm-up included), for the simulator to write into. */
  get(path: string): Float64Array {
    const array = this.arrays.get(path);
    if (!array) throw new Error(`simulator writes unknown tag ${path}`);
    return array;
  }

  /** The window part of a tag's array (index 0 = window start). */
  window(path: string): Float64Array {
    return this.get(path).subarray(this.warmupMinutes);
  }
}
