import { renderMail, type ItemMailFacts } from './mail-templates';

const facts = (f: Partial<ItemMailFacts>): ItemMailFacts => ({ title: 'Kế hoạch thực hiện phong trào – CĐCS Bệnh viện Đa khoa tỉnh', lastAction: null, lastComment: null, lastActorName: null, documentSymbol: null, documentDate: null, dueAt: null, ...f });
const link = 'https://thidua.example.vn/items/0d1c6f2e-1111-4222-8333-944455556666';

describe('e-mails of item notifications', () => {
  it('a returned item says so, with the reason, who returned it, the deadline and a link, in text and HTML', () => {
    const m = renderMail({ template: 'item.assigned', params: { title: 'x', stage: 'draft' }, recipientName: 'Mai Thị Uyên', link, facts: facts({ lastAction: 'return', lastComment: 'Bổ sung chỉ tiêu về tỷ lệ đoàn viên tham gia <98%>', lastActorName: 'Trần Thị Lan', dueAt: '2020-03-01T10:00:00Z' }) });
    expect(m.subject).toBe('Hồ sơ bị trả lại: Kế hoạch thực hiện phong trào – CĐCS Bệnh viện Đa khoa tỉnh');
    expect(m.text).toContain('Kính gửi Mai Thị Uyên,');
    expect(m.text).toContain('đã bị trả lại để chỉnh sửa (Trần Thị Lan).');
    expect(m.text).toContain('Lý do: Bổ sung chỉ tiêu về tỷ lệ đoàn viên tham gia <98%>');
    expect(m.text).toContain('Hạn xử lý: 01/03/2020 17:00.');
    expect(m.text).toContain(`Xem hồ sơ: ${link}`);
    expect(m.html).toContain(`<a href="${link}"`);
    expect(m.html).toContain('Lý do: Bổ sung chỉ tiêu về tỷ lệ đoàn viên tham gia &lt;98%&gt;');
    expect(m.html).not.toContain('<98%>');
  });

  it('an approved item, and a decided one with its number and date', () => {
    const approved = renderMail({ template: 'item.final', params: { outcome: 'approved' }, recipientName: null, link, facts: facts({ lastAction: 'approve', lastActorName: 'Trần Thị Lan' }) });
    expect(approved.subject).toBe('Hồ sơ đã được phê duyệt: Kế hoạch thực hiện phong trào – CĐCS Bệnh viện Đa khoa tỉnh');
    expect(approved.text).toContain('đã được phê duyệt (Trần Thị Lan).');
    const decided = renderMail({ template: 'item.final', params: { outcome: 'awarded' }, recipientName: null, link, facts: facts({ title: 'Đề nghị Bằng khen – Bà Mai Thị Uyên', lastAction: 'approve', documentSymbol: '05/QĐ-LĐLĐ', documentDate: '2022-12-28' }) });
    expect(decided.subject).toBe('Đã có văn bản số 05/QĐ-LĐLĐ: Đề nghị Bằng khen – Bà Mai Thị Uyên');
    expect(decided.text).toContain('đã có quyết định khen thưởng.');
    expect(decided.text).toContain('Văn bản số 05/QĐ-LĐLĐ ngày 28/12/2022.');
    const rejected = renderMail({ template: 'item.final', params: { outcome: 'rejected' }, recipientName: null, link, facts: facts({ lastAction: 'reject', lastComment: 'Không đủ tiêu chuẩn' }) });
    expect(rejected.text).toContain('không được chấp thuận');
    expect(rejected.text).toContain('Lý do: Không đủ tiêu chuẩn');
  });

  it('a new item waiting, and a deadline reminder, still carry the link', () => {
    const m = renderMail({ template: 'deadline.reminder', params: { title: 'Báo cáo sơ kết', dueAt: '2022-12-31T09:00:00Z' }, recipientName: null, link, facts: null });
    expect(m.subject).toBe('Sắp đến hạn: Báo cáo sơ kết');
    expect(m.text).toContain('Hạn xử lý: 31/12/2022 16:00.');
    expect(m.text).toContain(link);
  });
});
