import type { WebhookEventType } from '@thidua/contracts';
import type { NewItemEvent } from '../items/work-item-event.repository';
import type { ItemStateColumns, WorkItemRecord } from '../items/work-item.repository';

/**
 * The outbox topic of domain events: what happened to an item or a campaign, written in the transaction of the
 * change like every other outbox row. Webhooks (modules/webhooks) turn each into deliveries; nothing else is an
 * event source for them.
 */
export const DOMAIN_EVENT_TOPIC = 'events.domain';

export interface DomainEvent {
  type: WebhookEventType;
  /** The unit the event belongs to (subscriptions filter by subtree on its path). */
  unitId: string | null;
  unitPath: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

export function domainEventMessage(e: DomainEvent): { topic: string; payload: Record<string, unknown> } {
  return { topic: DOMAIN_EVENT_TOPIC, payload: { ...e } };
}

/** The outbox rows of these events (none for a null). */
export function domainEventMessages(...events: Array<DomainEvent | null>): Array<{ topic: string; payload: Record<string, unknown> }> {
  return events.filter((e): e is DomainEvent => e !== null).map(domainEventMessage);
}

type ItemFacts = Pick<WorkItemRecord, 'id' | 'workflowKey' | 'workflowVersion' | 'title' | 'unitId' | 'unitPath' | 'campaignId' | 'parentItemId'>;

/**
 * The event of one saved step: `item.completed` when the step made the item final, `item.transitioned` otherwise.
 * None for a ballot cast that leaves the item in its vote stage: a secret ballot publishes its outcome (the step that
 * closes the vote), not who voted when.
 */
export function itemStepEvent(item: ItemFacts, state: Pick<ItemStateColumns, 'stage' | 'status' | 'outcome'>, row: Pick<NewItemEvent, 'event' | 'fromStage' | 'toStage' | 'itemVersion' | 'actorUserId'>, now = new Date()): DomainEvent | null {
  if (row.event === 'vote.cast' && row.fromStage === state.stage) return null;
  return {
    type: state.status === 'final' ? 'item.completed' : 'item.transitioned',
    unitId: item.unitId,
    unitPath: item.unitPath,
    occurredAt: now.toISOString(),
    data: { ...itemData(item), action: row.event, fromStage: row.fromStage, toStage: row.toStage, stage: state.stage, status: state.status, outcome: state.outcome, version: row.itemVersion, actorUserId: row.actorUserId },
  };
}

export function itemCreatedEvent(item: ItemFacts, state: Pick<ItemStateColumns, 'stage' | 'status'>, actorUserId: string | null, now = new Date()): DomainEvent {
  return {
    type: 'item.created',
    unitId: item.unitId,
    unitPath: item.unitPath,
    occurredAt: now.toISOString(),
    data: { ...itemData(item), stage: state.stage, status: state.status, version: 1, actorUserId },
  };
}

export function itemAmendedEvent(item: ItemFacts, changedFields: readonly string[], version: number, actorUserId: string | null, now = new Date()): DomainEvent {
  return { type: 'item.amended', unitId: item.unitId, unitPath: item.unitPath, occurredAt: now.toISOString(), data: { ...itemData(item), changedFields: [...changedFields], version, actorUserId } };
}

function itemData(item: ItemFacts): Record<string, unknown> {
  return { itemId: item.id, workflow: item.workflowKey, workflowVersion: item.workflowVersion, title: item.title, unitId: item.unitId, campaignId: item.campaignId, parentItemId: item.parentItemId };
}
