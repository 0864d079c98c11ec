import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode } from './workflow-test-kit';

async function fullName(t: TestApp, username: string): Promise<string> {
  const rows: Array<{ fullName: string }> = await t.dataSource.query(`SELECT full_name AS "fullName" FROM app_user WHERE username = $1`, [username]);
  return rows[0].fullName;
}

describe('item history and view: numeric order, names, the workflow vote', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('orders the history by event id as a number, across a power of ten (regression: "10" sorted before "9")', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Thứ tự lịch sử', data: PLAN_DATA }).expect(201)).body.id as string;
    // Move the id sequence just below the next power of ten, so the next events get ids of one digit more.
    const [{ max }]: Array<{ max: string }> = await t.dataSource.query(`SELECT max(id)::text AS max FROM work_item_event`);
    let boundary = 10 ** max.length;
    if (boundary - Number(max) < 4) boundary *= 10;
    await t.dataSource.query(`SELECT setval(pg_get_serial_sequence('work_item_event', 'id'), $1::bigint)`, [boundary - 2]);
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await supervisor.post(`/api/items/${id}/actions`, { action: 'return', comment: 'Bổ sung số liệu' }).expect(200);
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await supervisor.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);

    const history: Array<{ id: string; event: string; itemVersion: number }> = (await officer.get(`/api/items/${id}/history`).expect(200)).body;
    expect(history.map((e) => e.event)).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    expect(history.map((e) => e.itemVersion)).toEqual([1, 2, 3, 4, 5]);
    const ids = history.map((e) => BigInt(e.id));
    expect(ids.some((x) => x < BigInt(boundary)) && ids.some((x) => x >= BigInt(boundary))).toBe(true);
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
  });

  it('names the actor in every event, and the system as null', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Tên người làm', data: PLAN_DATA }).expect(201)).body.id as string;
    const history = (await officer.get(`/api/items/${id}/history`).expect(200)).body;
    expect(history[0]).toMatchObject({ event: 'create', actorUserId: officer.userId, actorName: await fullName(t, 'canbo.yt-bvdk'), onBehalfOfUserId: null, onBehalfOfName: null });
  });

  it('accepts the fields of the current stage with its action (not an amendment), and refuses other fields there', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const upper = await signIn(t.app, 'giamsat.yt');
    const secretary = await signIn(t.app, 'tdkt.tinh');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const data = { nomineeType: 'individual', nomineeName: 'Trần Thị B', awardForm: 'bang_khen_ldld', awardLevel: 'bang_khen_province', achievementReport: 'Báo cáo', reviewMinutesRef: 'BB-02' };
    const id = (await officer.post('/api/items', { workflow: 'commendation', unitId, title: 'Đề nghị khen thưởng 2', data }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await upper.post(`/api/items/${id}/actions`, { action: 'forward' }).expect(200);
    // At the department's appraisal, changing the nominee is an amendment this stage does not accept...
    await secretary.post(`/api/items/${id}/actions`, { action: 'forward', data: { nomineeName: 'Người khác' } }).expect(422);
    // ...while its own notes come with its action.
    const forwarded = (await secretary.post(`/api/items/${id}/actions`, { action: 'forward', data: { appraisalNotes: 'Đủ điều kiện' } }).expect(200)).body;
    expect(forwarded).toMatchObject({ stage: 'council_vote', data: expect.objectContaining({ appraisalNotes: 'Đủ điều kiện', nomineeName: 'Trần Thị B' }) });
  });

  it('shows the vote at a vote stage without a tally while open, and the counts (never choices) once closed', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const upper = await signIn(t.app, 'giamsat.yt');
    const secretary = await signIn(t.app, 'tdkt.tinh');
    const member = await signIn(t.app, 'hoidong1');
    const other = await signIn(t.app, 'hoidong2');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const data = { nomineeType: 'individual', nomineeName: 'Nguyễn Văn A', awardForm: 'bang_khen_ldld', awardLevel: 'bang_khen_province', achievementReport: 'Báo cáo', reviewMinutesRef: 'BB-01', appraisalNotes: 'Đủ điều kiện' };
    const created = (await officer.post('/api/items', { workflow: 'commendation', unitId, title: 'Đề nghị khen thưởng', data }).expect(201)).body;
    expect(created.vote).toBeNull();
    const id = created.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await upper.post(`/api/items/${id}/actions`, { action: 'forward' }).expect(200);
    const atVote = (await secretary.post(`/api/items/${id}/actions`, { action: 'forward' }).expect(200)).body;
    expect(atVote.stage).toBe('council_vote');
    const [{ n }]: Array<{ n: string }> = await t.dataSource.query(
      `SELECT count(DISTINCT ra.user_id) AS n FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id WHERE u.code = 'LDLD-NT' AND ra.role = 'council_member' AND ra.valid_to IS NULL`,
    );
    const eligible = Number(n);
    expect(eligible).toBeGreaterThanOrEqual(5);

    expect((await member.get(`/api/items/${id}`).expect(200)).body.vote).toEqual({
      stage: 'council_vote', status: 'open', ballot: 'secret', eligible, cast: 0, hasVoted: false, tally: null, outcome: null,
    });
    // Only the deciding unit's voters, its secretary and supervisors over it read the ballot: the nominating
    // officer and the sector supervisor below the council see the item without it.
    expect((await secretary.get(`/api/items/${id}`).expect(200)).body.vote).toMatchObject({ status: 'open', cast: 0, tally: null });
    expect((await officer.get(`/api/items/${id}`).expect(200)).body.vote).toBeNull();
    expect((await upper.get(`/api/items/${id}`).expect(200)).body.vote).toBeNull();
    const voted = (await member.post(`/api/items/${id}/actions`, { action: 'vote', choice: 'yes' }).expect(200)).body;
    expect(voted.vote).toMatchObject({ status: 'open', cast: 1, hasVoted: true, tally: null });
    expect((await other.get(`/api/items/${id}`).expect(200)).body.vote).toMatchObject({ status: 'open', cast: 1, hasVoted: false, tally: null });
    expect((await secretary.get(`/api/items/${id}`).expect(200)).body.vote).toMatchObject({ status: 'open', cast: 1, tally: null });
    expect((await officer.get(`/api/items/${id}`).expect(200)).body.vote).toBeNull();
    const officerOpenHistory = (await officer.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string }>;
    expect(officerOpenHistory.some((e) => e.event === 'vote.cast')).toBe(false);

    // One of five is no quorum: back to the appraisal, with the closed vote's counts.
    const closed = (await secretary.post(`/api/items/${id}/actions`, { action: 'close_vote' }).expect(200)).body;
    expect(closed.stage).toBe('dept_appraisal');
    expect(closed.vote).toEqual({
      stage: 'council_vote', status: 'closed', ballot: 'secret', eligible, cast: 1, hasVoted: false, tally: { yes: 1, no: 0, abstain: 0 }, outcome: 'no_quorum',
    });
    expect((await member.get(`/api/items/${id}`).expect(200)).body.vote).toMatchObject({ status: 'closed', hasVoted: true, tally: { yes: 1, no: 0, abstain: 0 } });
    // The history keeps who voted, never what.
    const history = (await member.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string; actorName: string | null; details: unknown; changes: unknown }>;
    const cast = history.find((e) => e.event === 'vote.cast');
    expect(cast?.actorName).toBe(await fullName(t, 'hoidong1'));
    expect(JSON.stringify(cast)).not.toContain('"yes"');
    expect((await secretary.get(`/api/items/${id}`).expect(200)).body.vote).toMatchObject({ status: 'closed', tally: { yes: 1, no: 0, abstain: 0 } });
    // After close the nominating officer learns the outcome from the item's stage, never the counts or who voted.
    const seenByOfficer = (await officer.get(`/api/items/${id}`).expect(200)).body;
    expect(seenByOfficer).toMatchObject({ stage: 'dept_appraisal', vote: null });
    expect((await upper.get(`/api/items/${id}`).expect(200)).body.vote).toBeNull();
    const officerHistory = (await officer.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string; details: unknown }>;
    expect(officerHistory.some((e) => e.event === 'vote.cast')).toBe(false);
    expect(JSON.stringify(officerHistory)).not.toMatch(/"(yes|no|abstain|tally|cast|eligible)"/);

    // A unit plan never holds a vote.
    const plan = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Không bỏ phiếu', data: PLAN_DATA }).expect(201)).body;
    expect(plan.vote).toBeNull();
  });
});
