import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export const WEBHOOK_ENTITIES = [WebhookSubscriptionEntity, WebhookDeliveryEntity, WebhookAttemptEntity];
