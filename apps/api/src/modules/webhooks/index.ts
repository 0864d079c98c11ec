/** The public face of the webhooks module. */
export { WebhooksModule } from './webhooks.module';
export { signWebhook, verifyWebhook, webhookHeaders, newWebhookSecret } from './webhook-signature';
export { WEBHOOK_ENTITIES } from './webhooks.entities';
