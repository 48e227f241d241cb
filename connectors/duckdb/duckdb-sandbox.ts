// Opens a DuckDB instance locked down for untrusted SQL: a READ_ONLY file source or an in-memory view layer over a folder.
import { existsSync, statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ConfigError, ConnectorError } from '../../core/errors.ts';
import { createFolderViews, type FolderViewReads, type LocalTimeColumn } from './folder-layer.ts';
import { messageOf, sqlString } from './duckdb-quote.ts';
import { folderViews } from './folder-views.ts';
import type { WideTableConfig } from '../source-config.ts';
import { createWideViews } from './wide-views.ts';

/**
 * Instance options DuckDB 1.5.6 accepts at open time (verified on this machine). `disabled_filesystems` and
 * `allowed_directories` are refused here ("Failed to set config") and are set with SQL right after opening.
 * `temp_directory: ''` disables spilling, so nothing is ever written next to the data. `memory_limit` bounds the
 * buffer manager (not every allocation: a huge `repeat()` runs until the timeout interrupts it), so one runaway
 * query fails with "Out of Memory" instead of taking the host's RAM.
 */
const BASE_OPTIONS: Record<string, string> = {
  temp_directory: '',
  memory_limit: '2GB',
  autoload_known_extensions: 'false',
  autoinstall_known_extensions: 'false',
  allow_community_extensions: 'false',
};

/**
 * Every connection works in UTC (DuckDB's default is the host's zone, and the option cannot be given at open time):
 * a TIMESTAMPTZ prints, truncates to a day and compares with a plain TIMESTAMP literal as UTC, the way a naive
 * TIMESTAMP holding UTC does, whatever zone the host runs in. Locked with the rest of the configuration.
 */
const UTC_SESSIONS = "SET GLOBAL TimeZone = 'UTC'";

/** The base options with the source's memory limit (shared by its connections, so it also bounds any one query). */
function optionsWith(memoryLimitMb: number | undefined): Record<string, string> {
  return memoryLimitMb === undefined ? BASE_OPTIONS : { ...BASE_OPTIONS, memory_limit: `${memoryLimitMb}MiB` };
}

/**
 * Opens a DuckDB file READ_ONLY with external access off, then disables the local file system (otherwise
 * `read_blob` could read the database file's own bytes, tables the caller may not see included) and locks the
 * configuration last. Verifies the lock-down before returning; fails closed.
 */
export async function openFileSandbox(sourceName: string, file: string, memoryLimitMb?: number): Promise<DuckDBInstance> {
  if (!existsSync(file)) {
    throw new ConnectorError(
      'SOURCE_UNREACHABLE',
      `source "${sourceName}": DuckDB file "${file}" does not exist; check the path in otq.yaml (the sample data is written by \`npm run samples\`)`,
    );
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, {
      access_mode: 'READ_ONLY',
      ...optionsWith(memoryLimitMb),
      enable_external_access: 'false',
    });
  } catch (error) {
    throw new ConnectorError('SOURCE_UNREACHABLE', `source "${sourceName}": cannot open "${file}": ${messageOf(error)}`, {
      cause: error,
    });
  }
  return lockDown(instance, async (setup) => {
    await setup.run(UTC_SESSIONS);
    await setup.run("SET disabled_filesystems = 'LocalFileSystem'");
    await setup.run('SET lock_configuration = true');
    await expectRefused(setup, `SELECT count(*) FROM read_blob(${sqlString(file)})`, sourceName);
  });
}

/** An opened folder source: its locked-down in-memory database, what each of its views reads, and its columns read as local time. */
export interface FolderSandbox {
  instance: DuckDBInstance;
  reads: FolderViewReads;
  localTimes: LocalTimeColumn[];
}

/**
 * Opens an in-memory database holding one view per entry of `folder`. DuckDB reads such files lazily, so the file
 * system stays on, limited by `allowed_directories` to that folder; external access then goes off and the
 * configuration is locked. DuckDB still allows writes inside the folder (COPY TO, ATTACH): the connector runs only
 * SELECT statements, and the folder should be mounted read-only.
 */
export async function openFolderSandbox(
  sourceName: string,
  folder: string,
  views?: Record<string, string>,
  wide?: Record<string, WideTableConfig>,
  memoryLimitMb?: number,
  timestampZone?: string,
): Promise<FolderSandbox> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ConfigError(`source "${sourceName}": folder "${folder}" does not exist or is not a directory`);
  }
  const root = folder.replace(/\/+$/, '');
  const planned = folderViews(sourceName, root, views);
  const instance = await DuckDBInstance.create(':memory:', optionsWith(memoryLimitMb));
  let reads: FolderViewReads = new Map();
  const localTimes: LocalTimeColumn[] = [];
  await lockDown(instance, async (setup) => {
    await setup.run(UTC_SESSIONS);
    await setup.run(`SET allowed_directories = [${sqlString(`${root}/`)}]`);
    reads = await createFolderViews(setup, sourceName, planned, timestampZone, localTimes);
    if (wide) await createWideViews(setup, sourceName, wide, reads, timestampZone, localTimes);
    await setup.run('SET enable_external_access = false');
    await setup.run('SET lock_configuration = true');
    await expectRefused(setup, "SELECT count(*) FROM glob('/*')", sourceName);
  });
  return { instance, reads, localTimes };
}

/** Runs the lock-down steps on a set-up connection; on any failure the instance is closed (fail closed) and the error rethrown. */
async function lockDown(instance: DuckDBInstance, steps: (setup: DuckDBConnection) => Promise<void>): Promise<DuckDBInstance> {
  try {
    const setup = await instance.connect();
    try {
      await steps(setup);
    } finally {
      setup.closeSync();
    }
    return instance;
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/** Fail closed: a probe that must be refused by the sandbox. */
async function expectRefused(setup: DuckDBConnection, probe: string, sourceName: string): Promise<void> {
  try {
    await setup.run(probe);
  } catch (error) {
    if (/Permission Error/.test(messageOf(error))) return;
    throw new ConnectorError('INTERNAL', `source "${sourceName}": sandbox self-check failed: ${messageOf(error)}`);
  }
  throw new ConnectorError('INTERNAL', `source "${sourceName}": sandbox self-check failed: "${probe}" was not refused`);
}
