import { describe, expect, it } from 'vitest';
import { unitPlanDefinition, validateData } from '@thidua/workflow-core';
import type { WorkItemEventView, WorkItemView } from '@thidua/contracts';
import { formPath, toData, validateFields } from './field-schema';
import { allowedActions, holdsRoleCovering, lastReturn, mayEditFields } from './item-actions';
import { sortEvents } from './items.api';
import { fileNameFromDisposition } from '../../api/file-transfer';

const fields = unitPlanDefinition.stages.draft!.fields!;

describe('generated forms', () => {
  it('find the same problems as workflow-core, path for path', () => {
    const samples: Array<Record<string, unknown>> = [
      {},
      { goals: 'G', measures: '', timeline: 'T', planType: 'other' },
      { goals: 'G', measures: 'M', timeline: 'T', models: [{ description: 'no name' }] },
      { goals: 'G', measures: 'M', timeline: 'T', models: [{ name: 'Mô hình' }], planType: 'sector' },
    ];
    for (const data of samples) {
      const ours = validateFields(fields, data).map((p) => `${p.path}:${p.code}`);
      const core = validateData(fields, data as never).map((p) => `${p.path}:${p.code}`);
      expect(ours).toEqual(core);
    }
  });

  it('turn typed text into data: numbers, enum values, empty entries dropped', () => {
    const spec = [
      { name: 'count', type: 'integer' as const },
      { name: 'share', type: 'number' as const },
      { name: 'kind', type: 'enum' as const, values: [1, 2] },
      { name: 'note', type: 'string' as const },
      { name: 'list', type: 'array' as const, items: { type: 'object' as const, properties: [{ name: 'name', type: 'string' as const }] } },
    ];
    expect(toData(spec, { count: '12', share: '98,5', kind: '2', note: '  ', list: [{ name: '' }, { name: 'A' }] })).toEqual({
      count: 12,
      share: 98.5,
      kind: 2,
      list: [{ name: 'A' }],
    });
    expect(toData(spec, { count: 'mười' })).toEqual({ count: 'mười' });
    expect(validateFields(spec, { count: 1.5 })[0]?.code).toBe('invalid_integer');
  });

  it('map server field paths onto form paths', () => {
    expect(formPath('data.models[0].name')).toBe('models[0].name');
    expect(formPath('body.data.goals')).toBe('goals');
  });
});

const me = { id: 'u-officer', roles: [{ role: 'officer' as const, unitId: 'cdcs', unitCode: 'C', unitName: 'CĐCS', onBehalfOf: null, workflows: null }] };
const supervisor = { id: 'u-sup', roles: [{ role: 'supervisor' as const, unitId: 'province', unitCode: 'P', unitName: 'LĐLĐ', onBehalfOf: null, workflows: null }] };

function item(stage: string, assignmentUnit: string, role: 'officer' | 'supervisor', submitterId: string | null = 'u-officer'): WorkItemView {
  return {
    id: 'i1', workflow: 'unit_plan', workflowVersion: 1, definitionId: 'd1', title: 'KH', unitId: 'cdcs', unitPath: '/1/2/3/', campaignId: null,
    parentItemId: null, stage, stageName: null, status: 'active', outcome: null, data: {},
    assignment: { unitId: assignmentUnit, unitPath: '/1/2/', role, mode: 'offer', userId: null, claimedBy: null },
    draft: null, dueAt: null, isOverdue: false, submitterId, version: 3, createdAt: '', updatedAt: '', cascade: null, vote: null,
  };
}

describe('actions allowed now', () => {
  const def = unitPlanDefinition as never;

  it('offer the officer submit (and claim) at the draft, and the form', () => {
    const w = item('draft', 'cdcs', 'officer');
    expect(allowedActions(w, def, me, ['province', 'upper'], 'vi').map((a) => a.action)).toEqual(['submit', 'claim']);
    expect(mayEditFields(w, def, me, ['province', 'upper'])).toBe(true);
  });

  it('offer a supervisor above the unit approve, return, reject, cancel — with the plain name when labels depend on data', () => {
    const w = item('review', 'upper', 'supervisor');
    const actions = allowedActions(w, def, supervisor, ['province'], 'vi');
    expect(actions.map((a) => a.action)).toEqual(['approve', 'return', 'reject', 'cancel', 'claim']);
    expect(actions[0]?.label).toBeNull();
    expect(actions.find((a) => a.action === 'return')?.needsComment).toBe(true);
  });

  it('keep separation of duties: the submitter may withdraw, not approve', () => {
    const w = item('review', 'upper', 'supervisor', 'u-sup');
    expect(allowedActions(w, def, supervisor, ['province'], 'vi').map((a) => a.action)).toEqual(['withdraw', 'cancel', 'claim']);
  });

  it('offer nothing to someone whose role does not cover the unit', () => {
    expect(allowedActions(item('review', 'upper', 'supervisor', 'someone-else'), def, me, ['province'], 'vi')).toEqual([]);
    expect(holdsRoleCovering(me, 'officer', 'other', ['cdcs'])).toBe(false);
    expect(holdsRoleCovering(supervisor, 'supervisor', 'upper', ['province'])).toBe(true);
  });
});

describe('history', () => {
  const ev = (id: string, event: string, from: string | null, to: string | null, v: number): WorkItemEventView => ({
    id, occurredAt: `2026-01-01T00:00:0${v}Z`, event, actorUserId: 'x', actorName: 'X', onBehalfOfUserId: null, onBehalfOfName: null, actorUnitPath: null,
    fromStage: from, toStage: to, comment: event === 'return' ? 'Bổ sung' : null, changes: {}, details: {}, itemVersion: v,
  });

  it('is ordered by event id as a number', () => {
    const sorted = sortEvents([ev('10', 'submit', 'draft', 'review', 3), ev('9', 'create', null, 'draft', 1)]);
    expect(sorted.map((e) => e.id)).toEqual(['9', '10']);
  });

  it('shows the return reason while the item sits where the return sent it', () => {
    const h = [ev('1', 'create', null, 'draft', 1), ev('2', 'submit', 'draft', 'review', 2), ev('3', 'return', 'review', 'draft', 3), ev('4', 'save_draft', 'draft', 'draft', 4)];
    expect(lastReturn({ stage: 'draft', status: 'active' }, h)?.comment).toBe('Bổ sung');
    expect(lastReturn({ stage: 'review', status: 'active' }, [...h, ev('5', 'submit', 'draft', 'review', 5)])).toBeNull();
  });
});

describe('downloads', () => {
  it('read the UTF-8 file name', () => {
    expect(fileNameFromDisposition(`attachment; filename="Bao_cao.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.docx`, 'x')).toBe('Báo cáo.docx');
    expect(fileNameFromDisposition('attachment; filename="a.xlsx"', 'x')).toBe('a.xlsx');
    expect(fileNameFromDisposition(null, 'x')).toBe('x');
  });
});
