import type { WorkflowDefinition } from '../definition-types';

/** Launch of a campaign: the province drafts the plan, its standing committee approves, KH number, cascade to upper unions. */
export const launchDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'launch',
  version: 1,
  name: { vi: 'Phát động phong trào thi đua', en: 'Campaign launch' },
  initialStage: 'draft',
  viewerVisibility: 'titles',
  stages: {
    draft: {
      kind: 'task',
      name: { vi: 'Soạn kế hoạch phát động', en: 'Draft the campaign plan' },
      actor: { role: 'officer', unit: { kind: 'own' } },
      hooks: [{ name: 'campaign.plan_drafting', on: 'enter' }],
      fields: [
        { name: 'title', type: 'string', required: true, min: 5, max: 500, label: { vi: 'Tên phong trào', en: 'Campaign title' } },
        { name: 'goals', type: 'string', required: true, label: { vi: 'Mục tiêu', en: 'Goals' } },
        { name: 'criteria', type: 'string', required: true, label: { vi: 'Tiêu chí', en: 'Criteria' } },
        { name: 'startDate', type: 'date', required: true, label: { vi: 'Ngày bắt đầu', en: 'Start date' } },
        { name: 'endDate', type: 'date', required: true, label: { vi: 'Ngày kết thúc', en: 'End date' } },
      ],
      transitions: [
        { on: 'submit', target: 'approval', label: { vi: 'Trình duyệt', en: 'Submit' } },
        { on: 'cancel', target: 'cancelled', label: { vi: 'Huỷ', en: 'Cancel' } },
      ],
    },
    approval: {
      kind: 'task',
      name: { vi: 'Ban Thường vụ phê duyệt', en: 'Standing committee approval' },
      actor: { role: 'supervisor', unit: { kind: 'own' } },
      hooks: [{ name: 'campaign.plan_submitted', on: 'enter' }],
      requiresCommentOn: ['return', 'reject'],
      transitions: [
        { on: 'approve', target: 'cascade', label: { vi: 'Phê duyệt', en: 'Approve' } },
        { on: 'return', target: 'draft', label: { vi: 'Trả lại', en: 'Return' } },
        { on: 'reject', target: 'rejected', label: { vi: 'Từ chối', en: 'Reject' } },
        { on: 'withdraw', target: 'draft', by: 'submitter', label: { vi: 'Rút lại', en: 'Withdraw' } },
      ],
      deadline: { days: 5, calendar: 'working', reminders: [1], escalations: [{ afterDays: 0, action: 'notify' }] },
    },
    cascade: {
      kind: 'fanout',
      name: { vi: 'Ban hành và triển khai xuống công đoàn cấp trên cơ sở', en: 'Issue and cascade to upper-level unions' },
      documentNumber: { docType: 'KH' },
      hooks: [{ name: 'campaign.launched', on: 'enter' }],
      fanout: {
        childWorkflow: 'launch_ack',
        children: { kind: 'children_of_kind', unitKind: 'upper_union' },
        join: { kind: 'share', share: 0.8 },
        onJoin: 'leave_open',
        lateSubmissions: true,
        movedOut: 'carry_over',
        next: 'completed',
      },
      transitions: [
        { on: 'close', target: 'completed', by: { role: 'supervisor', unit: { kind: 'own' } }, label: { vi: 'Kết thúc sớm', en: 'Close early' } },
        { on: 'cancel', target: 'cancelled', by: { role: 'supervisor', unit: { kind: 'own' } }, label: { vi: 'Huỷ phong trào', en: 'Cancel campaign' } },
      ],
    },
    completed: { kind: 'final', outcome: 'completed', name: { vi: 'Đã triển khai', en: 'Implemented' }, hooks: [{ name: 'campaign.launched', on: 'enter' }] },
    rejected: { kind: 'final', outcome: 'rejected', name: { vi: 'Không phê duyệt', en: 'Rejected' }, hooks: [{ name: 'campaign.launch_ended', on: 'enter' }] },
    cancelled: { kind: 'final', outcome: 'cancelled', name: { vi: 'Đã huỷ', en: 'Cancelled' }, hooks: [{ name: 'campaign.launch_ended', on: 'enter' }] },
  },
};
