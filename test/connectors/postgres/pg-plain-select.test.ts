// isPlainSelect: only texts PostgreSQL's parser reads as one SELECT without INTO may be executed before Describe answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlainSelectCheck, isPlainSelect, loadPlainSelectCheck } from '../../../connectors/postgres/pg-plain-select.ts';

beforeAll(async () => {
  await loadPlainSelectCheck();
});

const plain = [
  'SELECT 1',
  'select ts, value from samples where tag_id = 5 order by ts desc limit 1',
  'VALUES (1), (2)',
  'TABLE tags',
  'WITH x AS (SELECT 1 AS a) SELECT a FROM x',
  '(SELECT 1) UNION ALL (SELECT 2)',
  'SELECT 1;',
  "SELECT 'a;b', $$x; COMMIT$$ -- ; DROP TABLE t",
  // Returns rows, so Describe would let it run too; the read-only transaction refuses the write (25006).
  'WITH d AS (DELETE FROM samples RETURNING 1) SELECT count(*) FROM d',
];

const notPlain = [
  '',
  '   ',
  '-- only a comment',
  'SELECT 1; SELECT 2',
  'COMMIT; BEGIN READ WRITE; CREATE TEMP TABLE p AS SELECT 1; COMMIT',
  'SELECT * INTO t FROM tags',
  'SELECT 1 UNION SELECT * INTO TEMP t FROM tags',
  'WITH x AS (SELECT 1) SELECT * INTO t FROM x',
  'CREATE TABLE t AS SELECT 1',
  'SET statement_timeout = 0',
  'RESET ALL',
  'PREPARE p AS SELECT 1',
  'EXECUTE p',
  'DO $$ BEGIN PERFORM 1; END $$',
  "COPY tags TO PROGRAM 'id'",
  'DECLARE c CURSOR WITH HOLD FOR SELECT 1',
  'LISTEN otq',
  'EXPLAIN SELECT 1',
  'SHOW ALL',
  'DELETE FROM samples',
  'WITH d AS (SELECT 1) DELETE FROM samples',
  'SELEC 1',
  "SELECT 'unterminated",
];

describe('isPlainSelect', () => {
  for (const sql of plain) it(`true for ${JSON.stringify(sql)}`, () => expect(isPlainSelect(sql)).toBe(true));
  for (const sql of notPlain) it(`false for ${JSON.stringify(sql)}`, () => expect(isPlainSelect(sql)).toBe(false));
});

describe('createPlainSelectCheck', () => {
  it('gives the same verdicts as isPlainSelect, from the cache on repeats', () => {
    const check = createPlainSelectCheck(4);
    for (const sql of [...plain, ...notPlain, ...plain, ...notPlain]) expect(check(sql)).toBe(isPlainSelect(sql));
  });

  it('keeps verdicts apart for texts that differ only in one character, and parses long texts every time', () => {
    const check = createPlainSelectCheck(2, 40);
    expect(check('SELECT 1')).toBe(true);
    expect(check('SELECT 1;SELECT 2')).toBe(false);
    expect(check('SELECT 1')).toBe(true);
    const long = `SELECT 1 ${' '.repeat(50)}`;
    expect(check(long)).toBe(true);
    expect(check(`${long}; SET x = 1`)).toBe(false);
  });
});
