import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DefinitionListQuery, DefinitionView, MigrateItemsRequest } from '@thidua/contracts';
import {
  createDraft,
  getDefinition,
  listDefinitions,
  migrateItems,
  publishDefinition,
  retireDefinition,
  updateDraft,
  validateOnServer,
} from './workflows.api';
import { workflowKeys } from './workflows.keys';

export function useDefinitions(query: DefinitionListQuery = {}) {
  return useQuery({
    queryKey: workflowKeys.list(query),
    queryFn: ({ signal }) => listDefinitions(query, signal),
  });
}

export function useDefinition(id: string) {
  return useQuery({
    queryKey: workflowKeys.detail(id),
    queryFn: ({ signal }) => getDefinition(id, signal),
  });
}

function useStoreDefinition() {
  const queryClient = useQueryClient();
  return (view: DefinitionView) => {
    queryClient.setQueryData(workflowKeys.detail(view.id), view);
    void queryClient.invalidateQueries({ queryKey: workflowKeys.lists() });
  };
}

export function useCreateDraft() {
  const store = useStoreDefinition();
  return useMutation({ mutationFn: (definition: Record<string, unknown>) => createDraft(definition), onSuccess: store });
}

export function useSaveDraft(id: string) {
  const store = useStoreDefinition();
  return useMutation({ mutationFn: (definition: Record<string, unknown>) => updateDraft(id, definition), onSuccess: store });
}

/** Saves the draft first (so what is published is what is on screen), then publishes it. */
export function usePublish(id: string) {
  const store = useStoreDefinition();
  return useMutation({
    mutationFn: async (definition: Record<string, unknown> | null) => {
      if (definition) store(await updateDraft(id, definition));
      return publishDefinition(id);
    },
    onSuccess: store,
  });
}

export function useRetire(id: string) {
  const store = useStoreDefinition();
  return useMutation({ mutationFn: () => retireDefinition(id), onSuccess: store });
}

export function useServerValidation() {
  return useMutation({ mutationFn: (definition: Record<string, unknown>) => validateOnServer(definition) });
}

export function useMigrateItems(key: string) {
  return useMutation({ mutationFn: (body: MigrateItemsRequest) => migrateItems(key, body) });
}
