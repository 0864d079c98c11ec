import { renderMail } from './mail-templates';
import { notificationKind, renderNotification } from './notification-templates';

const title = 'Kế hoạch thực hiện phong trào – CĐCS Bệnh viện Đa khoa tỉnh';
const link = 'https://thidua.example.vn/items/0d1c6f2e-1111-4222-8333-944455556666';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe('what a notification says (in-app sentence and e-mail)', () => {
  it('a return: who returned which item, and why, in vi and en; the e-mail opens with the same sentence, escaped in HTML', () => {
    const params = { title, event: 'return', actorName: 'Trần Thị Lan', comment: 'Bổ sung chỉ tiêu về tỷ lệ đoàn viên <98%>', dueAt: '2020-03-01T10:00:00Z', actorUserId: '0d1c6f2e-1111-4222-8333-944455556666' };
    const vi = renderNotification('item.assigned', params, 'vi');
    expect(vi).toBe(`Trần Thị Lan đã trả lại hồ sơ “${title}” để chỉnh sửa, lý do: “Bổ sung chỉ tiêu về tỷ lệ đoàn viên <98%>”.`);
    expect(renderNotification('item.assigned', params, 'en')).toBe(`Trần Thị Lan returned “${title}” for changes, reason: “Bổ sung chỉ tiêu về tỷ lệ đoàn viên <98%>”.`);
    expect(notificationKind('item.assigned', params)).toBe('returned');
    const m = renderMail({ template: 'item.assigned', params, recipientName: 'Mai Thị Uyên', link });
    expect(m.subject).toBe(`Hồ sơ bị trả lại: ${title}`);
    expect(m.text.split('\n').slice(0, 3)).toEqual(['Kính gửi Mai Thị Uyên,', '', vi]);
    expect(m.text).toContain('Hạn xử lý: 01/03/2020 17:00.');
    expect(m.text).toContain(`Xem hồ sơ: ${link}`);
    expect(m.html).toContain(`<a href="${link}"`);
    expect(m.html).toContain('&lt;98%&gt;');
    expect(m.html).not.toContain('<98%>');
    expect(vi).not.toMatch(UUID);
  });

  it('an approval names the approver and the outcome in words (no "(approved)"), a decision its document', () => {
    const approved = { title, event: 'approve', actorName: 'Trần Thị Lan', comment: 'Đồng ý', outcome: 'approved' };
    expect(renderNotification('item.final', approved, 'vi')).toBe(`Trần Thị Lan đã phê duyệt hồ sơ “${title}”, ý kiến: “Đồng ý”.`);
    expect(renderNotification('item.final', approved, 'en')).toBe(`Trần Thị Lan approved “${title}”, comment: “Đồng ý”.`);
    expect(renderMail({ template: 'item.final', params: approved, recipientName: null, link }).subject).toBe(`Hồ sơ đã được phê duyệt: ${title}`);
    const decided = { title: 'Đề nghị Bằng khen – Bà Mai Thị Uyên', event: 'approve', actorName: 'Nguyễn Văn Hùng', outcome: 'awarded', documentSymbol: '05/QĐ-LĐLĐ', documentDate: '2022-12-28' };
    expect(notificationKind('item.final', decided)).toBe('decision');
    expect(renderNotification('item.final', decided, 'vi')).toBe('Hồ sơ “Đề nghị Bằng khen – Bà Mai Thị Uyên” đã có quyết định khen thưởng, văn bản số 05/QĐ-LĐLĐ ngày 28/12/2022 (Nguyễn Văn Hùng).');
    expect(renderMail({ template: 'item.final', params: decided, recipientName: null, link }).subject).toBe('Đã có văn bản số 05/QĐ-LĐLĐ: Đề nghị Bằng khen – Bà Mai Thị Uyên');
    const rejected = { title, event: 'reject', actorName: 'Trần Thị Lan', comment: 'Không đủ tiêu chuẩn', outcome: 'rejected' };
    expect(renderNotification('item.final', rejected, 'vi')).toBe(`Trần Thị Lan đã không chấp thuận hồ sơ “${title}”, lý do: “Không đủ tiêu chuẩn”.`);
    for (const outcome of ['approved', 'rejected', 'awarded', 'decided', 'launched', 'closed', 'withdrawn', 'cancelled', 'completed']) {
      for (const lang of ['vi', 'en'] as const) expect(renderNotification('item.final', { title, outcome, actorName: 'A' }, lang)).not.toMatch(/\((approved|rejected|awarded|decided|launched|closed|withdrawn|cancelled|completed)\)|item\.final/);
    }
  });

  it('submitted, offered, handed over, reassigned, rerouted, ballot, escalated and deadlines: each one sentence with the title and who', () => {
    const base = { title: 'Báo cáo sơ kết', actorName: 'Lê Văn Nam', dueAt: '2022-12-31T09:00:00Z' };
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['item.assigned', { ...base, event: 'submit' }, 'Lê Văn Nam đã gửi hồ sơ “Báo cáo sơ kết”; hồ sơ đang chờ bạn xử lý.', 'waiting'],
      ['item.assigned', { ...base, event: 'approve' }, 'Lê Văn Nam đã duyệt hồ sơ “Báo cáo sơ kết” và chuyển đến bạn xử lý.', 'waiting'],
      ['item.assigned', { ...base, event: 'approve', ballot: true }, 'Lê Văn Nam đã mở biểu quyết về “Báo cáo sơ kết”; mời bạn bỏ phiếu.', 'ballot'],
      ['item.offered', { ...base, event: 'release' }, 'Lê Văn Nam đã trả hồ sơ “Báo cáo sơ kết” về nhóm xử lý; hồ sơ đang chờ người nhận.', 'waiting'],
      ['item.handed_over', { ...base, event: 'handover', comment: 'Nghỉ phép' }, 'Lê Văn Nam đã bàn giao hồ sơ “Báo cáo sơ kết” cho bạn, ý kiến: “Nghỉ phép”.', 'handover'],
      ['item.reassigned', { ...base, event: 'reassign' }, 'Lê Văn Nam đã giao lại hồ sơ “Báo cáo sơ kết” cho bạn.', 'handover'],
      ['item.assigned', { ...base, event: 'reorganised', rerouted: true }, 'Hồ sơ “Báo cáo sơ kết” được chuyển đến bạn do sắp xếp lại tổ chức (Lê Văn Nam).', 'handover'],
      ['item.escalated', { title: 'Báo cáo sơ kết', event: 'timer.fired', dueAt: base.dueAt }, 'Hồ sơ “Báo cáo sơ kết” đã quá hạn ở cấp dưới nên hệ thống chuyển lên bạn xử lý (hạn 31/12/2022 16:00).', 'deadline'],
      ['deadline.reminder', { title: 'Báo cáo sơ kết', event: 'timer.fired', dueAt: base.dueAt }, 'Hồ sơ “Báo cáo sơ kết” sắp đến hạn xử lý (hạn 31/12/2022 16:00).', 'deadline'],
      ['deadline.overdue', { title: 'Báo cáo sơ kết', event: 'timer.fired', dueAt: base.dueAt }, 'Hồ sơ “Báo cáo sơ kết” đã quá hạn xử lý (hạn 31/12/2022 16:00).', 'deadline'],
      ['deadline.escalated', { title: 'Báo cáo sơ kết', event: 'timer.fired', dueAt: base.dueAt }, 'Hồ sơ “Báo cáo sơ kết” của đơn vị cấp dưới đã quá hạn xử lý (hạn 31/12/2022 16:00).', 'deadline'],
    ];
    for (const [template, params, vi, kind] of cases) {
      expect(renderNotification(template, params, 'vi')).toBe(vi);
      expect(notificationKind(template, params)).toBe(kind);
      const en = renderNotification(template, params, 'en');
      expect(en).toContain('Báo cáo sơ kết');
      expect(en).not.toMatch(/ đã | hồ sơ /);
      const m = renderMail({ template, params, recipientName: null, link });
      expect(m.text).toContain(vi);
      expect(m.text).toContain(link);
    }
  });
});
