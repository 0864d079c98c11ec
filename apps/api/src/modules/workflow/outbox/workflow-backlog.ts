import { Injectable } from '@nestjs/common';
import { WorkflowTimerRepository } from '../timers/workflow-timer.repository';
import { OutboxRepository } from './outbox.repository';

/** The runtime's backlog as operators' metrics read it (health's metric sources): undispatched outbox rows and due timers. */
@Injectable()
export class WorkflowBacklog {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly timers: WorkflowTimerRepository,
  ) {}

  outboxBacklog(): Promise<{ pending: number; lagSeconds: number }> {
    return this.outbox.backlog();
  }

  timersDue(): Promise<number> {
    return this.timers.dueCount();
  }
}
