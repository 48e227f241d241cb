// The help texts of the CLI: the overview (`otq --help`) and one text per command (`otq serve --help`); no imports, so help is instant.

/** `otq --help`: every command on one screen. */
export const overview = `otq: natural-language queries over plant data, guarded and audited

usage: otq <command> [options]   (all commands accept --config FILE; default: $OTQ_CONFIG or the embedded sample)
       otq <command> --help       options of one command

  serve [--host H] [--port N]                 web chat and HTTP API (what npm start runs)
  ask "QUESTION" [--user U] [--json]          one question, answer on stdout
  sql --source S "SQL" | --file F | -         guarded read-only SQL, no model (- reads standard input)
  catalog [--user U] [--json]                 sources, tables and tags you may see
  connect TARGET [--write FILE] [--check]     propose otq.yaml for a DuckDB file, a folder or a postgres:// URL
  policy check [FILE...]                      validate policy files as start-up does
  audit verify|export|prove|pubkey|rotate-key  check, export or prove the evidence log; rotate its key
  eval FILE.jsonl [--json]                    execution accuracy against gold SQL
  report list | run NAME                      scheduled reports
  samples [--dir D] [--seed N] [--days N]     (re)generate the sample plant data
  samples --to postgres URL [--schema S]      load the sample data into PostgreSQL
  pg grant --role R [--schema S] [--apply URL]  SQL for a least-privilege reader role
  model pull                                  download the configured model (model.uri)
  token create --user U                       create an API token for the HTTP API

exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 denied by policy`;

const common = '  --config FILE   otq.yaml to use (default: $OTQ_CONFIG, else the embedded sample configuration)';

/** Help of each command, printed by `otq COMMAND --help` (exit 0). */
export const commandHelp: Readonly<Record<string, string>> = {
  serve: `usage: otq serve [--host H] [--port N]
  Serves the web chat, the HTTP API, the bot endpoints and the report scheduler until Ctrl-C.
  --host H        address to listen on (default: server.host, 127.0.0.1)
  --port N        port, 0 for any free one (default: server.port, 8080)
${common}`,
  ask: `usage: otq ask "QUESTION" [--user U] [--json] [--now ISO]
  Answers one question: the quick planner first, then the configured model.
  --user U        act as this configured user (default: defaultUser)
  --json          print the answer object (answer, sql, source, columns, rows, truncated, decision, auditSeq, ...)
  --now ISO       reference time for "yesterday", "last shift" (default: now)
${common}
  exit codes: 0 answered, 3 denied by policy, 2 usage or configuration error, 1 failure`,
  sql: `usage: otq sql --source S "SQL" [--user U] [--json]
       otq sql --source S --file QUERY.sql
       otq sql --source S - < QUERY.sql
  Runs one read-only statement through the policy guard and the audit log. A text starting with "--" (a comment) is SQL,
  not an option. Without SQL and with standard input not a terminal, the SQL is read from standard input.
  --source S      the configured source to query
  --file F        read the SQL from this file
  --user U        act as this configured user (default: defaultUser)
  --json          print the answer object
${common}
  exit codes: 0 ok, 3 denied by policy, 2 usage or configuration error, 1 failure`,
  catalog: `usage: otq catalog [--user U] [--json]
  Lists the sources, tables and tags the user may see.
${common}`,
  policy: `usage: otq policy check [FILE...] [--config otq.yaml]
  Validates policy files exactly as start-up does: structure, then tables, columns and row filters against the
  configured sources. Without FILE: the shipped files plus those under policies.files. Exit 0 valid, 2 invalid.
${common}`,
  audit: `usage:
  otq audit verify [--log DIR] [--pubkey FILE] [--checkpoint FILE] [--json]
  otq audit export --since 24h [--until T] [--user U] [--kind K] [--chain C] [--format jsonl|csv] [--bundle DIR] [--log DIR]
  otq audit prove [CHAIN:]SEQ [--chain C] [--bundle DIR] [--log DIR]
  otq audit pubkey [--log DIR]
  otq audit rotate-key [--log DIR]
  verify: every chain (one per writer) and every signature; exit 0 intact, 1 tampered or damaged.
  export --bundle: a folder a third party re-verifies (sha256sum, openssl, node verify-bundle.mjs); checked before exit 0.
  prove: one record's inclusion proof against its chain's newest signed head (an evidence id reads CHAIN:SEQ).
${common}`,
  eval: `usage: otq eval FILE.jsonl [FILE.jsonl ...] [--json | --figures] [--only ID,...] [--min-accuracy 0..1] [--model [--transcripts T.jsonl]]
  --figures: the accuracy figures alone, naming no question (how the held-back split is run).
  --model: every question goes to the model (the quick planner left out); the report adds the grounded share.
  --transcripts: replay recorded model transcripts instead of a configured model (implies --model); each says what the
  grounding check must conclude, and a miss exits 1.
  exit codes: 0 done, 1 below --min-accuracy (or a confident wrong answer, or a grounding miss), 2 usage or a bad file
${common}`,
  report: `usage: otq report list | otq report run NAME [--json]
  list: the configured reports and their next run. run: one run now, through the scheduler's path.
  exit codes of run: 0 delivered, 3 denied by policy, 1 failed (answer or delivery), 2 usage or configuration error
${common}`,
  samples: `usage: otq samples [--dir DIR] [--seed N] [--days N] [--end YYYY-MM-DD] [--force]
       otq samples --to postgres URL [--schema historian] [--days N] [--seed N] [--end YYYY-MM-DD] [--replace]
  (the admin password comes from PGPASSWORD, never from the URL on a command line)`,
  pg: `usage: otq pg grant --role R [--schema S] [--tables a,b,c] [--password-env VAR] [--statement-timeout-ms N]
                    [--restrict-public] [--apply URL]
  Prints the SQL of a least-privilege reader role; --apply runs it as the admin in URL (password from PGPASSWORD).`,
  connect: `usage: otq connect TARGET [--name N] [--write FILE [--force]] [--timezone TZ] [--schema S] [--check]
       otq connect --check [--config FILE]
  Inspects TARGET (a DuckDB file, a folder of CSV/Parquet/JSON exports, or a postgres:// URL), proposes the source's
  historian mapping (long or wide samples, the tag table found by join), and a policy granting it to the default
  roles. Prints both, or writes FILE and FILE's .policy.yaml (and .views.sql for a wide PostgreSQL table, for a DBA).
  A password in the URL is not written: the config names OTQ_PG_PASSWORD.
  --check         what the planner will understand: tags, types, units, time range, sampling and gaps
${common}`,
  model: `usage: otq model pull [URI] [--dir DIR]   (URI like hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M; default: model.uri)
${common}`,
  token: `usage: otq token create --user U
${common}`,
};

/** True when the arguments ask for help (`--help` or `-h` before a `--` terminator). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
