import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SeedService } from '../../src/seed/seed.service';
import { startTestApp, type TestApp } from '../support/test-app';

export const DEMO_PASSWORD = 'ThiDua@2026';

/** The app on an emptied database with the demo hierarchy and the shipped workflows loaded. */
export async function startWorkflowApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  const t = await startTestApp(overrides);
  await t.app.get(SeedService).seedAll(DEMO_PASSWORD);
  return t;
}

export interface Client {
  username: string;
  userId: string;
  token: string;
  get(path: string): request.Test;
  post(path: string, body?: object, headers?: Record<string, string>): request.Test;
  patch(path: string, body?: object): request.Test;
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
  };
}

export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM unit WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`no unit ${code}`);
  return rows[0].id;
}

export const PLAN_DATA = { goals: 'Xây dựng văn hóa công sở', measures: 'Tuyên truyền, ký cam kết', timeline: 'Quý IV/2019' };
