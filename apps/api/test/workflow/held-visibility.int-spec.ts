import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, type Client } from './workflow-test-kit';

/**
 * Visibility per role of items others hold (issue 15, line 3): by default peers and the chair do not read what a
 * colleague holds; a definition (and a stage) sets per role none / count / titles / all, applied in SQL by the list
 * and by the item read paths.
 */
describe('visibility of held items per role', () => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let peerOfficer: Client;
  let holder: Client;
  let peer: Client;
  beforeAll(async () => {
    t = await startWorkflowApp();
    await createUsers(t, 'gsvis', 2, 'supervisor', 'CDN-YT');
    await createUsers(t, 'cbvis', 1, 'officer', 'CDCS-YT-BVDK');
    admin = await signIn(t.app, 'admin');
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    [peerOfficer, holder, peer] = await Promise.all([signIn(t.app, 'cbvis1'), signIn(t.app, 'gsvis1'), signIn(t.app, 'gsvis2')]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function publish(key: string, extra: { visibility?: Record<string, string>; reviewVisibility?: Record<string, string> }): Promise<void> {
    const flow = {
      schemaVersion: 1,
      key,
      version: 1,
      name: { vi: 'Duyệt' },
      initialStage: 'draft',
      ...(extra.visibility ? { visibility: extra.visibility } : {}),
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Duyệt' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
          transitions: [{ on: 'approve', target: 'done' }],
          ...(extra.reviewVisibility ? { visibility: extra.reviewVisibility } : {}),
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
  }

  async function claimedReview(key: string, title: string): Promise<string> {
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const id = (await officer.post('/api/items', { workflow: key, unitId, title, data: {} }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    // Offered (nobody holds it yet): the district's supervisors all read it.
    await peer.get(`/api/items/${id}`).expect(200);
    await holder.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    return id;
  }

  const listed = async (c: Client, key: string): Promise<{ items: Array<Record<string, unknown>>; heldCount?: number }> => (await c.get(`/api/items?workflow=${key}&limit=200`).expect(200)).body;

  it('by default a peer supervisor (the chair) and a peer officer do not see what a colleague holds; the holder, the submitter and the admin do', async () => {
    await publish('vis_default', {});
    const id = await claimedReview('vis_default', 'Mặc định');
    await peer.get(`/api/items/${id}`).expect(404);
    await peer.get(`/api/items/${id}/history`).expect(404);
    await peerOfficer.get(`/api/items/${id}`).expect(404);
    expect((await listed(peer, 'vis_default')).items.map((i) => i.id)).not.toContain(id);
    expect((await listed(peerOfficer, 'vis_default')).items.map((i) => i.id)).not.toContain(id);
    expect((await listed(peer, 'vis_default')).heldCount).toBe(0);
    await holder.get(`/api/items/${id}`).expect(200);
    await officer.get(`/api/items/${id}`).expect(200);
    await admin.get(`/api/items/${id}`).expect(200);
    expect((await listed(admin, 'vis_default')).items.find((i) => i.id === id)).toMatchObject({ id, stage: 'review' });
    // Once the holder decides, nobody holds it: the peer reads it again.
    await holder.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    await peer.get(`/api/items/${id}`).expect(200);
  });

  it('the workflow gives supervisors the titles and officers a count; a stage gives supervisors everything', async () => {
    await publish('vis_levels', { visibility: { supervisor: 'titles', officer: 'count' } });
    const id = await claimedReview('vis_levels', 'Theo tên');
    const peerList = await listed(peer, 'vis_levels');
    expect(peerList.items.find((i) => i.id === id)).toEqual({ id, title: 'Theo tên' });
    await peer.get(`/api/items/${id}`).expect(404);
    const officerList = await listed(peerOfficer, 'vis_levels');
    expect(officerList.items.map((i) => i.id)).not.toContain(id);
    expect(officerList.heldCount).toBe(1);
    await peerOfficer.get(`/api/items/${id}`).expect(404);

    await publish('vis_stage', { visibility: { supervisor: 'titles' }, reviewVisibility: { supervisor: 'all', admin: 'none' } });
    const id2 = await claimedReview('vis_stage', 'Toàn bộ');
    expect((await peer.get(`/api/items/${id2}`).expect(200)).body).toMatchObject({ id: id2, stage: 'review' });
    expect((await listed(peer, 'vis_stage')).items.find((i) => i.id === id2)).toMatchObject({ id: id2, stage: 'review' });
    // The stage lifted the administrators' default.
    await admin.get(`/api/items/${id2}`).expect(404);
    const row = (await t.dataSource.query(`SELECT held_visibility FROM work_item WHERE id = $1`, [id2]))[0] as { held_visibility: unknown };
    expect(row.held_visibility).toEqual({ supervisor: 'all' });
  });

  it('a definition naming the viewer role or an unknown level is refused with paths', async () => {
    const bad = {
      schemaVersion: 1,
      key: 'vis_bad',
      version: 1,
      name: { vi: 'Sai' },
      initialStage: 'draft',
      visibility: { viewer: 'all', officer: 'everything' },
      stages: { draft: { kind: 'final', outcome: 'completed', name: { vi: 'Xong' } } },
    };
    const res = await admin.post('/api/workflows/validate', { definition: bad });
    const problems = (res.body.problems ?? res.body.details?.problems ?? []) as Array<{ path: string }>;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['visibility.viewer', 'visibility.officer']));
  });
});
