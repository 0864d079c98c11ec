import type { RoleAssignmentView } from '@thidua/contracts';
import type { Translate } from '../../i18n/dictionary';
import { compareVi } from '../../i18n/format';

/** "Cán bộ đơn vị – CĐCS Trường THPT Phan Bội Châu (thay mặt Nguyễn Văn A)". */
export function describeRole(assignment: RoleAssignmentView, t: Translate): string {
  let text = t('header.roleAt', { role: t(`role.${assignment.role}`), unit: assignment.unitName });
  if (assignment.onBehalfOf) text += ` (${t('header.onBehalfOf', { name: assignment.onBehalfOf.fullName })})`;
  return text;
}

/** Own roles before delegated ones, then by unit name in Vietnamese order. */
export function sortAssignments(assignments: readonly RoleAssignmentView[]): RoleAssignmentView[] {
  return [...assignments].sort(
    (a, b) =>
      Number(a.onBehalfOf !== null) - Number(b.onBehalfOf !== null) ||
      compareVi(a.unitName, b.unitName) ||
      // Role keys are ASCII identifiers: code-point order, no ICU collator needed on the first page.
      (a.role < b.role ? -1 : a.role > b.role ? 1 : 0),
  );
}

export interface UnitRoles {
  unitId: string;
  unitCode: string;
  unitName: string;
  assignments: RoleAssignmentView[];
}

/** One entry per unit, with every role the user holds there; units in Vietnamese order. */
export function groupByUnit(assignments: readonly RoleAssignmentView[]): UnitRoles[] {
  const byUnit = new Map<string, UnitRoles>();
  for (const a of sortAssignments(assignments)) {
    const unit = byUnit.get(a.unitId) ?? { unitId: a.unitId, unitCode: a.unitCode, unitName: a.unitName, assignments: [] };
    unit.assignments.push(a);
    byUnit.set(a.unitId, unit);
  }
  return [...byUnit.values()].sort((x, y) => compareVi(x.unitName, y.unitName));
}
