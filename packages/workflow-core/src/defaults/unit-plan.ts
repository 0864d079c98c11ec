import type { WorkflowDefinition } from '../definition-types';

/** A grassroots union's implementation plan with its registered exemplary models. */
export const unitPlanDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'unit_plan',
  version: 1,
  name: { vi: 'Kế hoạch thực hiện và đăng ký mô hình', en: 'Unit plan and model registration' },
  initialStage: 'draft',
  viewerVisibility: 'count',
  stages: {
    draft: {
      kind: 'task',
      name: { vi: 'Xây dựng kế hoạch', en: 'Draft the plan' },
      actor: { role: 'officer', unit: { kind: 'own' } },
      allowsAmendWhileOpen: true,
      fields: [
        { name: 'goals', type: 'string', required: true, label: { vi: 'Mục tiêu', en: 'Goals' } },
        { name: 'measures', type: 'string', required: true, label: { vi: 'Giải pháp', en: 'Measures' } },
        {
          name: 'models',
          type: 'array',
          label: { vi: 'Mô hình điển hình đăng ký', en: 'Exemplary models' },
          items: {
            type: 'object',
            properties: [
              { name: 'name', type: 'string', required: true, label: { vi: 'Tên mô hình', en: 'Model name' } },
              { name: 'description', type: 'string', label: { vi: 'Mô tả', en: 'Description' } },
              { name: 'field', type: 'string', label: { vi: 'Lĩnh vực', en: 'Field' } },
            ],
          },
        },
        { name: 'timeline', type: 'string', required: true, label: { vi: 'Tiến độ', en: 'Timeline' } },
        { name: 'planType', type: 'enum', values: ['standard', 'sector'], label: { vi: 'Loại kế hoạch', en: 'Plan type' } },
      ],
      transitions: [
        { on: 'submit', target: 'review', label: { vi: 'Gửi duyệt', en: 'Submit' } },
        { on: 'cancel', target: 'cancelled', by: { role: 'supervisor', unit: { kind: 'parent' } } },
      ],
      deadline: { days: 14, calendar: 'working', reminders: [3], escalations: [{ afterDays: 0, action: 'notify' }] },
    },
    review: {
      kind: 'task',
      name: { vi: 'Công đoàn cấp trên duyệt', en: 'Review by the upper union' },
      actor: { role: 'supervisor', unit: { kind: 'parent' } },
      allowsAmendWhileOpen: true,
      requiresCommentOn: ['return', 'reject'],
      transitions: [
        { on: 'approve', target: 'second_review', guard: { op: '==', left: { field: 'data.planType' }, right: { const: 'sector' } }, label: { vi: 'Duyệt, trình cấp trên', en: 'Approve, send up' } },
        { on: 'approve', target: 'approved', label: { vi: 'Phê duyệt', en: 'Approve' } },
        { on: 'return', target: 'draft', label: { vi: 'Trả lại', en: 'Return' } },
        { on: 'reject', target: 'rejected', label: { vi: 'Từ chối', en: 'Reject' } },
        { on: 'withdraw', target: 'draft', by: 'submitter', label: { vi: 'Rút lại', en: 'Withdraw' } },
        { on: 'cancel', target: 'cancelled', by: { role: 'supervisor', unit: { kind: 'parent' } } },
      ],
      deadline: {
        days: 14,
        calendar: 'working',
        reminders: [3],
        escalations: [
          { afterDays: 0, action: 'notify' },
          { afterDays: 2, action: 'reassign_upward' },
        ],
      },
    },
    second_review: {
      kind: 'task',
      name: { vi: 'LĐLĐ tỉnh duyệt', en: 'Provincial review' },
      actor: { role: 'supervisor', unit: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } },
      distinctFrom: ['review'],
      requiresCommentOn: ['return'],
      transitions: [
        { on: 'approve', target: 'approved' },
        { on: 'return', target: 'draft' },
      ],
    },
    approved: { kind: 'final', outcome: 'approved', name: { vi: 'Đã duyệt', en: 'Approved' }, tags: ['campaign.plan_approved'] },
    rejected: { kind: 'final', outcome: 'rejected', name: { vi: 'Từ chối', en: 'Rejected' } },
    cancelled: { kind: 'final', outcome: 'cancelled', name: { vi: 'Đã huỷ', en: 'Cancelled' } },
  },
};
