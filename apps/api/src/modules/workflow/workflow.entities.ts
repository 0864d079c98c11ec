import { OutboxEntity } from './outbox.entity';
import { WorkItemCommentEntity } from './work-item-comment.entity';
import { WorkItemHelpRequestEntity } from './work-item-help-request.entity';
import { WorkItemAttachmentEntity } from './work-item-attachment.entity';
import { WorkItemEventEntity } from './work-item-event.entity';
import { WorkItemEntity } from './work-item.entity';
import { WorkflowDefinitionEntity } from './workflow-definition.entity';
import { WorkflowTimerEntity } from './workflow-timer.entity';
import { WorkItemCommitmentEntity, WorkItemUpcomingEntity } from './work-item-offering.entity';
import { WorkflowAllocationCursorEntity, WorkflowAllocationEntity } from './workflow-allocation.entity';

export const WORKFLOW_ENTITIES = [
  WorkflowDefinitionEntity,
  WorkItemEntity,
  WorkItemEventEntity,
  WorkflowTimerEntity,
  OutboxEntity,
  WorkItemAttachmentEntity,
  WorkItemCommentEntity,
  WorkflowAllocationEntity,
  WorkItemUpcomingEntity,
  WorkItemCommitmentEntity,
  WorkItemHelpRequestEntity,
  WorkflowAllocationCursorEntity,
];
