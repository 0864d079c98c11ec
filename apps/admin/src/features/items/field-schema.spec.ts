import { describe, expect, it } from 'vitest';
import { unitPlanDefinition, validateData } from '@thidua/workflow-core';
import type { WorkItemEventView } from '@thidua/contracts';
import { formPath, toData, validateFields } from './field-schema';
import { lastReturn, mayEditFields, toAllowedActions } from './item-actions';
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

describe('actions shown on an item', () => {
  it('are exactly those the API allows now, labelled in the user language', () => {
    const view = {
      actions: [
        { action: 'approve' as const, label: { vi: 'Phê duyệt', en: 'Approve' }, needsComment: false, sendsData: true, pendingOn: null },
        { action: 'return' as const, label: null, needsComment: true, sendsData: false, pendingOn: null },
        { action: 'reject' as const, label: null, needsComment: true, sendsData: false, pendingOn: null },
        { action: 'vote' as const, label: null, needsComment: false, sendsData: false, pendingOn: null },
      ],
    };
    const shown = toAllowedActions(view, 'en');
    expect(shown.map((a) => `${a.action}:${a.label ?? '-'}:${a.tone}:${a.needsComment}`)).toEqual(['approve:Approve:primary:false', 'return:-:secondary:true', 'reject:-:danger:true', 'vote:-:primary:false']);
    expect(toAllowedActions(undefined, 'vi')).toEqual([]);
    expect(mayEditFields({ status: 'active' }, { mayEditFields: true })).toBe(true);
    expect(mayEditFields({ status: 'final' }, { mayEditFields: true })).toBe(false);
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
