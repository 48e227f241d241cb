// `otq pg grant --apply`: runs the reader-role script against a server as its admin and reads back what the role can do.
import pg from 'pg';
import { safeTarget, toConnectorError } from './pg-errors.ts';
import { pgGrantSql, type PgGrantOptions } from './pg-grant.ts';

/** Runs the grant script in one transaction as the admin in `url`, then reads back what the role can do; returns that summary. */
export async function applyPgGrant(url: string, options: PgGrantOptions): Promise<string> {
  const label = `pg grant (${safeTarget(url)})`;
  const client = new pg.Client({ connectionString: url, application_name: 'otq:pg-grant' });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`BEGIN;\n${pgGrantSql(options)}COMMIT;`);
    const check = await client.query<{ rolsuper: boolean; memberships: number; tables: string[] }>(
      `SELECT r.rolsuper, (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships,
              ARRAY(SELECT table_name::text FROM information_schema.role_table_grants g
                     WHERE g.grantee = r.rolname AND g.privilege_type = 'SELECT' ORDER BY 1) AS tables
         FROM pg_roles r WHERE r.rolname = $1`,
      [options.role],
    );
    const row = check.rows[0];
    return `role ${options.role}: SELECT on ${row?.tables.join(', ') || '(none)'}; superuser ${row?.rolsuper ? 'YES' : 'no'}; role memberships ${row?.memberships ?? '?'}; read-only and timeouts set on the role`;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw toConnectorError(error, label);
  } finally {
    await client.end().catch(() => {});
  }
}
