// The SQL attack corpus: the project's own (test/fixtures/security/sql-attacks.jsonl, which starts as a copy of the
// team's public corpus and grows with every finding), plus ../shared/security/sql-attacks.jsonl when a checkout has
// it beside it. A case id in both files is judged once; the project's own copy wins.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AttackCase {
  id: string;
  group: string;
  dialect: 'duckdb' | 'postgres' | 'any';
  sql: string;
  expect: 'allow' | 'deny' | 'deny_or_timeout' | 'deny_or_allow_harmless';
}

export const ownAttackCorpusFile = fileURLToPath(new URL('../fixtures/security/sql-attacks.jsonl', import.meta.url));
export const sharedAttackCorpusFile = fileURLToPath(new URL('../../../shared/security/sql-attacks.jsonl', import.meta.url));

function readCases(file: string): AttackCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AttackCase);
}

/** Every case, or only those that apply to `dialect` (its own and the `any` ones). */
export function readAttackCorpus(dialect?: 'duckdb' | 'postgres'): AttackCase[] {
  const byId = new Map<string, AttackCase>();
  const files = existsSync(sharedAttackCorpusFile) ? [sharedAttackCorpusFile, ownAttackCorpusFile] : [ownAttackCorpusFile];
  for (const file of files) for (const entry of readCases(file)) byId.set(entry.id, entry);
  return [...byId.values()].filter((entry) => dialect === undefined || entry.dialect === dialect || entry.dialect === 'any');
}
