import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { verifyWebhook } from '../../src/modules/webhooks';
import { testConfig, type TestApp } from '../support/test-app';
import { DEMO_PASSWORD, PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from '../workflow/workflow-test-kit';

/**
 * Webhooks end to end on the whole app: a real HTTP receiver started here checks every Standard Webhooks signature;
 * deliveries come from the outbox rows of the items API; a receiver failing twice gets three attempts and one
 * effect; a retry pending when the process stops is made by the next process.
 */
process.env.WF_FULL_APP = '1';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  isSignatureValid: boolean;
}

class Receiver {
  readonly requests: Received[] = [];
  /** webhook-id values whose effect was applied (a receiver dedups by id, as Standard Webhooks advises). */
  readonly effects = new Set<string>();
  secret = '';
  failuresLeft = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const isSignatureValid = verifyWebhook(this.secret, req.headers, body);
        this.requests.push({ headers: req.headers, body, isSignatureValid });
        if (!isSignatureValid) return void res.writeHead(401).end();
        if (this.failuresLeft > 0) {
          this.failuresLeft -= 1;
          return void res.writeHead(500).end('not now');
        }
        this.effects.add(String(req.headers['webhook-id']));
        res.writeHead(204).end();
      });
    });
    await listenInRange(this.server);
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  ofType(type: string): Received[] {
    return this.requests.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** This worktree's port range (4600–4699), first free one. */
async function listenInRange(server: Server): Promise<void> {
  for (let port = 4600 + Math.floor(Math.random() * 50); port < 4700; port += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return;
  }
  throw new Error('no free port in 4600–4699');
}

async function freshSignIn(app: TestApp, username: string): Promise<{ post(path: string, body: object): request.Test }> {
  const res = await request(app.app.getHttpServer()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
  const token = res.body.accessToken as string;
  return { post: (path, body) => request(app.app.getHttpServer()).post(path).set('Authorization', `Bearer ${token}`).send(body) };
}

const FAST_RETRIES = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_MS: '150', WEBHOOK_RETRY_MAX_DELAY_MS: '600', WEBHOOK_MAX_ATTEMPTS: '5' };

describe('webhooks', () => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  const plain = new Receiver();
  const flaky = new Receiver();
  const elsewhere = new Receiver();

  beforeAll(async () => {
    t = await startWorkflowApp(FAST_RETRIES);
    admin = await signIn(t.app, 'admin');
    officer = await signIn(t.app, 'canbo.yt-tcyt');
    await Promise.all([plain.start(), flaky.start(), elsewhere.start()]);
  });
  let isClosed = false;
  afterAll(async () => {
    if (!isClosed) await t.close();
    await Promise.all([plain.stop(), flaky.stop(), elsewhere.stop()]);
  });

  async function subscribe(r: Receiver, eventTypes: string[], unitCode: string): Promise<{ id: string; secret: string }> {
    const res = await admin.post('/api/webhooks', { url: r.url, eventTypes, unitId: await unitIdByCode(t, unitCode), description: 'test' }).expect(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    r.secret = res.body.secret;
    return res.body;
  }

  it('signs every delivery, filters by event type and unit subtree, retries a failing receiver with one effect, and resends', async () => {
    const a = await subscribe(plain, ['item.created', 'item.transitioned'], 'LDLD-NT');
    const b = await subscribe(flaky, ['item.created'], 'LDLD-NT');
    await subscribe(elsewhere, ['item.created'], 'LDLD-PRTC');
    flaky.failuresLeft = 2;

    // The secret is shown once: never in a list or a change.
    const list = await admin.get('/api/webhooks').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(plain.secret.slice(6));
    expect(list.body.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const patched = await admin.patch(`/api/webhooks/${a.id}`, { description: 'changed' }).expect(200);
    expect(patched.body.secret).toBeUndefined();

    // An item created and submitted through the generic items API.
    const unitId = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const item = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Webhook', data: PLAN_DATA }).expect(201)).body;
    await officer.post(`/api/items/${item.id}/actions`, { action: 'submit' }).expect(200);

    await waitFor(async () => plain.ofType('item.transitioned').length >= 1 || null, 'transition delivery');
    const created = plain.ofType('item.created');
    expect(created).toHaveLength(1);
    const body = JSON.parse(created[0].body);
    expect(body).toMatchObject({ type: 'item.created', data: { itemId: item.id, workflow: 'unit_plan', unitId } });
    expect(Date.parse(body.timestamp)).not.toBeNaN();
    expect(plain.requests.every((r) => r.isSignatureValid)).toBe(true);
    expect(String(created[0].headers['webhook-signature'])).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(plain.ofType('item.transitioned')[0].body).data).toMatchObject({ itemId: item.id, action: 'submit', fromStage: item.stage });

    // Failing twice, then accepting: three attempts with one webhook-id, one effect.
    await waitFor(async () => flaky.effects.size >= 1 || null, 'flaky receiver accepts');
    expect(flaky.requests).toHaveLength(3);
    expect(new Set(flaky.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(flaky.requests.every((r) => r.isSignatureValid)).toBe(true);
    expect(flaky.effects.size).toBe(1);
    const log = await waitFor(async () => {
      const r = await admin.get(`/api/webhooks/${b.id}/deliveries`).expect(200);
      return r.body[0]?.status === 'succeeded' ? r.body : null;
    }, 'delivery log');
    expect(log).toHaveLength(1);
    expect(log[0].attempts).toBe(3);
    expect(log[0].attemptLog.map((x: { responseCode: number }) => x.responseCode)).toEqual([500, 500, 204]);
    expect(log[0].attemptLog.every((x: { durationMs: number }) => x.durationMs >= 0)).toBe(true);
    expect(log[0].messageId).toBe(flaky.requests[0].headers['webhook-id']);

    // The other subtree's subscription got nothing.
    expect(elsewhere.requests).toHaveLength(0);

    // Resend: the same message again, logged as a fourth attempt.
    await admin.post(`/api/webhooks/deliveries/${log[0].id}/resend`).expect(202);
    await waitFor(async () => flaky.requests.length >= 4 || null, 'resent delivery');
    expect(flaky.requests[3].headers['webhook-id']).toBe(flaky.requests[0].headers['webhook-id']);
    await waitFor(async () => (await admin.get(`/api/webhooks/${b.id}/deliveries`).expect(200)).body[0].attempts === 4 || null, 'fourth attempt logged');
  });

  it('refuses loopback targets unless allowed, and hides other subtrees’ subscriptions', async () => {
    t.config.webhooks.allowPrivateTargets = false;
    try {
      const res = await admin.post('/api/webhooks', { url: plain.url, eventTypes: ['item.created'], unitId: await unitIdByCode(t, 'LDLD-NT') }).expect(422);
      expect(res.body.code).toBe('WEBHOOK_TARGET_REFUSED');
      const file = await admin.post('/api/webhooks', { url: 'file:///etc/passwd', eventTypes: ['item.created'], unitId: await unitIdByCode(t, 'LDLD-NT') }).expect(422);
      expect(file.body.fields).toEqual([expect.objectContaining({ path: 'body.url' })]);
    } finally {
      t.config.webhooks.allowPrivateTargets = true;
    }
    // Every unit needs a root administrator; a province administrator is refused.
    await admin.post('/api/webhooks', { url: plain.url, eventTypes: ['item.created'], unitId: null }).expect(403);
    const national = await signIn(t.app, 'admin.tld');
    const all = (await national.post('/api/webhooks', { url: plain.url, eventTypes: ['campaign.status_changed'], unitId: null }).expect(201)).body;
    expect((await admin.get('/api/webhooks').expect(200)).body.map((w: { id: string }) => w.id)).not.toContain(all.id);
    await admin.get(`/api/webhooks/${all.id}/deliveries`).expect(404);
    const officerCall = await officer.get('/api/webhooks');
    expect(officerCall.status).toBe(403);
  });

  it('a retry pending when the process stops is made by the next process', async () => {
    // With Bull every app of this file shares one queue: the suite's app (fast retries) would take these jobs too.
    await t.close();
    isClosed = true;
    const late = new Receiver();
    await late.start();
    try {
      const first = await startWorkflowApp({ ...FAST_RETRIES, WEBHOOK_RETRY_BASE_MS: '2000', WEBHOOK_RETRY_MAX_DELAY_MS: '2000' });
      let second: Awaited<ReturnType<typeof createApp>> | null = null;
      try {
        // Signed in afresh: the kit caches tokens per server, and this app's users are new rows.
        const adm = await freshSignIn(first, 'admin');
        const off = await freshSignIn(first, 'canbo.yt-tcyt');
        late.secret = (await adm.post('/api/webhooks', { url: late.url, eventTypes: ['item.created'], unitId: await unitIdByCode(first, 'LDLD-NT') }).expect(201)).body.secret;
        late.failuresLeft = 1;
        await off.post('/api/items', { workflow: 'unit_plan', unitId: await unitIdByCode(first, 'CDCS-YT-TCYT'), title: 'Restart', data: PLAN_DATA }).expect(201);
        // The first attempt answered and logged (a process killed mid-attempt leaves a lease the sweeper waits out).
        await waitFor(async () => {
          const [d] = await first.dataSource.query(`SELECT attempts, lease_until FROM webhook_delivery`);
          return d?.attempts === 1 && d.lease_until === null ? d : null;
        }, 'first attempt logged');
        await first.close();
        expect(late.requests).toHaveLength(1);
        // A new process on the same database (no reset) with its scheduler on: Bull's delayed job or the sweeper.
        second = await createApp(testConfig({ ...FAST_RETRIES, RUN_SCHEDULER: 'true', SCHEDULER_INTERVAL_MS: '200', DATABASE_POOL_SIZE: '5' }));
        await second.init();
        await waitFor(async () => late.effects.size >= 1 || null, 'retry after restart', 20_000);
        expect(late.requests).toHaveLength(2);
        expect(late.requests[1].headers['webhook-id']).toBe(late.requests[0].headers['webhook-id']);
        const ds = second.get(DataSource);
        const rows = await waitFor(async () => {
          const r: Array<{ attempts: number; status: string }> = await ds.query(`SELECT attempts, status FROM webhook_delivery WHERE subscription_id IN (SELECT id FROM webhook_subscription WHERE url = $1)`, [late.url]);
          return r[0]?.status !== 'pending' ? r : null;
        }, 'delivery settled');
        expect(rows).toEqual([{ attempts: 2, status: 'succeeded' }]);
      } finally {
        if (second) await second.close();
      }
    } finally {
      await late.stop();
    }
  });
});
