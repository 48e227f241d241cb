// The SQL that makes a least-privilege PostgreSQL reader role for otq: SELECT on named tables, read-only, time-limited, no TEMP.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';

/** Tables of the sample historian a reader may see; `shift_log` (operator names) is left out on purpose. */
export const sampleReaderTables = ['assets', 'tags', 'samples', 'alarm_events', 'telemetry', 'dataset_info'] as const;

export interface PgGrantOptions {
  /** Login role to create or tighten, e.g. `otq_reader`. */
  role: string;
  /** Schema holding the historian tables (default `historian`); also becomes the role's search_path. */
  schema?: string;
  /** Tables the role may SELECT, unqualified; default: the sample historian's tables without shift_log. */
  tables?: readonly string[];
  /** Password to set (stored as a SCRAM-SHA-256 verifier computed here, so the plain text never reaches the server's logs). */
  password?: string;
  /** Role-level statement timeout, ms (default 60000); otq sets a tighter one per call. */
  statementTimeoutMs?: number;
  /** Role-level idle-in-transaction timeout, ms (default 60000). */
  idleInTransactionTimeoutMs?: number;
  /** Maximum concurrent connections of the role (default 10). */
  connectionLimit?: number;
  /**
   * Also revoke from PUBLIC, in this database, what PostgreSQL gives every role: SELECT on pg_catalog.pg_attribute
   * (column names of tables the role cannot read) and EXECUTE on set_config() (switching session settings from a
   * SELECT). Database-wide: roles that need them (psql \d, apps using set_config) must be granted them back.
   */
  restrictPublic?: boolean;
}

/** Returns the SQL script (several statements, to run as the database owner or a superuser, in one transaction). */
export function pgGrantSql(options: PgGrantOptions): string {
  const schema = options.schema ?? 'historian';
  const tables = options.tables ?? sampleReaderTables;
  if (tables.length === 0) throw new Error('pgGrantSql: name at least one table');
  const role = pg.escapeIdentifier(options.role);
  const roleLiteral = pg.escapeLiteral(options.role);
  const schemaId = pg.escapeIdentifier(schema);
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  const idleMs = options.idleInTransactionTimeoutMs ?? 60_000;
  const lines: string[] = [
    `-- otq reader role ${options.role}: SELECT on ${tables.length} named tables of schema ${schema}, nothing else.`,
    `DO $otq$ BEGIN`,
    `  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${roleLiteral}) THEN CREATE ROLE ${role} LOGIN; END IF;`,
    `END $otq$;`,
    `ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ${options.connectionLimit ?? 10};`,
  ];
  if (options.password !== undefined) lines.push(`ALTER ROLE ${role} PASSWORD ${pg.escapeLiteral(scramVerifier(options.password))};`);
  lines.push(
    `-- No membership in any role: in particular not pg_read_server_files, pg_write_server_files, pg_execute_server_program,`,
    `-- pg_monitor, pg_read_all_data, pg_read_all_settings, pg_read_all_stats, pg_signal_backend.`,
    `DO $otq$ DECLARE granted regrole; BEGIN`,
    `  FOR granted IN SELECT m.roleid::regrole FROM pg_catalog.pg_auth_members m WHERE m.member = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ${roleLiteral}) LOOP`,
    `    EXECUTE format('REVOKE %s FROM %I', granted, ${roleLiteral});`,
    `  END LOOP;`,
    `END $otq$;`,
    `-- Temporary tables are writes: nobody gets TEMP by default (grant it back explicitly to roles that need it).`,
    `DO $otq$ BEGIN`,
    `  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());`,
    `  EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), ${roleLiteral});`,
    `  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${roleLiteral});`,
    `END $otq$;`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${schemaId} FROM ${role};`,
    `GRANT USAGE ON SCHEMA ${schemaId} TO ${role};`,
    ...tables.map((t) => `GRANT SELECT ON TABLE ${schemaId}.${pg.escapeIdentifier(t)} TO ${role};`),
    `-- Defaults for every session of the role; otq additionally runs each query in BEGIN READ ONLY with its own timeouts.`,
    `ALTER ROLE ${role} SET default_transaction_read_only = on;`,
    `ALTER ROLE ${role} SET statement_timeout = ${statementTimeoutMs};`,
    `ALTER ROLE ${role} SET lock_timeout = ${Math.min(5000, statementTimeoutMs)};`,
    `ALTER ROLE ${role} SET idle_in_transaction_session_timeout = ${idleMs};`,
    `ALTER ROLE ${role} SET search_path = ${schemaId};`,
  );
  if (options.restrictPublic) {
    lines.push(
      `-- Database-wide (PUBLIC): column names of unreadable tables (information_schema is not affected) and set_config().`,
      `REVOKE SELECT ON pg_catalog.pg_attribute FROM PUBLIC;`,
      `REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5802/7677, 4096 iterations); the server accepts it in ALTER ROLE ... PASSWORD.
 * No SASLprep, like node-postgres' client side: non-ASCII passwords may not work from libpq clients.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
