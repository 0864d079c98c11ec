export const councilKeys = {
  all: ['council'] as const,
  ballots: () => [...councilKeys.all, 'ballots'] as const,
};
