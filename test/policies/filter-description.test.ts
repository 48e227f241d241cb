// An inferred tag type tells something about the samples: the catalog shows it only to who reads the samples' values in full.
// Asset context (names, kinds, sites, descriptions) comes from the assets table: shown only to who reads that table in full.
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

describe('asset context in the filtered catalog', () => {
  const assetsTable = {
    schema: 'main',
    name: 'plant',
    kind: 'table' as const,
    columns: ['id', 'name', 'kind', 'site', 'description'].map((name) => ({ name, type: 'X' })),
  };
  const withAssets: SourceDescription = {
    ...description,
    tables: [samplesTable, tagsTable, assetsTable],
    historian: {
      ...description.historian!,
      assets: { table: 'plant', id: 'id', name: 'name', kind: 'kind', site: 'site', description: 'description' },
    },
    tags: [
      {
        id: 'WP1.RUN',
        name: 'WP1.RUN',
        asset: 'WP1',
        assetName: 'Well pump 1 Eichenhain',
        assetKind: 'pump',
        site: 'WF1',
        siteName: 'Wellfield Eichenhain',
        assetDescription: 'Borehole pump, 40 m',
        siteDescription: 'Wellfield of the northern zone',
      },
    ],
  };
  const scope = (assets: Partial<TableScope> | null): EffectiveScope => {
    const base = scopeWith({});
    const source = base.sources.get('wells')!;
    const tables = new Map(source.tables);
    if (assets)
      tables.set(tableKey('duckdb', 'main', 'plant'), {
        table: assetsTable,
        visibleColumns: assetsTable.columns.map((c) => c.name),
        restrictedColumns: false,
        rowFilters: null,
        ...assets,
      });
    return { ...base, sources: new Map([['wells', { ...source, source: withAssets, tables }]]) };
  };
  const context = (d: SourceDescription) => {
    const { id: _id, name: _name, asset: _asset, ...rest } = d.tags![0]!;
    return rest;
  };

  it('is shown to who reads the assets table in full', () => {
    expect(context(filterDescription(scope({}), withAssets))).toEqual({
      assetName: 'Well pump 1 Eichenhain',
      assetKind: 'pump',
      site: 'WF1',
      siteName: 'Wellfield Eichenhain',
      assetDescription: 'Borehole pump, 40 m',
      siteDescription: 'Wellfield of the northern zone',
    });
  });

  it('is not shown, names and kinds included, to a role without a grant on the assets table or with a row filter on it', () => {
    for (const assets of [null, { rowFilters: ["site = 'WF1'"] }])
      expect(context(filterDescription(scope(assets), withAssets))).toEqual({});
  });

  it('follows each hidden column of the assets table', () => {
    const shown = context(filterDescription(scope({ visibleColumns: ['id', 'name'], restrictedColumns: true }), withAssets));
    expect(shown).toEqual({ assetName: 'Well pump 1 Eichenhain' });
  });
});
