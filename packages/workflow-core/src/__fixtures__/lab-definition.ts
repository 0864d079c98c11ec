import type { WorkflowDefinition } from '../definition-types';

/** A definition exercising every stage kind and engine feature. */
export const labDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'lab',
  version: 1,
  name: { vi: 'Thử nghiệm' },
  initialStage: 'draft',
  dataFields: [{ name: 'reviewer', type: 'string' }],
  privileges: { skip: ['admin', 'supervisor'] },
  stages: {
    draft: {
      kind: 'task',
      name: { vi: 'Soạn' },
      actor: { role: 'officer', unit: { kind: 'own' } },
      fields: [{ name: 'score', type: 'integer', required: true, min: 0, max: 10 }],
      transitions: [
        { on: 'submit', target: 'check', guard: { op: '>=', left: { field: 'data.score' }, right: { const: 5 } } },
        { on: 'cancel', target: 'cancelled' },
      ],
    },
    check: {
      kind: 'task',
      name: { vi: 'Kiểm tra' },
      actor: { role: 'supervisor', unit: { kind: 'parent' } },
      requiresCommentOn: ['reject'],
      transitions: [
        { on: 'approve', target: 'pause' },
        { on: 'return', target: 'draft' },
        { on: 'reject', target: 'rejected' },
        { on: 'withdraw', target: 'draft', by: 'submitter' },
      ],
      deadline: { days: 2, calendar: 'working', escalations: [{ afterDays: 1, action: 'auto_return' }] },
    },
    pause: { kind: 'wait', name: { vi: 'Chờ' }, wait: { days: 3, calendar: 'calendar', target: 'ballot' } },
    ballot: {
      kind: 'vote',
      name: { vi: 'Biểu quyết' },
      vote: { voters: { role: 'council_member', unit: { kind: 'fixed', unitCode: 'LDLD-NT' } }, quorum: 0.5, passRatio: 0.5, ballot: 'open', tie: 'chair_decides' },
      outcomes: { passed: 'sign', failed: 'rejected', no_quorum: 'check' },
    },
    sign: {
      kind: 'task',
      name: { vi: 'Ký' },
      actor: { role: 'supervisor', unit: { kind: 'ancestor_of_kind', unitKind: 'province_federation' }, assignment: { mode: 'direct', person: { kind: 'from_data', field: 'reviewer' } } },
      distinctFrom: ['check'],
      transitions: [
        { on: 'approve', target: 'done' },
        { on: 'return', target: 'check' },
      ],
      deadline: { days: 1, calendar: 'calendar', escalations: [{ afterDays: 0, action: 'auto_approve' }] },
    },
    done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
    rejected: { kind: 'final', outcome: 'rejected', name: { vi: 'Từ chối' } },
    cancelled: { kind: 'final', outcome: 'cancelled', name: { vi: 'Huỷ' } },
  },
};
