// Works out the views of a folder source: one per Parquet/CSV file stem or sub-folder, or the `views` map of the config.
import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ConfigError } from '../../core/errors.ts';

/** One view of a folder source: its name and the DuckDB table function call that reads it. */
export interface FolderView {
  name: string;
  /** Absolute glob or file path inside the folder. */
  path: string;
  format: 'parquet' | 'csv';
  /** A sub-folder read recursively, with hive-style `key=value` partitions as columns. */
  partitioned: boolean;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** File formats a folder source exposes, by file-name ending. */
function formatOf(fileName: string): FolderView['format'] | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.csv') || lower.endsWith('.csv.gz') || lower.endsWith('.tsv')) return 'csv';
  return undefined;
}

function stemOf(fileName: string): string {
  return fileName.replace(/\.(parquet|csv\.gz|csv|tsv)$/i, '');
}

/**
 * The views of `folder` (absolute). With `views` given (name -> glob relative to the folder) exactly those;
 * otherwise one view per supported file (named by its stem) and per sub-folder holding such files.
 */
export function folderViews(sourceName: string, folder: string, views?: Record<string, string>): FolderView[] {
  if (views) return Object.entries(views).map(([name, glob]) => configuredView(sourceName, folder, name, glob));
  const found: FolderView[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) {
      const format = dominantFormat(full);
      if (format) found.push({ name: entry.name, path: `${full}/**/*.${format}`, format, partitioned: true });
    } else if (entry.isFile()) {
      const format = formatOf(entry.name);
      if (format) found.push({ name: stemOf(entry.name), path: full, format, partitioned: false });
    }
  }
  const seen = new Map<string, string>();
  for (const view of found) {
    if (!IDENTIFIER.test(view.name)) {
      throw new ConfigError(
        `source "${sourceName}": cannot name a view after "${view.path}": "${view.name}" is not a plain SQL name; rename it or list the views under "views:"`,
      );
    }
    const other = seen.get(view.name.toLowerCase());
    if (other) {
      throw new ConfigError(
        `source "${sourceName}": "${other}" and "${view.path}" would both become view "${view.name}"; list the views under "views:"`,
      );
    }
    seen.set(view.name.toLowerCase(), view.path);
  }
  if (found.length === 0) {
    throw new ConfigError(`source "${sourceName}": folder "${folder}" holds no .parquet or .csv files`);
  }
  return found;
}

function configuredView(sourceName: string, folder: string, name: string, glob: string): FolderView {
  const normalised = posix.normalize(glob.replaceAll('\\', '/'));
  if (glob.startsWith('/') || normalised.startsWith('..') || normalised.split('/').includes('..')) {
    throw new ConfigError(`source "${sourceName}": views.${name}: "${glob}" must be a glob relative to the folder, without ".."`);
  }
  const format = formatOf(normalised.replace(/\*+$/, ''));
  if (!format) {
    throw new ConfigError(`source "${sourceName}": views.${name}: "${glob}" must end in .parquet, .csv, .csv.gz or .tsv`);
  }
  return { name, path: `${folder}/${normalised}`, format, partitioned: normalised.includes('*') };
}

/** The format found in a sub-folder (Parquet wins over CSV), or undefined when it holds neither. */
function dominantFormat(directory: string): FolderView['format'] | undefined {
  let csv = false;
  const stack = [directory];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory())) stack.push(full);
      else if (formatOf(entry.name) === 'parquet') return 'parquet';
      else if (formatOf(entry.name) === 'csv') csv = true;
    }
  }
  return csv ? 'csv' : undefined;
}
