import type { IndicatorSpec } from '@thidua/contracts';
import type { FieldSpec, WorkflowDefinition } from '@thidua/workflow-core';

/** The workflow key of a campaign's evaluation items: `evaluation_<code>` in snake case. */
export function evaluationKey(code: string): string {
  return `evaluation_${code.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
}

function indicatorField(i: IndicatorSpec): FieldSpec {
  const label = { vi: i.name };
  switch (i.type) {
    case 'boolean':
      return { name: i.key, type: 'boolean', label };
    case 'percent':
      return { name: i.key, type: 'number', min: i.min ?? 0, max: i.max ?? 100, label };
    case 'count':
      return { name: i.key, type: 'integer', min: i.min ?? 0, ...(i.max !== undefined ? { max: i.max } : {}), label };
    default:
      return { name: i.key, type: 'number', ...(i.min !== undefined ? { min: i.min } : {}), ...(i.max !== undefined ? { max: i.max } : {}), label };
  }
}

/**
 * A campaign's evaluation workflow: the shipped `evaluation` (self-assessment by the unit's officer →
 * review by the parent's supervisor, accept or return), with the campaign's own indicators as the
 * fields, so an item's data IS the unit's indicator values (the engine checks type and range; the
 * campaigns module also checks decimals and unknown keys). `milestoneId` is a data field set at
 * creation. Published once per campaign (key `evaluation_<code>`).
 */
export function evaluationDefinitionFor(c: { code: string; title: string; indicators: IndicatorSpec[] }): WorkflowDefinition {
  return {
    schemaVersion: 1,
    key: evaluationKey(c.code),
    version: 1,
    name: { vi: `Sơ kết, tổng kết: ${c.title}`.slice(0, 200), en: `Evaluation: ${c.code}` },
    initialStage: 'self_assessment',
    viewerVisibility: 'count',
    dataFields: [{ name: 'milestoneId', type: 'string', label: { vi: 'Đợt sơ kết, tổng kết', en: 'Milestone' } }],
    stages: {
      self_assessment: {
        kind: 'task',
        name: { vi: 'Báo cáo số liệu chỉ tiêu', en: 'Indicator values' },
        actor: { role: 'officer', unit: { kind: 'own' } },
        fields: [...c.indicators.map(indicatorField), { name: 'selfAssessment', type: 'string', max: 20000, label: { vi: 'Tự đánh giá', en: 'Self-assessment' } }],
        transitions: [{ on: 'submit', target: 'review', label: { vi: 'Gửi báo cáo', en: 'Submit' } }],
        deadline: { days: 10, calendar: 'working', reminders: [2], escalations: [{ afterDays: 0, action: 'notify' }] },
      },
      review: {
        kind: 'task',
        name: { vi: 'Cấp trên xem xét', en: 'Parent review' },
        actor: { role: 'supervisor', unit: { kind: 'parent' } },
        // The campaign's submission row (what roll-ups read) follows the item: written by these hooks.
        hooks: [{ name: 'evaluation.record_submission', on: 'enter' }, { name: 'evaluation.record_review', on: 'leave' }],
        requiresCommentOn: ['return'],
        transitions: [
          { on: 'approve', target: 'done', label: { vi: 'Chấp nhận', en: 'Accept' } },
          { on: 'return', target: 'self_assessment', label: { vi: 'Trả lại', en: 'Return' } },
        ],
        deadline: { days: 10, calendar: 'working', reminders: [2], escalations: [{ afterDays: 0, action: 'notify' }] },
      },
      done: { kind: 'final', outcome: 'completed', name: { vi: 'Đã tiếp nhận', en: 'Accepted' } },
    },
  };
}
