import { HELP_TEMPLATES } from './help-templates';
import { notificationKind, notificationSubject, renderNotification } from './notification-templates';

describe('help and co-sign notifications: one sentence in vi and en', () => {
  const params = { title: 'Kế hoạch 2026', actorName: 'Lê Y Tế', text: 'Xem giúp chỉ tiêu', stageName: 'Thẩm định', stageNameEn: 'Appraisal', event: 'cosign.requested' };

  it('names who, which item, the stage and the text; ends with a full stop; kind help', () => {
    expect(renderNotification('cosign.requested', params, 'vi')).toBe('Lê Y Tế đề nghị bạn đồng ký hồ sơ “Kế hoạch 2026” ở bước Thẩm định: “Xem giúp chỉ tiêu”.');
    expect(renderNotification('cosign.requested', params, 'en')).toBe('Lê Y Tế asked you to co-sign “Kế hoạch 2026” at Appraisal: “Xem giúp chỉ tiêu”.');
    expect(notificationKind('cosign.requested', params)).toBe('help');
    expect(notificationSubject('cosign.requested', params)).toBe('Đồng ký hồ sơ: Kế hoạch 2026');
  });

  it('every template renders in both languages with no placeholder left and one sentence', () => {
    for (const template of Object.keys(HELP_TEMPLATES)) {
      for (const lang of ['vi', 'en'] as const) {
        const s = renderNotification(template, params, lang);
        expect(s).not.toMatch(/[{}]/);
        expect(s).toContain('Kế hoạch 2026');
        expect(s.match(/[.!?]$/g)).toHaveLength(1);
      }
    }
    expect(renderNotification('help.replied', { ...params, actorName: undefined }, 'vi')).toMatch(/^Đồng nghiệp đã trả lời/);
  });
});
