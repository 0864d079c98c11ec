import { describe, expect, it } from 'vitest';
import type { UnitDetail } from '@thidua/contracts';
import { previewRoute, unitPlanDefinition } from '@thidua/workflow-core';
import { fixedUnitCodes, previewTreeOf } from './preview-tree';

const ref = (id: string, kind: UnitDetail['kind']) => ({ id, code: id.toUpperCase(), name: id, kind, path: `/${id}/`, isVisible: true });

const grassroots: UnitDetail = {
  ...ref('g1', 'grassroots_union'),
  sector: null,
  memberCount: 10,
  status: 'active',
  mergedIntoId: null,
  chairUserId: null,
  parentId: 'up1',
  depth: 3,
  createdAt: '',
  updatedAt: '',
  ancestors: [ref('tld', 'confederation'), ref('prov', 'province_federation'), ref('up1', 'upper_union')],
  childCount: 0,
  mergedInto: null,
};

describe('route preview over the org API', () => {
  it('routes a grassroots plan to its upper union, then the province', () => {
    const tree = previewTreeOf(grassroots, []);
    const stops = previewRoute(unitPlanDefinition, 'g1', tree);
    expect(stops.map((s) => [s.stageId, s.unit?.id ?? null])).toEqual([
      ['draft', 'g1'],
      ['review', 'up1'],
      ['approved', null],
    ]);
  });

  it('lists the codes of fixed unit selectors', () => {
    const def = { ...unitPlanDefinition, stages: { ...unitPlanDefinition.stages, review: { ...unitPlanDefinition.stages.review!, actor: { role: 'supervisor' as const, unit: { kind: 'fixed' as const, unitCode: 'LDLD-NT' } } } } };
    expect(fixedUnitCodes(def)).toEqual(['LDLD-NT']);
    expect(fixedUnitCodes(unitPlanDefinition)).toEqual([]);
  });
});
