import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookInput, UpdateWebhookInput } from '@thidua/contracts';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, resendDelivery, rotateWebhookSecret, updateWebhook } from './webhooks.api';
import { webhooksKeys } from './webhooks.keys';

export function useWebhooks() {
  return useQuery({ queryKey: webhooksKeys.list(), queryFn: ({ signal }) => listWebhooks(signal) });
}

/** The delivery log of one subscription, refreshed every 5 s while open (retries land in the background). */
export function useDeliveries(id: string | null) {
  return useQuery({
    queryKey: webhooksKeys.deliveries(id ?? ''),
    queryFn: ({ signal }) => listDeliveries(id as string, signal),
    enabled: id !== null,
    refetchInterval: 5000,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookInput) => createWebhook(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhooksKeys.list() }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateWebhookInput }) => updateWebhook(id, patch),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhooksKeys.list() }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteWebhook(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhooksKeys.list() }),
  });
}

export function useRotateSecret() {
  return useMutation({ mutationFn: (id: string) => rotateWebhookSecret(id) });
}

export function useResend(subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => resendDelivery(deliveryId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhooksKeys.deliveries(subscriptionId) }),
  });
}
