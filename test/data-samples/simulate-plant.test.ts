// The simulator itself: deterministic, well-formed, and honest about its parameters.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatePlant, type PlantDataset } from '../../data-samples/simulate-plant.ts';

const end = new Date('2026-11-01T00:00:00Z');

function digest(ds: PlantDataset): string {
  const hash = createHash('sha256');
  for (const b of ds.samples()) {
    hash.update(Buffer.from(b.tagId.buffer, 0, b.length * 4));
    hash.update(Buffer.from(b.tsMs.buffer, 0, b.length * 8));
    hash.update(Buffer.from(b.value.buffer, 0, b.length * 8));
    hash.update(Buffer.from(b.quality.buffer, 0, b.length * 2));
  }
  for (const b of ds.telemetry()) hash.update(Buffer.from(b.speedRpm.buffer, 0, b.length * 8)).update(b.pump.join());
  hash.update(JSON.stringify([ds.assets, ds.tags, ds.alarmEvents, ds.shiftLog, ds.datasetInfo]));
  return hash.digest('hex');
}

describe('simulatePlant', () => {
  const a = simulatePlant({ seed: 7, days: 3, end });

  it('gives identical data for identical parameters and different data for another seed', () => {
    expect(digest(simulatePlant({ seed: 7, days: 3, end }))).toBe(digest(a));
    expect(digest(simulatePlant({ seed: 8, days: 3, end }))).not.toBe(digest(a));
  });

  it('covers exactly the requested window at whole minutes, with OPC quality codes only', () => {
    expect(a.start.toISOString()).toBe('2026-10-29T00:00:00.000Z');
    let min = Infinity;
    let max = -Infinity;
    let offMinute = 0;
    const qualities = new Set<number>();
    for (const b of a.samples()) {
      for (let i = 0; i < b.length; i += 1) {
        const ts = b.tsMs[i]!;
        min = Math.min(min, ts);
        max = Math.max(max, ts);
        if (ts % 60_000 !== 0) offMinute += 1;
        qualities.add(b.quality[i]!);
      }
    }
    expect(offMinute).toBe(0);
    expect(new Date(min).toISOString()).toBe('2026-10-29T00:00:00.000Z');
    expect(max).toBeLessThan(end.getTime());
    expect([...qualities].every((q) => q === 192 || q === 64 || q === 0)).toBe(true);
  });

  it('has at least 150 tags with units and a site/equipment/measurement path on a known asset', () => {
    const assetIds = new Set(a.assets.map((x) => x.assetId));
    expect(a.tags.length).toBeGreaterThanOrEqual(150);
    for (const tag of a.tags) {
      expect(tag.tagPath).toMatch(/^[A-Z0-9]+\/[A-Za-z0-9]+\/[A-Za-z]+$/);
      expect(assetIds.has(tag.assetId)).toBe(true);
      if (tag.dataType !== 'status') expect(tag.unit).not.toBe('');
    }
    expect(a.tags.find((t) => t.tagPath === 'BPS03/P02/DischargePressure')?.unit).toBe('bar');
  });

  it('builds a site -> area -> equipment tree', () => {
    const byId = new Map(a.assets.map((x) => [x.assetId, x]));
    for (const asset of a.assets) {
      if (asset.kind === 'site') expect(asset.parentId).toBeNull();
      else if (asset.kind === 'area') expect(byId.get(asset.parentId ?? '')?.kind).toBe('site');
      else expect(byId.get(asset.parentId ?? '')?.kind).toBe('area');
    }
  });

  it('records its parameters and drops incidents that do not fit a short window', () => {
    const info = Object.fromEntries(a.datasetInfo.map((r) => [r.key, r.value]));
    expect(info).toMatchObject({ seed: '7', days: '3', start: '2026-10-29T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' });
    expect(Object.keys(info).some((k) => k.startsWith('incident.dma02Break'))).toBe(false);
  });

  it('rejects an end that is not midnight UTC, with the reason', () => {
    expect(() => simulatePlant({ seed: 1, days: 2, end: new Date('2026-11-01T05:00:00Z') })).toThrow(/midnight UTC/);
    expect(() => simulatePlant({ seed: 1, days: 0, end })).toThrow(/days/);
  });
});
