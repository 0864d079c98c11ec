import { describe, expect, it } from 'vitest';
import type { RoleAssignmentView } from '@thidua/contracts';
import { createTranslate } from '../../i18n/dictionary';
import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { describeRole, groupByUnit } from './role-label';

const assignment = (over: Partial<RoleAssignmentView>): RoleAssignmentView => ({
  role: 'officer',
  unitId: 'u1',
  unitCode: 'CDCS-01',
  unitName: 'CĐCS Trường THPT Phan Bội Châu',
  onBehalfOf: null,
  workflows: null,
  ...over,
});

describe('describeRole', () => {
  it('says on whose behalf a delegated role is held, in both languages', () => {
    const delegated = assignment({ role: 'supervisor', unitName: 'LĐLĐ huyện Ninh Hải', onBehalfOf: { userId: 'x', username: 'an', fullName: 'Trần Văn An' } });
    expect(describeRole(delegated, createTranslate(vi))).toBe('Cán bộ phụ trách (cấp trên) – LĐLĐ huyện Ninh Hải (thay mặt Trần Văn An)');
    expect(describeRole(delegated, createTranslate(en))).toBe('Supervisor – LĐLĐ huyện Ninh Hải (on behalf of Trần Văn An)');
  });
});

describe('groupByUnit', () => {
  it('gathers the roles of each unit, units in Vietnamese order', () => {
    const groups = groupByUnit([
      assignment({ unitId: 'b', unitName: 'Đoàn Thanh niên', role: 'viewer' }),
      assignment({ unitId: 'a', unitName: 'Công đoàn Y tế', role: 'officer' }),
      assignment({ unitId: 'b', unitName: 'Đoàn Thanh niên', role: 'admin' }),
      assignment({ unitId: 'c', unitName: 'Dệt may', role: 'officer' }),
    ]);
    expect(groups.map((g) => [g.unitName, g.assignments.map((a) => a.role)])).toEqual([
      ['Công đoàn Y tế', ['officer']],
      ['Dệt may', ['officer']],
      ['Đoàn Thanh niên', ['admin', 'viewer']],
    ]);
  });
});
