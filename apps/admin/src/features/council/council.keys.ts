export const councilKeys = {
  all: ['council'] as const,
  ballot: (id: string) => [...councilKeys.all, 'ballot', id] as const,
};
