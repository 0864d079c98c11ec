/** The public face of the workflow module: what other modules may import. */
export { WorkflowModule } from './workflow.module';
export { WorkflowHookRegistry, type HookActor, type HookContext, type HookHandler, type HookRegistration } from './hooks/workflow-hook-registry';
export { ItemRuntime, type ActOptions, type PreparedStep } from './items/item-runtime.service';
export { ItemsService } from './items/items.service';
export { DefinitionsService } from './definitions/definitions.service';
export { CompiledDefinitions } from './definitions/compiled-definitions';
export type { ActingAs } from './engine/actor';
export type { WorkItemRecord } from './items/work-item.repository';
export type { ItemEventRecord } from './items/work-item-event.repository';
export { CascadeService } from './cascade/cascade.service';
export { DefaultDefinitionsSeeder } from './definitions/default-definitions.seeder';
export { OutboxDispatcher, JOBS } from './outbox/outbox-dispatcher';
export type { OutboxMessage } from './outbox/outbox.repository';
export { WorkflowBacklog } from './outbox/workflow-backlog';
export { WorkflowScheduler } from './timers/workflow-scheduler';
export { rowsOf, affectedOf } from './engine/sql';
// SQL fragments (read views) domain modules compose into their own one statement; the table names stay here.
export { WorkflowSql } from './workflow-sql';
export { DOMAIN_EVENT_TOPIC, type DomainEvent } from './outbox/domain-events';
export { DomainEventConsumers, type DomainEventConsumer } from './outbox/domain-event-consumers';
