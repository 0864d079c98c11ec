/** Query keys of the auth feature. Every key starts with the feature's root so it can be invalidated at once. */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};
