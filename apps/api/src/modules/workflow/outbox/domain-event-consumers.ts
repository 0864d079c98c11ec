import { Injectable } from '@nestjs/common';
import type { DomainEvent } from './domain-events';

export type DomainEventConsumer = (outboxId: string, event: DomainEvent) => Promise<void>;

/**
 * Who consumes the outbox's domain events (webhooks today). The workflow module owns the topic and its job; other
 * modules register here, so a process without any consumer still completes the rows. A consumer is called once per
 * run of the row's job and must be idempotent by outbox id (the job may run again).
 */
@Injectable()
export class DomainEventConsumers {
  private readonly consumers = new Map<string, DomainEventConsumer>();

  register(name: string, consumer: DomainEventConsumer): void {
    if (this.consumers.has(name)) throw new Error(`domain event consumer ${name} is registered twice`);
    this.consumers.set(name, consumer);
  }

  async deliver(outboxId: string, event: DomainEvent): Promise<void> {
    for (const consumer of this.consumers.values()) await consumer(outboxId, event);
  }
}
