import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveryView, WebhookView, WebhookWithSecret } from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

export function listWebhooks(signal?: AbortSignal): Promise<WebhookView[]> {
  return apiRequest<WebhookView[]>('/webhooks', { signal });
}

export function createWebhook(body: CreateWebhookInput): Promise<WebhookWithSecret> {
  return apiRequest<WebhookWithSecret>('/webhooks', { method: 'POST', body });
}

export function updateWebhook(id: string, body: UpdateWebhookInput): Promise<WebhookView> {
  return apiRequest<WebhookView>(`/webhooks/${id}`, { method: 'PATCH', body });
}

export function deleteWebhook(id: string): Promise<void> {
  return apiRequest<void>(`/webhooks/${id}`, { method: 'DELETE' });
}

export function rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
  return apiRequest<WebhookWithSecret>(`/webhooks/${id}/rotate-secret`, { method: 'POST' });
}

export function listDeliveries(id: string, signal?: AbortSignal): Promise<WebhookDeliveryView[]> {
  return apiRequest<WebhookDeliveryView[]>(`/webhooks/${id}/deliveries`, { query: { limit: 50 }, signal });
}

export function resendDelivery(deliveryId: string): Promise<WebhookDeliveryView> {
  return apiRequest<WebhookDeliveryView>(`/webhooks/deliveries/${deliveryId}/resend`, { method: 'POST' });
}
