// Works out the views of a folder source: one per Parquet/CSV/JSON file stem or sub-folder, or the `views` map of the config.
import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ConfigError } from '../../core/errors.ts';

/** One view of a folder source: its name and the DuckDB table function call that reads it. */
export interface FolderView {
  name: string;
  /** Absolute glob or file path inside the folder. */
  path: string;
  format: 'parquet' | 'csv' | 'json';
  /** A sub-folder read recursively, with hive-style `key=value` partitions as columns. */
  partitioned: boolean;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** File formats a folder source exposes, by file-name ending. */
function formatOf(fileName: string): FolderView['format'] | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.csv') || lower.endsWith('.csv.gz') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'json';
  return undefined;
}

function stemOf(fileName: string): string {
  return fileName.replace(/\.(parquet|csv\.gz|csv|tsv|jsonl|ndjson|json)$/i, '');
}

/**
 * The DuckDB table function call that reads a view's files. JSON is read as newline-delimited records or one
 * array (`format = 'auto'`); sub-folders add their hive-style `key=value` partitions as columns.
 */
export function viewReaderSql(view: FolderView, quote: (text: string) => string): string {
  const hive = view.partitioned ? ', hive_partitioning = true' : '';
  switch (view.format) {
    case 'parquet':
      return `read_parquet(${quote(view.path)}${hive})`;
    case 'csv':
      return `read_csv_auto(${quote(view.path)}${hive})`;
    case 'json':
      return `read_json_auto(${quote(view.path)}, format = 'auto'${hive})`;
  }
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
      const files = dominantFormat(full);
      if (files) found.push({ name: entry.name, path: `${full}/**/*.${files.ending}`, format: files.format, partitioned: true });
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
    throw new ConfigError(
      `source "${sourceName}": folder "${folder}" holds no .parquet, .csv, .tsv, .jsonl, .ndjson or .json files; point "folder:" at the export's folder`,
    );
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
    throw new ConfigError(
      `source "${sourceName}": views.${name}: "${glob}" must end in .parquet, .csv, .csv.gz, .tsv, .jsonl, .ndjson or .json`,
    );
  }
  return { name, path: `${folder}/${normalised}`, format, partitioned: normalised.includes('*') };
}

/**
 * The format found in a sub-folder (Parquet wins over CSV, CSV over JSON) and the file-name ending its glob
 * matches (the first such file's), or undefined when it holds none.
 */
function dominantFormat(directory: string): { format: FolderView['format']; ending: string } | undefined {
  const firstOf = new Map<FolderView['format'], string>();
  const stack = [directory];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory())) {
        stack.push(full);
        continue;
      }
      const format = formatOf(entry.name);
      if (format && !firstOf.has(format)) firstOf.set(format, entry.name.slice(stemOf(entry.name).length + 1));
    }
  }
  for (const format of ['parquet', 'csv', 'json'] as const) {
    const ending = firstOf.get(format);
    if (ending) return { format, ending };
  }
  return undefined;
}
