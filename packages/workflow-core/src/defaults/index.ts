import type { WorkflowDefinition } from '../definition-types';
import { commendationDefinition } from './commendation';
import { evaluationDefinition } from './evaluation';
import { inspectionDefinition } from './inspection';
import { launchAckDefinition } from './launch-ack';
import { launchDefinition } from './launch';
import { unitPlanDefinition } from './unit-plan';

export { commendationDefinition, AWARD_LEVELS } from './commendation';
export { evaluationDefinition } from './evaluation';
export { inspectionDefinition } from './inspection';
export { launchAckDefinition } from './launch-ack';
export { launchDefinition } from './launch';
export { unitPlanDefinition } from './unit-plan';

/** The definitions that ship, by key. */
export const DEFAULT_DEFINITIONS: Readonly<Record<string, WorkflowDefinition>> = {
  launch: launchDefinition,
  launch_ack: launchAckDefinition,
  unit_plan: unitPlanDefinition,
  inspection: inspectionDefinition,
  evaluation: evaluationDefinition,
  commendation: commendationDefinition,
};
