import type { WorkflowDefinition } from '../definition-types';

const supervising = { kind: 'from_data' as const, field: 'supervisingUnitId' };

/**
 * Inspection of a unit: scheduled and recorded by the supervising union (the unit named in `supervisingUnitId`; a
 * campaign inspection may sample units deeper than its children), corrected by the unit by a due date (the item's
 * `correctiveDueDays`, else 30 days) with reminder and escalation on the runtime's timers, verified. The campaign
 * module finds the stages by their tags (`inspection.*`).
 */
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
      actor: { role: 'supervisor', unit: supervising },
      tags: ['inspection.scheduled'],
      fields: [
        { name: 'supervisingUnitId', type: 'string', required: true, label: { vi: 'Đơn vị kiểm tra', en: 'Inspecting unit' } },
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
      actor: { role: 'supervisor', unit: supervising, assignment: { mode: 'direct', person: { kind: 'same_as_stage', stage: 'schedule' } } },
      tags: ['inspection.findings'],
      fields: [
        { name: 'minutesRef', type: 'string', required: true, label: { vi: 'Biên bản kiểm tra', en: 'Minutes' } },
        { name: 'negativeFindings', type: 'boolean', required: true, label: { vi: 'Có tồn tại, hạn chế', en: 'Shortcomings found' } },
        { name: 'findings', type: 'string', label: { vi: 'Kết luận', en: 'Findings' } },
        {
          name: 'findingList',
          type: 'array',
          label: { vi: 'Các nội dung phát hiện', en: 'Findings, one by one' },
          items: { type: 'object', properties: [{ name: 'text', type: 'string', required: true }, { name: 'severity', type: 'enum', required: true, values: ['positive', 'negative'] }] },
        },
        { name: 'correctiveDueDays', type: 'integer', min: 1, max: 365, label: { vi: 'Thời hạn khắc phục (ngày)', en: 'Days to correct' } },
        { name: 'minutesAttachmentIds', type: 'array', items: { type: 'string' }, label: { vi: 'Tệp biên bản', en: 'Minutes files' } },
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
      tags: ['inspection.corrective'],
      fields: [
        { name: 'correctiveActions', type: 'string', required: true, label: { vi: 'Biện pháp khắc phục', en: 'Corrective actions' } },
        { name: 'correctiveAttachmentIds', type: 'array', items: { type: 'string' }, label: { vi: 'Tệp minh chứng', en: 'Evidence files' } },
      ],
      transitions: [{ on: 'submit', target: 'verify' }],
      deadline: {
        days: 30,
        daysField: 'correctiveDueDays',
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
      actor: { role: 'supervisor', unit: supervising },
      tags: ['inspection.verify'],
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
