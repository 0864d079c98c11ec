import { MAIL_TRANSPORT, type LogMailTransport } from '../../src/modules/notifications/mail-transport';
import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, waitFor } from '../workflow/workflow-test-kit';

/** Issue 16, line 7: e-mails say what happened to the item (returned with the reason, approved), with a link. */
describe('e-mails of an item', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp({ PUBLIC_URL: 'https://thidua.example.vn/' });
    await t.dataSource.query(`UPDATE app_user SET email = 'canbo.bvdk@example.test' WHERE username = 'canbo.yt-bvdk'`);
    await t.dataSource.query(`UPDATE app_user SET email = 'giamsat.yt@example.test' WHERE username = 'giamsat.yt'`);
  });
  afterAll(async () => t.close());

  it('the officer is told the plan was returned, why and by whom, then that it was approved; the supervisor that it waits; HTML and text with the link', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const mail = t.app.get<LogMailTransport>(MAIL_TRANSPORT, { strict: false });
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Kế hoạch thực hiện 2019 – BVĐK', data: PLAN_DATA }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    const waiting = await waitFor(async () => mail.sent.find((m) => m.to === 'giamsat.yt@example.test' && m.subject.includes('Kế hoạch thực hiện 2019')), 'mail to the supervisor');
    expect(waiting.text).toContain(`https://thidua.example.vn/items/${id}`);

    await supervisor.post(`/api/items/${id}/actions`, { action: 'return', comment: 'Bổ sung chỉ tiêu cụ thể về tỷ lệ đoàn viên tham gia' }).expect(200);
    const returned = await waitFor(async () => mail.sent.find((m) => m.to === 'canbo.bvdk@example.test' && m.subject.startsWith('Hồ sơ bị trả lại')), 'mail of the return');
    expect(returned.subject).toBe('Hồ sơ bị trả lại: Kế hoạch thực hiện 2019 – BVĐK');
    expect(returned.text).toContain('Trần Thị Lan (giả định) đã trả lại hồ sơ “Kế hoạch thực hiện 2019 – BVĐK” để chỉnh sửa, lý do: “Bổ sung chỉ tiêu cụ thể về tỷ lệ đoàn viên tham gia”.');
    expect(returned.text).toContain(`Xem hồ sơ: https://thidua.example.vn/items/${id}`);
    expect(returned.html).toContain(`<a href="https://thidua.example.vn/items/${id}"`);
    expect(returned.html).toContain('lý do: “Bổ sung chỉ tiêu cụ thể');

    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await supervisor.post(`/api/items/${id}/actions`, { action: 'approve', comment: 'Đồng ý' }).expect(200);
    const approved = await waitFor(async () => mail.sent.find((m) => m.to === 'canbo.bvdk@example.test' && m.subject.startsWith('Hồ sơ đã được phê duyệt')), 'mail of the approval');
    expect(approved.text).toContain('Trần Thị Lan (giả định) đã phê duyệt hồ sơ “Kế hoạch thực hiện 2019 – BVĐK”, ý kiến: “Đồng ý”.');
    expect(approved.html).toMatch(/^<!doctype html><html lang="vi">/);
  });
});
