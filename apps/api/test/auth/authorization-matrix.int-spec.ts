import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { buildOpenApi } from '../../src/app.factory';
import { ACCESS_METADATA, type AccessRule } from '../../src/common/auth/access.decorators';
import { bearer, login, seedOrgDemo, unitId, userId, type Session } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every route the app registers — read from Nest's own controller metadata, so endpoints added
 * later by any module are covered without touching this file — is called:
 *  - without a token: 401, unless the route is @Public;
 *  - by users scoped to another subtree (an admin, a supervisor, an officer there), naming
 *    resources of the target subtree in every route parameter, query field and body field that
 *    could hold an id: 403 or 404, the same answer as for an id that does not exist, and no
 *    identifier or name from the target subtree anywhere in the body.
 */
interface RouteInfo {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

const METHODS: Record<number, string> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.PATCH]: 'patch',
};

function joinPath(...parts: string[]): string {
  return `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
}

function registeredRoutes(t: TestApp): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!ctrl) continue;
      const base = Reflect.getMetadata(PATH_METADATA, ctrl) as string | string[] | undefined;
      const classRule = Reflect.getMetadata(ACCESS_METADATA, ctrl) as AccessRule | undefined;
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        if (name === 'constructor') continue;
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (path === undefined || method === undefined) continue;
        const rule = (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessRule | undefined) ?? classRule;
        for (const b of [base ?? ''].flat()) for (const p of [path].flat()) out.push({ method: METHODS[method] ?? 'all', path: joinPath('api', b, p), rule });
      }
    }
  }
  return out;
}

describe('authorization matrix: every registered route', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let outsiders: Array<{ name: string; session: Session }>;
  /** Ids of resources in the target subtree (Y tế), by kind. */
  let foreign: Record<string, string>;
  /** Strings that must never appear in an answer to an outsider. */
  let secrets: string[];
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    routes = registeredRoutes(t);

    // An admin of another subtree (LĐLĐ Ninh Sơn) is the sharpest outsider for admin endpoints.
    const provinceAdmin = await login(t, 'admin');
    const ns = await unitId(t, 'LDLD-NS');
    const created = await http().post('/api/users').set(bearer(provinceAdmin)).send({ username: 'admin.ns', fullName: 'Quản trị Ninh Sơn', homeUnitId: ns, password: 'Admin-NS-2026' }).expect(201);
    await http().post(`/api/users/${created.body.user.id}/roles`).set(bearer(provinceAdmin)).send({ unitId: ns, role: 'admin' }).expect(201);

    // Target subtree resources: a unit, a user, a role assignment and a delegation in Y tế.
    const ytUnit = await unitId(t, 'CDCS-YT-BVDK');
    const ytUser = await userId(t, 'canbo.yt-bvdk');
    const ytSupervisor = await login(t, 'giamsat.yt');
    const delegation = await http()
      .post('/api/delegations')
      .set(bearer(ytSupervisor))
      .send({ toUserId: ytUser, validFrom: '2026-01-01', validTo: '2099-01-01', reason: 'nghỉ phép' })
      .expect(201);
    const ra: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM role_assignment WHERE user_id = $1 LIMIT 1`, [ytUser]);
    foreign = { unit: ytUnit, parentUnit: await unitId(t, 'CDN-YT'), user: ytUser, roleAssignment: ra[0]!.id, delegation: delegation.body.id };
    const names: Array<{ s: string }> = await t.dataSource.query(
      `SELECT code AS s FROM unit WHERE code LIKE 'CDCS-YT-%' OR code = 'CDN-YT' UNION ALL SELECT name FROM unit WHERE code LIKE 'CDCS-YT-%' OR code = 'CDN-YT'
       UNION ALL SELECT username FROM app_user WHERE username LIKE '%.yt%' UNION ALL SELECT full_name FROM app_user WHERE username LIKE '%.yt%'`,
    );
    secrets = [...Object.values(foreign), ...names.map((n) => n.s)];

    outsiders = [
      { name: 'admin of another subtree', session: await login(t, 'admin.ns', 'Admin-NS-2026') },
      { name: 'supervisor of another subtree', session: await login(t, 'giamsat.ns') },
      { name: 'officer of another unit', session: await login(t, 'canbo.ns-miaduong') },
    ];
  });
  afterAll(() => t.close());

  it('finds the routes, and every one is in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(25);
    const doc = buildOpenApi(t.app);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    const missing = routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it('declares access on every route (the guard denies the rest)', () => {
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('answers 401 without a token on every route but the @Public ones', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const url = r.path.replace(/:(\w+)/g, () => randomUUID());
      const res = await http()[r.method as 'get'](url).send({});
      const isPublic = r.rule?.kind === 'public';
      if (!isPublic && res.status !== 401) failures.push(`${r.method} ${r.path} → ${res.status}`);
      if (isPublic && (res.status === 401 || res.status >= 500)) failures.push(`public ${r.method} ${r.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('gives users of another subtree 403/404 on the target subtree, indistinguishable from a missing id, revealing nothing', async () => {
    const failures: string[] = [];
    const validationOnly = new Set<string>();
    const idFields = ['id', 'unitId', 'parentId', 'rootId', 'homeUnitId', 'newParentId', 'intoId', 'transferToId', 'userId', 'fromUserId', 'toUserId', 'itemId', 'campaignId'];
    const idsToTry = Object.entries(foreign);
    // Query schemas are strict (an unknown parameter answers 400): send each route only the id fields it declares.
    const doc = buildOpenApi(t.app);
    const queryFieldsOf = (r: RouteInfo): Set<string> => {
      const op = (doc.paths[r.path.replace(/:(\w+)/g, '{$1}')] as Record<string, { parameters?: Array<{ in: string; name: string }> }> | undefined)?.[r.method];
      return new Set((op?.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name));
    };
    for (const r of routes) {
      if (r.rule?.kind === 'public') continue;
      const declared = queryFieldsOf(r);
      const hasParams = /:\w+/.test(r.path);
      for (const o of outsiders) {
        for (const [kind, id] of hasParams ? idsToTry : [['unit', foreign.unit!] as const]) {
          const fill = (value: string) => r.path.replace(/:(\w+)/g, () => value);
          // Ids in every field that could name a resource, plus enough valid fields for the org routes' bodies to pass validation.
          const body = (value: string) => ({
            ...Object.fromEntries(idFields.map((f) => [f, f.endsWith('nitId') || f === 'parentId' || f === 'rootId' || f.endsWith('ToId') || f === 'intoId' || f === 'newParentId' ? foreignUnitFor(f, value) : value])),
            fullName: 'Người lạ',
            name: 'Tên mới',
            role: 'viewer',
          });
          const query = (value: string) =>
            Object.fromEntries(
              Object.entries({ rootId: foreignUnitFor('rootId', value), unitId: foreignUnitFor('unitId', value), parentId: foreignUnitFor('parentId', value) }).filter(([k]) => declared.has(k)),
            );
          const foreignUnitFor = (_f: string, value: string) => (value === foreign[kind] ? foreign.unit! : value);
          const real = await http()[r.method as 'get'](fill(id)).query(query(id)).set(bearer(o.session)).send(body(id));
          const label = `${o.name}: ${r.method} ${r.path} [${kind}]`;
          if (real.status >= 500) failures.push(`${label} → ${real.status}`);
          // The id the caller sent is theirs already; anything else of the target subtree must not appear.
          const text = (JSON.stringify(real.body ?? '') + (real.text ?? '')).split(id).join('<sent>');
          const leaked = secrets.filter((s) => text.includes(s));
          if (leaked.length) failures.push(`${label} leaks ${leaked.join(', ')}`);
          if (!hasParams) {
            // Lists and own-data routes may answer 2xx, but without anything of the target subtree (checked above).
            if (![200, 201, 204, 400, 403, 404, 409, 422].includes(real.status)) failures.push(`${label} → ${real.status}`);
            continue;
          }
          const missing = randomUUID();
          const ghost = await http()[r.method as 'get'](fill(missing)).query(query(missing)).set(bearer(o.session)).send(body(missing));
          const shape = (res: request.Response, sent: string) => `${res.status} ${res.body?.code} ${String(res.body?.detail ?? '').split(sent).join('<sent>')}`;
          if (shape(real, id) !== shape(ghost, missing)) failures.push(`${label} differs from a missing id: ${shape(real, id)} vs ${shape(ghost, missing)}`);
          const isScopeRefusal = real.status === 403 || real.status === 404;
          // Validation that runs before the scope check is acceptable elsewhere (it answers the same for a missing id,
          // as checked just above); the org and auth routes must reach the scope check itself.
          const isOwnRoute = /^\/api\/(units|users|role-assignments|delegations|auth)\b/.test(r.path);
          // Elsewhere a route whose parameter names another kind of resource may answer like for any unknown id
          // (validation error, empty list): identical to the missing-id answer, as checked above, is what counts.
          const norm = (res: request.Response, sent: string) => JSON.stringify({ ...res.body, requestId: undefined }).split(sent).join('<sent>');
          const sameBody = norm(real, id) === norm(ghost, missing);
          if (!isScopeRefusal && (isOwnRoute || !sameBody)) failures.push(`${label} → ${real.status} ${real.body?.code ?? ''}`);
          if (!isScopeRefusal) validationOnly.add(`${r.method} ${r.path}`);
        }
      }
    }
    if (validationOnly.size) console.info(`routes of other modules answering a foreign id exactly as a missing one, without a 403/404 (validation first, or empty result):\n  ${[...validationOnly].join('\n  ')}`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('still lets the target subtree see its own resources (the matrix is not vacuous)', async () => {
    const yt = await login(t, 'giamsat.yt');
    await http().get(`/api/units/${foreign.unit}`).set(bearer(yt)).expect(200);
    const admin = await login(t, 'admin');
    await http().get(`/api/users/${foreign.user}`).set(bearer(admin)).expect(200);
    const list = await http().get('/api/units?limit=500').set(bearer(await login(t, 'giamsat.ns'))).expect(200);
    expect(list.body.items.length).toBeGreaterThan(1);
    expect(list.body.items.every((u: { code: string }) => !u.code.startsWith('CDCS-YT'))).toBe(true);
  });
});
