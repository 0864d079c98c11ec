import { describe, expect, it } from 'vitest';
import { validateDefinition, unitPlanDefinition } from '@thidua/workflow-core';
import { tidyOffering } from './OfferingInputs';

describe('the designer’s offering fields', () => {
  it('drops empty parts, and the whole offering when nothing is set', () => {
    expect(tidyOffering({})).toBeUndefined();
    expect(tidyOffering({ early: undefined, late: { after: undefined, whenQueueBelow: undefined } })).toBeUndefined();
    expect(tidyOffering({ early: {} })).toEqual({ early: {} });
    expect(tidyOffering({ early: { stagesAhead: undefined }, late: { whenQueueBelow: 3 } })).toEqual({ early: {}, late: { whenQueueBelow: 3 } });
  });

  it('what it writes is a valid definition', () => {
    const def = structuredClone(unitPlanDefinition);
    def.stages.review!.offering = tidyOffering({ early: { stagesAhead: 1 }, late: { after: { days: 0.5, calendar: 'calendar' }, whenQueueBelow: 2 } });
    expect(validateDefinition(def)).toEqual([]);
  });
});
