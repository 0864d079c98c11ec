import type { WorkflowDefinition } from '../definition-types';

/** Inspection of a unit: scheduled and recorded by the supervising union, corrected by the unit, verified. */
export const inspectionDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'inspection',
  version: 1,
  name: { vi: 'Kiểm tra, giám sát', en: 'Inspection' },
  initialStage: 'schedule',
  viewerVisibility: 'none',
  separationOfDuties: { submitterCannotApprove: false },
  stages: {
    schedule: {
      kind: 'task',
      name: { vi: 'Lập lịch kiểm tra', en: 'Schedule the inspection' },
      actor: { role: 'supervisor', unit: { kind: 'parent' } },
      fields: [
        { name: 'scheduledDate', type: 'date', required: true, label: { vi: 'Ngày kiểm tra', en: 'Date' } },
        { name: 'scope', type: 'string', required: true, label: { vi: 'Nội dung kiểm tra', en: 'Scope' } },
      ],
      transitions: [
        { on: 'submit', target: 'findings' },
        { on: 'cancel', target: 'cancelled' },
      ],
    },
    findings: {
      kind: 'task',
      name: { vi: 'Ghi nhận kết quả (biên bản)', en: 'Record findings (minutes)' },
      actor: { role: 'supervisor', unit: { kind: 'parent' }, assignment: { mode: 'direct', person: { kind: 'same_as_stage', stage: 'schedule' } } },
      fields: [
        { name: 'minutesRef', type: 'string', required: true, label: { vi: 'Số biên bản', en: 'Minutes number' } },
        { name: 'negativeFindings', type: 'boolean', required: true, label: { vi: 'Có tồn tại, hạn chế', en: 'Shortcomings found' } },
        { name: 'findings', type: 'string', label: { vi: 'Kết luận', en: 'Findings' } },
      ],
      transitions: [
        { on: 'approve', target: 'corrective', guard: { op: '==', left: { field: 'data.negativeFindings' }, right: { const: true } }, label: { vi: 'Yêu cầu khắc phục', en: 'Require corrective action' } },
        { on: 'approve', target: 'closed', label: { vi: 'Kết thúc', en: 'Close' } },
      ],
    },
    corrective: {
      kind: 'task',
      name: { vi: 'Khắc phục tồn tại', en: 'Corrective action' },
      actor: { role: 'officer', unit: { kind: 'own' } },
      fields: [{ name: 'correctiveActions', type: 'string', required: true, label: { vi: 'Biện pháp khắc phục', en: 'Corrective actions' } }],
      transitions: [{ on: 'submit', target: 'verify' }],
      deadline: {
        days: 30,
        calendar: 'calendar',
        reminders: [5],
        escalations: [
          { afterDays: 0, action: 'notify' },
          { afterDays: 7, action: 'reassign_upward' },
        ],
      },
    },
    verify: {
      kind: 'task',
      name: { vi: 'Xác nhận khắc phục', en: 'Verify' },
      actor: { role: 'supervisor', unit: { kind: 'parent' } },
      requiresCommentOn: ['return'],
      transitions: [
        { on: 'approve', target: 'closed' },
        { on: 'return', target: 'corrective' },
      ],
    },
    closed: { kind: 'final', outcome: 'completed', name: { vi: 'Đã kết thúc', en: 'Closed' } },
    cancelled: { kind: 'final', outcome: 'cancelled', name: { vi: 'Đã huỷ', en: 'Cancelled' } },
  },
};
