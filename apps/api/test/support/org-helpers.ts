import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/common/audit/audit.service';
import { PasswordHasher } from '../../src/common/auth/password-hasher';
import { OrgImportService, OrgDemoSeeder } from '../../src/modules/org';
import type { TestApp } from './test-app';

/** Loads the Ninh Thuận demo hierarchy and people (org part only), as the app does on first start. */
export async function seedOrgDemo(t: TestApp): Promise<{ created: number }> {
  const seeder = new OrgDemoSeeder(t.app.get(DataSource), t.app.get(OrgImportService), t.app.get(PasswordHasher), t.app.get(AuditService));
  return seeder.seed({ demoPassword: t.config.demoPassword });
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

/** Signs in (demo password by default) and returns the tokens. */
export async function login(t: TestApp, username: string, password = t.config.demoPassword): Promise<Session> {
  const res = await request(t.app.getHttpServer()).post('/api/auth/login').set('X-Token-Transport', 'body').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id };
}

export function bearer(s: Session | string): { Authorization: string } {
  return { Authorization: `Bearer ${typeof s === 'string' ? s : s.accessToken}` };
}

export async function unitId(t: TestApp, code: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM unit WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`no unit ${code}`);
  return rows[0].id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  return rows[0].id;
}
