// The team's SQL attack corpus (../shared/security/sql-attacks.jsonl beside the checkout, as CI lays it out).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AttackCase {
  id: string;
  group: string;
  dialect: 'duckdb' | 'postgres' | 'any';
  sql: string;
  expect: 'allow' | 'deny' | 'deny_or_timeout' | 'deny_or_allow_harmless';
}

export const attackCorpusFile = fileURLToPath(new URL('../../../shared/security/sql-attacks.jsonl', import.meta.url));

/** Every case, or only those that apply to `dialect` (its own and the `any` ones). */
export function readAttackCorpus(dialect?: 'duckdb' | 'postgres'): AttackCase[] {
  return readFileSync(attackCorpusFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AttackCase)
    .filter((entry) => dialect === undefined || entry.dialect === dialect || entry.dialect === 'any');
}
