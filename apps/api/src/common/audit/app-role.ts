import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The database role the application runs as (when DATABASE_APP_URL is set). It may read and write
 * ordinary tables, but only INSERT and SELECT the append-only ones (every table guarded by the
 * `forbid_mutation()` trigger: audit_log, work_item_event, ...). It owns nothing, so it cannot
 * TRUNCATE, ALTER or DISABLE a trigger, and it is no superuser, so `session_replication_role` is
 * refused to it. Migrations run as the owner (DATABASE_URL).
 */
export const APP_GROUP_ROLE = 'thidua_app';

type Sql = Pick<QueryRunner | EntityManager | DataSource, 'query'>;

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe role name: ${name}`);
  return `"${name}"`;
}

/** The tables with the append-only trigger (history tables): INSERT and SELECT only for the app role. */
export async function appendOnlyTables(db: Sql): Promise<string[]> {
  const rows: Array<{ table: string }> = await db.query(
    `SELECT DISTINCT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE p.proname = 'forbid_mutation' AND n.nspname = current_schema() ORDER BY 1`,
  );
  return rows.map((r) => r.table);
}

/** Creates the group role when this connection may (CREATEROLE); false when it does not exist and cannot be made. */
export async function ensureGroupRole(db: Sql): Promise<boolean> {
  const rows: Array<{ ok: boolean }> = await db.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS ok`, [APP_GROUP_ROLE]);
  if (rows[0]?.ok) return true;
  const can: Array<{ ok: boolean }> = await db.query(`SELECT (rolsuper OR rolcreaterole) AS ok FROM pg_roles WHERE rolname = current_user`);
  if (!can[0]?.ok) return false;
  await db.query(`CREATE ROLE ${ident(APP_GROUP_ROLE)} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`);
  return true;
}

/** (Re)grants the group role's rights on every table of the schema; run after each migration run. */
export async function applyAppRoleGrants(db: Sql): Promise<void> {
  if (!(await ensureGroupRole(db))) return;
  const role = ident(APP_GROUP_ROLE);
  await db.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
  await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  await db.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${role}`);
  for (const table of await appendOnlyTables(db)) {
    await db.query(`REVOKE UPDATE, DELETE ON ${ident(table)} FROM ${role}`);
  }
  await db.query(`REVOKE ALL ON "schema_migrations" FROM ${role}`).catch(() => undefined);
  // The month partitions of the history tables are made ahead by an owner's SECURITY DEFINER function.
  const maker: Array<{ ok: boolean }> = await db.query(`SELECT to_regprocedure('ensure_history_partitions(integer, date)') IS NOT NULL AS ok`);
  if (maker[0]?.ok) await db.query(`GRANT EXECUTE ON FUNCTION ensure_history_partitions(integer, date) TO ${role}`);
}

/**
 * Makes sure the login role named in DATABASE_APP_URL exists and belongs to the group role (when the
 * owner connection may create roles; otherwise the operator creates it and this only checks).
 */
export async function ensureAppLoginRole(db: Sql, appUrl: string): Promise<void> {
  const u = new URL(appUrl);
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  if (!user) throw new Error('DATABASE_APP_URL must name a user');
  await applyAppRoleGrants(db);
  const exists: Array<{ ok: boolean; isSuper: boolean }> = await db.query(
    `SELECT true AS ok, rolsuper AS "isSuper" FROM pg_roles WHERE rolname = $1`,
    [user],
  );
  if (exists.length === 0) {
    if (!(await ensureGroupRole(db))) throw new Error(`role ${user} does not exist and this connection may not create it`);
    const pw = password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : '';
    await db.query(`CREATE ROLE ${ident(user)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT${pw}`);
  } else if (exists[0]!.isSuper) {
    throw new Error(`DATABASE_APP_URL's role ${user} is a superuser: it would bypass the audit protections`);
  }
  await db.query(`GRANT ${ident(APP_GROUP_ROLE)} TO ${ident(user)}`);
}
