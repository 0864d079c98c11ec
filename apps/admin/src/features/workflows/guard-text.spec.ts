import { describe, expect, it } from 'vitest';
import { unitPlanDefinition, type Expression } from '@thidua/workflow-core';
import { createTranslate } from '../../i18n/dictionary';
import { vi } from '../../i18n/vi';
import { guardText } from './guard-text';

const t = createTranslate(vi);
const fields = Object.values(unitPlanDefinition.stages).flatMap((s) => s.fields ?? []);

describe('guardText', () => {
  it("says the default unit plan's condition in words: the field's label and the value's label, no JSON", () => {
    const guard = unitPlanDefinition.stages.review?.transitions?.find((x) => x.guard)?.guard as Expression;
    const text = guardText(guard, fields, 'vi', t);
    expect(text).toBe('Loại kế hoạch là «Kế hoạch theo ngành (duyệt thêm cấp tỉnh)»');
    expect(text).not.toMatch(/[{}"]|planType|sector|data\./);
  });

  it('joins and/or/not, names context values and unit kinds, quotes unknown constants', () => {
    const e: Expression = {
      op: 'or',
      args: [
        { op: '==', left: { field: 'context.unitKind' }, right: { const: 'grassroots_union' } },
        { op: 'and', args: [{ op: '>=', left: { field: 'context.returnCount' }, right: { const: 2 } }, { op: 'not', arg: { op: 'exists', field: 'data.timeline' } }] },
      ],
    };
    expect(guardText(e, fields, 'vi', t)).toBe('cấp của đơn vị là «Công đoàn cơ sở» hoặc (số lần bị trả lại từ «2» trở lên và không phải (Tiến độ đã được điền))');
  });
});
