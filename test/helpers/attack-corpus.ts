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
  /**
   * `hold`: run as `user` (through the guard and the engine) it raises no error: a predicate that fails only on rows the
   * user may not see never meets them. `masked`: it fails, and the message shows no engine text, only the request id.
   */
  expect: 'allow' | 'deny' | 'deny_or_timeout' | 'deny_or_allow_harmless' | 'hold' | 'masked';
  /** The otq role the case runs as (default: engineer). Cases with a user are about that role's scope: the guard's work. */
  user?: string;
}

export const ownAttackCorpusFile = fileURLToPath(new URL('../fixtures/security/sql-attacks.jsonl', import.meta.url));
export const sharedAttackCorpusFile = fileURLToPath(new URL('../../../shared/security/sql-attacks.jsonl', import.meta.url));

function readCases(file: string): AttackCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AttackCase);
}

/** Cases the engine alone must stop (no guard): those without a role of their own. */
export function engineAttackCases(dialect: 'duckdb' | 'postgres'): AttackCase[] {
  return readAttackCorpus(dialect).filter((entry) => entry.user === undefined);
}

/** Every case, or only those that apply to `dialect` (its own and the `any` ones). */
export function readAttackCorpus(dialect?: 'duckdb' | 'postgres'): AttackCase[] {
  const byId = new Map<string, AttackCase>();
  const files = existsSync(sharedAttackCorpusFile) ? [sharedAttackCorpusFile, ownAttackCorpusFile] : [ownAttackCorpusFile];
  for (const file of files) for (const entry of readCases(file)) byId.set(entry.id, entry);
  return [...byId.values()].filter((entry) => dialect === undefined || entry.dialect === dialect || entry.dialect === 'any');
}
