// An inferred tag type tells something about the samples: the catalog shows it only to who reads the samples' values in full.
import { describe, expect, it } from 'vitest';
import type { SourceDescription } from '../../connectors/connector.ts';
import { filterDescription } from '../../policies/filter-description.ts';
import { tableKey, type EffectiveScope, type TableScope } from '../../policies/effective-scope.ts';

const samplesTable = {
  schema: 'main',
  name: 'readings',
  kind: 'table' as const,
  columns: ['ts', 'name', 'value'].map((name) => ({ name, type: 'X' })),
};
const tagsTable = {
  schema: 'main',
  name: 'taglist',
  kind: 'table' as const,
  columns: ['name', 'unit', 'kind'].map((name) => ({ name, type: 'X' })),
};
const description: SourceDescription = {
  name: 'wells',
  dialect: 'duckdb',
  tables: [samplesTable, tagsTable],
  historian: {
    samples: { table: 'readings', time: 'ts', tag: 'name', value: 'value', goodQuality: [192] },
    tags: { table: 'taglist', id: 'name', name: 'name', unit: 'unit', dataType: 'kind' },
  },
  tags: [
    { id: 'WP1.RUN', name: 'WP1.RUN', dataType: 'status', dataTypeSource: 'inferred', dataTypeReason: '2 values (0..1) in 72 samples' },
    { id: 'WP1.VOL', name: 'WP1.VOL', unit: 'm³', dataType: 'counter', dataTypeSource: 'mapped' },
    { id: 'WP2.RUN', name: 'WP2.RUN', dataType: 'status', dataTypeSource: 'configured' },
  ],
};

function scopeWith(samples: Partial<TableScope>, tagColumns = ['name', 'unit', 'kind']): EffectiveScope {
  const table = (t: typeof samplesTable, over: Partial<TableScope>): TableScope => ({
    table: t,
    visibleColumns: t.columns.map((c) => c.name),
    restrictedColumns: false,
    rowFilters: null,
    ...over,
  });
  const tables = new Map([
    [tableKey('duckdb', 'main', 'readings'), table(samplesTable, samples)],
    [tableKey('duckdb', 'main', 'taglist'), table(tagsTable, { visibleColumns: tagColumns })],
  ]);
  return {
    roleLabel: 'r',
    unknownRoles: [],
    tools: new Set(),
    maxRows: 10,
    maxWindowDays: undefined,
    rateLimitPerMinute: undefined,
    sources: new Map([['wells', { source: description, tables, refusedViews: new Map(), systemCatalogs: false }]]),
  };
}

const types = (d: SourceDescription) => d.tags?.map((t) => [t.name, t.dataType ?? null, t.dataTypeReason ?? null]);

describe('tag types in the filtered catalog', () => {
  it('are all shown to who reads samples and tags in full', () => {
    expect(types(filterDescription(scopeWith({}), description))).toEqual([
      ['WP1.RUN', 'status', '2 values (0..1) in 72 samples'],
      ['WP1.VOL', 'counter', null],
      ['WP2.RUN', 'status', null],
    ]);
  });

  it('drop the inferred type when the samples are row-filtered or their values hidden', () => {
    for (const samples of [{ rowFilters: ["name = 'WP1.VOL'"] }, { visibleColumns: ['ts', 'name'], restrictedColumns: true }]) {
      expect(types(filterDescription(scopeWith(samples), description))).toEqual([
        ['WP1.RUN', null, null],
        ['WP1.VOL', 'counter', null],
        ['WP2.RUN', 'status', null],
      ]);
    }
  });

  it('drop a mapped type whose column is hidden, keep a configured one', () => {
    expect(types(filterDescription(scopeWith({}, ['name', 'unit']), description))).toEqual([
      ['WP1.RUN', 'status', '2 values (0..1) in 72 samples'],
      ['WP1.VOL', null, null],
      ['WP2.RUN', 'status', null],
    ]);
  });
});
