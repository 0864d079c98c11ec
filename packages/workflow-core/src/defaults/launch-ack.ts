import type { WorkflowDefinition } from '../definition-types';

/** An upper-level union acknowledges the launch (optionally with its own guidance), then cascades unit plans. */
export const launchAckDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'launch_ack',
  version: 1,
  name: { vi: 'Tiếp nhận phát động', en: 'Launch acknowledgement' },
  initialStage: 'acknowledge',
  viewerVisibility: 'count',
  stages: {
    acknowledge: {
      kind: 'task',
      name: { vi: 'Tiếp nhận và hướng dẫn', en: 'Acknowledge and issue guidance' },
      actor: { role: 'supervisor', unit: { kind: 'own' } },
      fields: [
        { name: 'guidanceRef', type: 'string', label: { vi: 'Số hướng dẫn', en: 'Guidance number' } },
        { name: 'guidanceNote', type: 'string', max: 5000, label: { vi: 'Nội dung hướng dẫn', en: 'Guidance' } },
      ],
      transitions: [
        { on: 'acknowledge', target: 'cascade', label: { vi: 'Tiếp nhận', en: 'Acknowledge' } },
        { on: 'cancel', target: 'cancelled', by: { role: 'supervisor', unit: { kind: 'parent' } } },
      ],
      deadline: { days: 7, calendar: 'working', reminders: [2], escalations: [{ afterDays: 0, action: 'notify' }] },
    },
    cascade: {
      kind: 'fanout',
      name: { vi: 'Triển khai tới công đoàn cơ sở', en: 'Cascade to grassroots unions' },
      fanout: {
        childWorkflow: 'unit_plan',
        children: { kind: 'children_of_kind', unitKind: 'grassroots_union' },
        join: { kind: 'all' },
        onJoin: 'leave_open',
        lateSubmissions: true,
        movedOut: 'cancel',
        next: 'completed',
      },
      transitions: [
        { on: 'close', target: 'completed', by: { role: 'supervisor', unit: { kind: 'own' } } },
        { on: 'cancel', target: 'cancelled', by: { role: 'supervisor', unit: { kind: 'parent' } } },
      ],
    },
    completed: { kind: 'final', outcome: 'completed', name: { vi: 'Hoàn thành', en: 'Completed' } },
    cancelled: { kind: 'final', outcome: 'cancelled', name: { vi: 'Đã huỷ', en: 'Cancelled' } },
  },
};
