// Building blocks for chlorine transport: plug-flow pipes (delay lines) and mixed tanks, both with bulk decay.

/** Bulk chlorine decay rate (1/h) at water temperature tempC: faster in warm water. */
export function bulkDecayPerHour(tempC: number): number {
  return 0.035 * Math.pow(1.07, tempC - 15);
}

/** A pipe as a fixed delay of `minutes` with first-order decay over the travel time. */
export class DelayLine {
  private readonly buffer: Float64Array;
  private head = 0;

  constructor(
    readonly minutes: number,
    initial: number,
  ) {
    this.buffer = new Float64Array(Math.max(1, minutes)).fill(initial);
  }

  /** Pushes this minute's inlet value and returns the outlet value (inlet of `minutes` ago, decayed). */
  step(inlet: number, decayPerHour: number): number {
    const out = this.buffer[this.head] ?? inlet;
    this.buffer[this.head] = inlet;
    this.head = (this.head + 1) % this.buffer.length;
    return out * Math.exp((-decayPerHour * this.minutes) / 60);
  }
}

/** A completely mixed tank (CSTR): concentration follows the inflow weighted by volume, and decays. */
export class MixedTank {
  constructor(public concentration: number) {}

  /** Advances one minute: inflowM3h at concentration inlet into volumeM3 of water. */
  step(inlet: number, inflowM3h: number, volumeM3: number, decayPerHour: number): number {
    const dtH = 1 / 60;
    const exchange = Math.min(1, (inflowM3h / Math.max(volumeM3, 50)) * dtH);
    this.concentration += exchange * (inlet - this.concentration) - decayPerHour * dtH * this.concentration;
    return this.concentration;
  }
}
