import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { TestApp } from '../../support/test-app';
import type { Principal } from '../../../src/common/auth/principal';
import { PasswordHasher } from '../../../src/common/auth/password-hasher';

export const DEMO_PASSWORD = 'ThiDua@Test-2026';

interface FixtureUnit { code: string; name: string; kind: string; parent: string | null; sector: string | null; members: number | null }
interface FixtureUser { username: string; fullName: string; unit: string; roles: string[] }

/**
 * Loads the Ninh Thuận hierarchy and demo users of apps/api/data/ninh-thuan-2019.json straight into
 * the tables (path keys from unit_key_seq, as the org module makes them), so these suites do not
 * depend on another module's seeder. Returns unit ids by code and user ids by username.
 */
export async function loadDemoHierarchy(t: TestApp): Promise<{ units: Record<string, string>; users: Record<string, string> }> {
  const ds: DataSource = t.dataSource;
  const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../../data/ninh-thuan-2019.json'), 'utf8')) as { units: FixtureUnit[]; users: FixtureUser[] };
  const units: Record<string, string> = {};
  const paths: Record<string, string> = {};
  const validFrom = '2019-01-01T00:00:00Z';
  for (const u of fixture.units) {
    const [{ k }] = await ds.query(`SELECT nextval('unit_key_seq') AS k`);
    const key = Number(k).toString(36).padStart(6, '0');
    const path = `${u.parent ? paths[u.parent] : '/'}${key}/`;
    const depth = path.split('/').filter(Boolean).length - 1;
    const [row] = await ds.query(
      `INSERT INTO unit (code, name, kind, sector, member_count, parent_id, path_key, path, depth, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id`,
      [u.code, u.name, u.kind, u.sector, u.members, u.parent ? units[u.parent] : null, key, path, depth, validFrom],
    );
    units[u.code] = row.id;
    paths[u.code] = path;
    await ds.query(`INSERT INTO unit_parent_link (unit_id, parent_id, valid_from, path_at_time) VALUES ($1,$2,$3,$4)`, [row.id, u.parent ? units[u.parent] : null, validFrom, path]);
  }
  const hash = await t.app.get(PasswordHasher).hash(DEMO_PASSWORD);
  const users: Record<string, string> = {};
  for (const u of fixture.users) {
    const [row] = await ds.query(`INSERT INTO app_user (username, full_name, home_unit_id, password_hash) VALUES ($1,$2,$3,$4) RETURNING id`, [u.username, u.fullName, units[u.unit], hash]);
    users[u.username] = row.id;
    for (const role of u.roles) await ds.query(`INSERT INTO role_assignment (user_id, unit_id, role, valid_from) VALUES ($1,$2,$3,$4)`, [row.id, units[u.unit], role, validFrom]);
  }
  return { units, users };
}

/** Signs in through the API and returns an Authorization header. */
export async function signIn(t: TestApp, username: string): Promise<{ Authorization: string }> {
  const res = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}

/** The principal of a loaded user, as the guard builds it (for calling services directly). */
export async function principalOf(ds: DataSource, username: string): Promise<Principal> {
  const rows: Array<{ id: string; full_name: string; role: string; unit_id: string; path: string }> = await ds.query(
    `SELECT au.id, au.full_name, ra.role, ra.unit_id, u.path FROM app_user au JOIN role_assignment ra ON ra.user_id = au.id AND ra.valid_to IS NULL JOIN unit u ON u.id = ra.unit_id WHERE au.username = $1`,
    [username],
  );
  return { userId: rows[0].id, username, fullName: rows[0].full_name, roles: rows.map((r) => ({ role: r.role as never, unitId: r.unit_id, unitPath: r.path, workflows: null, onBehalfOf: null })) };
}

/** Adds a user with one role at a unit (e.g. an officer for a grassroots union the fixture has none for). */
export async function addUser(t: TestApp, username: string, unitId: string, roles: string[]): Promise<string> {
  const hash = await t.app.get(PasswordHasher).hash(DEMO_PASSWORD);
  const [row] = await t.dataSource.query(`INSERT INTO app_user (username, full_name, home_unit_id, password_hash) VALUES ($1,$1,$2,$3) RETURNING id`, [username, unitId, hash]);
  for (const role of roles) await t.dataSource.query(`INSERT INTO role_assignment (user_id, unit_id, role, valid_from) VALUES ($1,$2,$3,'2019-01-01')`, [row.id, unitId, role]);
  return row.id;
}
