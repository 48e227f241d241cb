// Fair sharing on a DuckDB source: one principal's slow queries leave connections for others, and a statement that
// ignores DuckDB's interrupt loses its connection instead of holding the call past the time limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { ConnectorError } from '../../../core/errors.ts';
import { createHistorianFixture, type HistorianFixture } from './historian-fixture.ts';

let fixture: HistorianFixture;
beforeAll(async () => {
  fixture = await createHistorianFixture();
});
afterAll(() => fixture?.cleanup());

describe('DuckDB fair sharing', () => {
  it("answers another principal's simple query while one principal floods the pool with slow queries", async () => {
    const connector = await createDuckDbConnector('flood', { engine: 'duckdb', file: fixture.file, timeoutMs: 3_000, poolSize: 4 });
    try {
      const events: string[] = [];
      const slow = Array.from({ length: 4 }, (_, i) =>
        connector.query('SELECT count(*) FROM range(100000000000)', { principal: 'mallory' }).then(
          () => events.push(`slow-${i}`),
          () => events.push(`slow-${i}`),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const simple = await connector.query('SELECT 42 AS answer', { principal: 'eve' });
      events.push('simple');
      expect(simple.rows).toEqual([[42]]);
      expect(events).toEqual(['simple']);
      await Promise.all(slow);
    } finally {
      await connector.close();
    }
  });

  it('gives up on a statement that ignores the interrupt: the call fails with TIMEOUT and the connection is replaced', async () => {
    const connector = await createDuckDbConnector('runaway', { engine: 'duckdb', file: fixture.file, timeoutMs: 200, poolSize: 1 });
    try {
      // repeat() checks no interrupt while it builds its string: 1e9 characters take seconds on any machine here (3-6 s
      // measured), far past the 200 ms limit plus the 1 s grace; 3e8 finished inside the grace on an idle machine.
      const error = await connector.query(`SELECT length(repeat('x', 1000000000)) AS n`).then(
        () => undefined,
        (caught: unknown) => caught as ConnectorError,
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error!.code).toBe('TIMEOUT');
      expect((error!.cause as Error).message).toContain('did not stop on interrupt');
      // The only pooled connection still runs the runaway; the next call gets a fresh one.
      const next = await connector.query('SELECT 1 AS one');
      expect(next.rows).toEqual([[1]]);
    } finally {
      await connector.close();
    }
  }, 120_000);

  it('bounds the source with memoryLimitMb (memory_limit, shared by its connections)', async () => {
    const connector = await createDuckDbConnector('bounded', { engine: 'duckdb', file: fixture.file, memoryLimitMb: 256 });
    try {
      expect((await connector.query(`SELECT current_setting('memory_limit') AS m`)).rows).toEqual([['256.0 MiB']]);
    } finally {
      await connector.close();
    }
  });
});
