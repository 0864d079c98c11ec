export const reportsKeys = {
  all: ['reports'] as const,
  rollup: (campaignId: string, unitId: string, milestoneId: string) => [...reportsKeys.all, 'rollup', campaignId, unitId, milestoneId] as const,
  breakdown: (campaignId: string, unitId: string, milestoneId: string, key: string) =>
    [...reportsKeys.all, 'breakdown', campaignId, unitId, milestoneId, key] as const,
  children: (unitId: string) => [...reportsKeys.all, 'children', unitId] as const,
};
