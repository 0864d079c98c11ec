import { Module } from '@nestjs/common';
import { CascadeChildren } from './cascade/cascade-children';
import { OrgModule, OrgGateway } from '../org/index';
import { StorageModule } from '../storage/index';
import { CascadeRepository } from './cascade/cascade.repository';
import { CascadeService } from './cascade/cascade.service';
import { CompiledDefinitions } from './definitions/compiled-definitions';
import { DefaultDefinitionsSeeder } from './definitions/default-definitions.seeder';
import { DefinitionRepository } from './definitions/definition.repository';
import { DefinitionsController } from './definitions/definitions.controller';
import { DefinitionsService } from './definitions/definitions.service';
import { ItemMigrationService } from './definitions/item-migration.service';
import { WorkflowHookRegistry } from './hooks/workflow-hook-registry';
import { StepContextFactory } from './engine/step-context.factory';
import { CommentRepository } from './comments/comment.repository';
import { CommentsController } from './comments/comments.controller';
import { CommentsService } from './comments/comments.service';
import { InboxController } from './inbox/inbox.controller';
import { OfferingController } from './offering/offering.controller';
import { OfferingRepository } from './offering/offering.repository';
import { OfferingService } from './offering/offering.service';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxService } from './inbox/inbox.service';
import { AttachmentRepository } from './items/attachment.repository';
import { AttachmentsService } from './items/attachments.service';
import { BulkActionUseCase } from './items/bulk-action.use-case';
import { ItemRuntime } from './items/item-runtime.service';
import { ItemVisibility } from './items/item-visibility';
import { ItemsController } from './items/items.controller';
import { ItemsService } from './items/items.service';
import { ItemViews } from './items/item-views';
import { MoveOpenWorkUseCase } from './items/move-open-work.use-case';
import { OpenWorkRepository } from './items/open-work.repository';
import { WorkItemEventRepository } from './items/work-item-event.repository';
import { WorkItemRepository } from './items/work-item.repository';
import { DomainEventConsumers } from './outbox/domain-event-consumers';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { OutboxRepository } from './outbox/outbox.repository';
import { WorkflowBacklog } from './outbox/workflow-backlog';
import { WorkflowJobs } from './outbox/workflow-jobs';
import { WorkflowScheduler } from './timers/workflow-scheduler';
import { WorkflowTimerRepository } from './timers/workflow-timer.repository';
import { AllocationRepository } from './allocation/allocation.repository';
import { TakeNextUseCase } from './inbox/take-next.use-case';
import { HelpRequestRepository } from './help/help-request.repository';
import { HelpRequestsController, ItemHelpRequestsController } from './help/help-requests.controller';
import { HelpRequestsService } from './help/help-requests.service';

/**
 * The workflow runtime (docs/workflow-runtime.md): definitions, work items and their actions,
 * inbox, bulk actions, durable timers, the transactional outbox and cascades.
 */
@Module({
  imports: [OrgModule, StorageModule],
  controllers: [DefinitionsController, ItemsController, CommentsController, InboxController, OfferingController, ItemHelpRequestsController, HelpRequestsController],
  providers: [
    WorkflowHookRegistry,
    AttachmentRepository,
    OrgGateway,
    StepContextFactory,
    DefinitionRepository,
    CompiledDefinitions,
    DefinitionsService,
    DefaultDefinitionsSeeder,
    ItemMigrationService,
    WorkItemRepository,
    WorkItemEventRepository,
    ItemViews,
    ItemVisibility,
    ItemRuntime,
    ItemsService,
    AttachmentsService,
    CommentRepository,
    CommentsService,
    HelpRequestRepository,
    HelpRequestsService,
    BulkActionUseCase,
    InboxRepository,
    InboxService,
    OfferingRepository,
    OfferingService,
    WorkflowTimerRepository,
    AllocationRepository,
    TakeNextUseCase,
    WorkflowScheduler,
    OutboxRepository,
    OutboxDispatcher,
    DomainEventConsumers,
    WorkflowJobs,
    WorkflowBacklog,
    CascadeRepository,
    CascadeChildren,
    CascadeService,
    OpenWorkRepository,
    MoveOpenWorkUseCase,
  ],
  exports: [DomainEventConsumers, WorkflowHookRegistry, CompiledDefinitions, ItemRuntime, ItemsService, DefinitionsService, CascadeService, WorkflowScheduler, OutboxDispatcher, DefaultDefinitionsSeeder, WorkflowBacklog],
})
export class WorkflowModule {}
