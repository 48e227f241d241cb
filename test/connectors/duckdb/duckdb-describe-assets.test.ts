// describe() joins the mapping's assets table into the tag catalog: asset name, kind, site and site name per tag.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { ConfigError } from '../../../core/errors.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
let historian: Connector;
let dir: string;

// Odd names on purpose: identifiers that need quoting, integer asset ids, a duplicated asset id, a tag without asset.
const ODD_SQL = `
CREATE TABLE "equip ""list"""("eq id" INTEGER, "label" VARCHAR, "type" VARCHAR, "plant code" INTEGER);
INSERT INTO "equip ""list""" VALUES (7, 'Well pump A', 'pump', 1), (7, 'Well pump A', 'pump', 1), (1, 'North works', 'site', 1);
CREATE TABLE points(pid VARCHAR, pname VARCHAR, eq INTEGER);
INSERT INTO points VALUES ('x1', 'WP_A_FLOW', 7), ('x2', 'SPARE', NULL);
CREATE TABLE vals(pid VARCHAR, t TIMESTAMP, v DOUBLE);
`;

async function oddSource(assetsTable: string): Promise<Connector> {
  const file = join(dir, `odd-${assetsTable.length}.duckdb`);
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(ODD_SQL);
  connection.closeSync();
  instance.closeSync();
  return createDuckDbConnector('odd', {
    engine: 'duckdb',
    file,
    historian: historianMappingSchema.parse({
      samples: { table: 'vals', time: 't', tag: 'pid', value: 'v' },
      tags: { table: 'points', id: 'pid', name: 'pname', asset: 'eq' },
      assets: { table: assetsTable, id: 'eq id', name: 'label', kind: 'type', site: 'plant code' },
    }),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otq-describe-assets-'));
  historian = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian: mapping });
});

afterAll(async () => {
  await historian?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DuckDB tag catalog with the assets table', () => {
  it("gives every sample historian tag its asset's name and kind, and its site code and name", async () => {
    const { tags = [] } = await historian.describe();
    expect(tags.find((tag) => tag.name === 'BPS03/P02/Power')).toMatchObject({
      asset: 'BPS03/P02',
      assetName: 'Pump P02',
      assetKind: 'pump',
      site: 'BPS03',
      siteName: 'Booster station Sonnenhang',
    });
    expect(tags.find((tag) => tag.name === 'T2/Tank/Level')).toMatchObject({ assetName: 'Tank T2', assetKind: 'tank', site: 'T2' });
    expect(tags.every((tag) => tag.assetName && tag.assetKind && tag.site && tag.siteName)).toBe(true);
    const stationEnergy = tags.filter((tag) => tag.siteName?.startsWith('Booster station') && tag.measurement === 'EnergyTotal');
    expect(stationEnergy.map((tag) => tag.name)).toEqual([
      'BPS01/Header/EnergyTotal',
      'BPS02/Header/EnergyTotal',
      'BPS03/Header/EnergyTotal',
    ]);
  });

  it('quotes the mapped names, joins integer ids, keeps one row per tag and leaves tags without an asset bare', async () => {
    const odd = await oddSource('equip "list"');
    try {
      const { tags } = await odd.describe();
      expect(tags).toEqual([
        { id: 'x2', name: 'SPARE' },
        { id: 'x1', name: 'WP_A_FLOW', asset: '7', assetName: 'Well pump A', assetKind: 'pump', site: '1', siteName: 'North works' },
      ]);
    } finally {
      await odd.close();
    }
  });

  it('reports an assets mapping that names a missing table as a config error', async () => {
    const odd = await oddSource('no_such_assets');
    try {
      const error = await odd.describe().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/historian\.tags or historian\.assets does not match the data/);
    } finally {
      await odd.close();
    }
  });
});
