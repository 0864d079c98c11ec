import type { WorkflowDefinition } from '../definition-types';

const pct = (name: string, vi: string, en: string) => ({ name, type: 'number' as const, required: true, min: 0, max: 100, label: { vi, en } });

/** Mid-term or final review: the unit reports indicator values, the parent accepts or returns. */
export const evaluationDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'evaluation',
  version: 1,
  name: { vi: 'Sơ kết, tổng kết', en: 'Evaluation' },
  initialStage: 'self_assessment',
  viewerVisibility: 'count',
  stages: {
    self_assessment: {
      kind: 'task',
      name: { vi: 'Báo cáo tự đánh giá', en: 'Self-assessment' },
      actor: { role: 'officer', unit: { kind: 'own' } },
      fields: [
        { name: 'period', type: 'enum', required: true, values: ['mid_term', 'final'], label: { vi: 'Kỳ', en: 'Period' } },
        pct('propagandaPct', 'Tỷ lệ CĐCS tuyên truyền (%)', 'Units that ran propaganda (%)'),
        pct('participationPct', 'Tỷ lệ đoàn viên tham gia (%)', 'Members taking part (%)'),
        pct('officeCulturePct', 'Tỷ lệ đơn vị có quy định văn hoá công sở (%)', 'Units with office-culture rules (%)'),
        pct('satisfactionPct', 'Người dân rất hài lòng (%)', 'Citizens very satisfied (%)'),
        { name: 'exemplaryModels', type: 'integer', required: true, min: 0, label: { vi: 'Số mô hình điển hình', en: 'Exemplary models' } },
      ],
      transitions: [{ on: 'submit', target: 'review' }],
      deadline: { days: 10, calendar: 'working', reminders: [2], escalations: [{ afterDays: 0, action: 'notify' }] },
    },
    review: {
      kind: 'task',
      name: { vi: 'Cấp trên xem xét', en: 'Parent review' },
      actor: { role: 'supervisor', unit: { kind: 'parent' } },
      hooks: [{ name: 'evaluation.record_submission', on: 'enter' }, { name: 'evaluation.record_review', on: 'leave' }],
      transitions: [
        { on: 'approve', target: 'done', label: { vi: 'Chấp nhận', en: 'Accept' } },
        { on: 'return', target: 'self_assessment', label: { vi: 'Trả lại', en: 'Return' } },
      ],
    },
    done: { kind: 'final', outcome: 'completed', name: { vi: 'Đã tiếp nhận', en: 'Accepted' } },
  },
};
