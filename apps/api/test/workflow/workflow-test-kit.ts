import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { startRuntimeApp } from './workflow-test-app';

export const DEMO_PASSWORD = 'ThiDua@2026';

// Suites boot their own database and app; the hooks need more than jest's default 5 s.
jest.setTimeout(120_000);

/** The app on an emptied database with the demo hierarchy and the shipped workflows loaded. */
export async function startWorkflowApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  return startRuntimeApp(overrides, DEMO_PASSWORD);
}

export interface Client {
  username: string;
  userId: string;
  token: string;
  get(path: string): request.Test;
  post(path: string, body?: object, headers?: Record<string, string>): request.Test;
  patch(path: string, body?: object): request.Test;
  upload(path: string): request.Test;
}

const tokens = new Map<string, { userId: string; token: string }>();

export async function signIn(app: INestApplication, username: string): Promise<Client> {
  const server = app.getHttpServer();
  const key = `${String((server as { address?: () => unknown }).address?.())}:${username}`;
  let cached = tokens.get(key);
  if (!cached) {
    const res = await request(server).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    cached = { userId: res.body.user.id as string, token: res.body.accessToken as string };
  }
  const { token, userId } = cached;
  const auth = (t: request.Test): request.Test => t.set('Authorization', `Bearer ${token}`);
  return {
    username,
    userId,
    token,
    get: (path) => auth(request(server).get(path)),
    post: (path, body = {}, headers = {}) => {
      let t = auth(request(server).post(path)).send(body);
      for (const [k, v] of Object.entries(headers)) t = t.set(k, v);
      return t;
    },
    patch: (path, body = {}) => auth(request(server).patch(path)).send(body),
    upload: (path) => auth(request(server).post(path)),
  };
}

export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM unit WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`no unit ${code}`);
  return rows[0].id;
}

export const PLAN_DATA = { goals: 'Xây dựng văn hóa công sở', measures: 'Tuyên truyền, ký cam kết', timeline: 'Quý IV/2019' };

/** Extra active users with a role at a unit, sharing the demo password (copied from a demo account). */
export async function createUsers(t: TestApp, prefix: string, n: number, role: string, unitCode: string): Promise<string[]> {
  const unitId = await unitIdByCode(t, unitCode);
  const names: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    const username = `${prefix}${i}`;
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO app_user (username, full_name, email, status, home_unit_id, password_hash)
       SELECT $1, $2, $3, 'active', $4, password_hash FROM app_user WHERE username = 'giamsat.yt' RETURNING id`,
      [username, `Người dùng ${username}`, `${username}@example.test`, unitId],
    );
    await t.dataSource.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, $3)`, [rows[0].id, unitId, role]);
    names.push(username);
  }
  return names;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Creates a unit-plan item for a grassroots unit and submits it, as its officer. */
export async function submittedPlan(t: TestApp, officer: Client, unitCode: string, title = 'Kế hoạch'): Promise<string> {
  const unitId = await unitIdByCode(t, unitCode);
  const created = await officer.post('/api/items', { workflow: 'unit_plan', unitId, title, data: PLAN_DATA }).expect(201);
  await officer.post(`/api/items/${created.body.id}/actions`, { action: 'submit' }).expect(200);
  return created.body.id as string;
}
