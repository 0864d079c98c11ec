import { launchDefinition } from '@thidua/workflow-core';
import { campaignStatusOf, submissionFromHistory, type ProjectionEvent } from './campaign-projections';
import { evaluationDefinitionFor } from './evaluation-definition';

const indicators = [{ key: 'models_registered', name: 'Số mô hình', type: 'count' as const, rollup: 'sum' as const }];
const def = evaluationDefinitionFor({ code: 'X', title: 'X', indicators });
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const ev = (v: number, from: string | null, to: string, actor: string | null, extra: Partial<ProjectionEvent> = {}): ProjectionEvent => ({ itemVersion: v, occurredAt: at(v), actorUserId: actor, fromStage: from, toStage: to, comment: null, changes: {}, ...extra });

describe('campaign projections (pure)', () => {
  it('reads the campaign status from the hooks of the stage the launch item stands at, whatever the stage is called', () => {
    expect(campaignStatusOf(launchDefinition, { stage: 'draft', status: 'active', outcome: null })).toBe('draft');
    expect(campaignStatusOf(launchDefinition, { stage: 'approval', status: 'active', outcome: null })).toBe('awaiting_approval');
    expect(campaignStatusOf(launchDefinition, { stage: 'cascade', status: 'active', outcome: null })).toBe('launched');
    expect(campaignStatusOf(launchDefinition, { stage: 'completed', status: 'final', outcome: 'completed' })).toBe('launched');
    expect(campaignStatusOf(launchDefinition, { stage: 'rejected', status: 'final', outcome: 'rejected' })).toBe('cancelled');
    expect(campaignStatusOf(launchDefinition, { stage: 'cascade', status: 'final', outcome: 'cancelled' })).toBe('cancelled');
    const renamed = structuredClone(launchDefinition);
    renamed.stages.committee = renamed.stages.approval;
    delete (renamed.stages as Record<string, unknown>).approval;
    expect(campaignStatusOf(renamed, { stage: 'committee', status: 'active', outcome: null })).toBe('awaiting_approval');
  });

  it('replays an evaluation history: submitted with the values then, returned with the comment, resubmitted, accepted', () => {
    const data = { milestoneId: 'm', models_registered: 3, selfAssessment: null };
    const events = [
      ev(1, null, 'self_assessment', null),
      ev(2, 'self_assessment', 'review', 'off', { changes: { models_registered: { from: null, to: 2 } } }),
      ev(3, 'review', 'self_assessment', 'sup', { comment: 'Kiểm tra lại' }),
    ];
    expect(submissionFromHistory(def, indicators, { ...data, models_registered: 2 }, events.slice(0, 2))).toMatchObject({ status: 'submitted', values: { models_registered: 2 }, scaled: { models_registered: 2 }, submittedByUserId: 'off', version: 1 });
    expect(submissionFromHistory(def, indicators, { ...data, models_registered: 2 }, events)).toMatchObject({ status: 'returned', reviewComment: 'Kiểm tra lại', reviewedByUserId: 'sup', version: 2 });
    const all = [...events, ev(4, 'self_assessment', 'review', 'off', { changes: { models_registered: { from: 2, to: 3 } } }), ev(5, 'review', 'done', 'sup')];
    expect(submissionFromHistory(def, indicators, data, all)).toMatchObject({ status: 'accepted', values: { models_registered: 3 }, reviewComment: null, submittedAt: at(4), reviewedAt: at(5), version: 4 });
    // The values are those of the submission, not a later draft.
    expect(submissionFromHistory(def, indicators, { ...data, models_registered: 9 }, [...events, ev(4, 'self_assessment', 'self_assessment', 'off', { changes: { models_registered: { from: 2, to: 9 } } })])).toMatchObject({ status: 'returned', values: { models_registered: 2 } });
    expect(submissionFromHistory(def, indicators, data, events.slice(0, 1))).toBeNull();
  });
});
