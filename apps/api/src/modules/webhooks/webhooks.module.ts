import { Module } from '@nestjs/common';
import { OrgModule } from '../org/index';
import { WorkflowModule } from '../workflow/index';
import { WebhookDeliveries } from './webhook-deliveries.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks (docs/webhooks.md): subscriptions, deliveries made from the workflow outbox's domain events, the delivery log. */
@Module({
  imports: [OrgModule, WorkflowModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhookDeliveries, WebhooksService],
})
export class WebhooksModule {}
