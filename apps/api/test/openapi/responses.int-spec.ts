import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApi } from '../../src/app.factory';
import { DemoCampaignSeeder } from '../../src/modules/campaigns';
import { DEMO_PASSWORD, loadDemoHierarchy } from '../campaigns/support/demo-hierarchy';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Real answers of the API checked against the OpenAPI document's own schemas (ajv, JSON Schema 2020-12, as
 * OpenAPI 3.1 uses): every GET of the document whose path parameters the demo data can fill, as an administrator and
 * as a supervisor, success answers against the operation's success schema and errors against the problem schema.
 */

type Operation = { operationId?: string; responses: Record<string, { $ref?: string; content?: Record<string, { schema?: object }> }> };

describe(`API answers match the OpenAPI document (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let ajv: Ajv2020;
  const http = () => request(t.app.getHttpServer());
  const ids: Record<string, string> = {};
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = await startTestApp();
    const { units, users } = await loadDemoHierarchy(t);
    await t.app.get(DemoCampaignSeeder).seed();
    doc = buildOpenApi(t.app);
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    // The document is the schema root, so `#/components/schemas/X` resolves as it does for any client.
    ajv.addSchema({ $id: 'urn:thidua:openapi', components: doc.components }, 'urn:thidua:openapi');

    const one = async (sql: string): Promise<string> => ((await t.dataSource.query(sql)) as Array<{ id: string }>)[0]!.id;
    ids.unit = units['LDLD-NT']!;
    ids.user = users['giamsat.yt']!;
    ids.campaign = await one(`SELECT id FROM campaign WHERE code = 'VHCS-2019-2025'`);
    ids.milestone = await one(`SELECT id FROM campaign_milestone ORDER BY 1 LIMIT 1`);
    ids.item = await one(`SELECT id FROM work_item WHERE workflow_key = 'launch' LIMIT 1`);
    ids.workflow = await one(`SELECT id FROM workflow_definition WHERE status = 'published' LIMIT 1`);
    ids.document = await one(`SELECT id FROM official_document ORDER BY created_at LIMIT 1`);
  }, 600_000);
  afterAll(() => t.close());

  async function token(username: string): Promise<string> {
    const res = await http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    expect(validatorFor('AuthController_login', '200')(res.body)).toBe(true);
    return res.body.accessToken as string;
  }

  function operation(operationId: string): Operation {
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) if ((op as Operation).operationId === operationId) return op as Operation;
    }
    throw new Error(`no operation ${operationId}`);
  }

  function validatorFor(operationId: string, status: string): ValidateFunction {
    const key = `${operationId} ${status}`;
    let v = validators.get(key);
    if (!v) {
      const op = operation(operationId);
      const answer = op.responses[status] ?? op.responses.default!;
      const resolved = answer.$ref ? (doc.components!.responses as Record<string, typeof answer>)[answer.$ref.split('/').pop()!]! : answer;
      const [, media] = Object.entries(resolved.content ?? {})[0] ?? [];
      // `#/components/...` of an operation's schema points into the document, registered once under its id.
      v = ajv.compile(JSON.parse(JSON.stringify(media?.schema ?? {}).replaceAll('"#/components/', '"urn:thidua:openapi#/components/')) as object);
      validators.set(key, v);
    }
    return v;
  }

  function fill(path: string): string | null {
    let ok = true;
    const out = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const kind =
        name === 'unitId' ? 'unit'
        : name === 'campaignId' ? 'campaign'
        : name === 'milestoneId' ? 'milestone'
        : name === 'id' && path.startsWith('/api/units/') ? 'unit'
        : name === 'id' && path.startsWith('/api/users/') ? 'user'
        : name === 'id' && path.startsWith('/api/campaigns/') ? 'campaign'
        : name === 'id' && path.startsWith('/api/items/') ? 'item'
        : name === 'id' && path.startsWith('/api/workflows/') ? 'workflow'
        : name === 'id' && path.startsWith('/api/documents/') ? 'document'
        : null;
      if (!kind || !ids[kind]) ok = false;
      return kind ? ids[kind] ?? '' : '';
    });
    return ok ? out : null;
  }

  it('answers every fillable GET with a body its schema accepts (administrator and supervisor)', async () => {
    const checked: string[] = [];
    const failures: string[] = [];
    const query = { milestoneId: ids.milestone, unitId: ids.unit, rootId: ids.unit, year: '2019', q: 'ninh thuan', page: 'inbox' };
    for (const username of ['admin', 'chutich.tinh']) {
      const bearer = { Authorization: `Bearer ${await token(username)}` };
      for (const [path, item] of Object.entries(doc.paths)) {
        const op = item.get as Operation | undefined;
        const url = op && fill(path);
        if (!op || !url) continue;
        const success = Object.keys(op.responses).find((s) => s.startsWith('2'))!;
        const media = Object.keys(op.responses[success]!.content ?? {})[0];
        if (media !== 'application/json') continue;
        // The query parameters the operation declares and the demo data can fill (the query schemas are strict).
        const declared = new Set(((op as { parameters?: Array<{ in: string; name: string }> }).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
        const res = await http().get(url).query(Object.fromEntries(Object.entries(query).filter(([k]) => declared.has(k)))).set(bearer);
        const status = String(res.status);
        if (res.status >= 500) failures.push(`${username} GET ${path} → ${status}`);
        const v = validatorFor(op.operationId!, res.status < 300 ? success : status);
        if (!v(res.body)) failures.push(`${username} GET ${path} ${status}: ${ajv.errorsText(v.errors, { separator: '; ' })}`);
        else if (res.status < 300) checked.push(`${username} ${path}`);
        else expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect(failures).toEqual([]);
    // The demo data answers most reads with 2xx; a handful need data it does not have (a ballot, a dossier).
    expect(checked.length).toBeGreaterThan(80);
  }, 300_000);

  it('documents the problem document of an error, and a 404 answers with it', async () => {
    const bearer = { Authorization: `Bearer ${await token('admin')}` };
    const res = await http().get('/api/campaigns/00000000-0000-4000-8000-000000000000').set(bearer).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const v = validatorFor('CampaignsController_get', '404');
    expect(v(res.body)).toBe(true);
    // The validator is not a pass-through: a body without the stable code is refused.
    expect(v({ ...res.body, code: undefined })).toBe(false);
    expect(validatorFor('CampaignsController_get', '200')({ id: 'x' })).toBe(false);
  });
});
