// Composes a user's otq.yaml with the embedded default: what the file leaves out keeps working, and start-up says so.
import { isAbsolute, resolve } from 'node:path';
import { defaultConfigDocument } from './default-config.ts';

/** The raw document to validate, and one line per default that was filled in (printed at start). */
export interface ComposedDocument {
  raw: unknown;
  notes: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fills in what a user file leaves out, before validation:
 * - no `sources:` keeps the embedded sample plant (its sources, the sample generator and its synonyms), with paths
 *   resolved against the project root, so a file that only adds a model or a bot still starts;
 * - no `users:` keeps the default users (engineer, supervisor, auditor, operator-bps03);
 * - users without `defaultUser:` and without an `engineer` make the first listed user the default (the CLI's user).
 * Keys the file does give are never changed. `projectRoot` is where the embedded default's relative paths live.
 */
export function composeWithDefaults(raw: unknown, path: string, projectRoot: string): ComposedDocument {
  if (!isRecord(raw)) return { raw, notes: [] };
  const composed: Record<string, unknown> = { ...raw };
  const notes: string[] = [];
  const fromRoot = (p: string): string => (isAbsolute(p) ? p : resolve(projectRoot, p));
  if (!('sources' in raw)) {
    composed['sources'] = Object.fromEntries(
      Object.entries(defaultConfigDocument.sources).map(([name, source]) => [
        name,
        'file' in source ? { ...source, file: fromRoot(source.file) } : { ...source, folder: fromRoot(source.folder) },
      ]),
    );
    if (!('samples' in raw)) composed['samples'] = { ...defaultConfigDocument.samples, dir: fromRoot(defaultConfigDocument.samples.dir) };
    if (!('synonyms' in raw)) composed['synonyms'] = { ...defaultConfigDocument.synonyms };
    notes.push(
      `${path} has no sources: using the embedded sample plant (${Object.keys(defaultConfigDocument.sources).join(', ')}); ` +
        'add sources: for your own data (`otq connect` proposes them)',
    );
  }
  if (!('users' in raw)) {
    composed['users'] = structuredClone(defaultConfigDocument.users);
    notes.push(`${path} has no users: using the default users ${Object.keys(defaultConfigDocument.users).join(', ')}`);
  } else if (!('defaultUser' in raw) && isRecord(raw['users'])) {
    const names = Object.keys(raw['users']);
    if (names.length > 0 && !names.includes(defaultConfigDocument.defaultUser)) {
      composed['defaultUser'] = names[0];
      notes.push(`${path} sets no defaultUser: the CLI acts as "${names[0]}", the first of users:`);
    }
  }
  return { raw: composed, notes };
}
