export const reportsKeys = {
  all: ['reports'] as const,
  rollup: (campaignId: string, unitId: string, milestoneId: string, asOf = '') => [...reportsKeys.all, 'rollup', campaignId, unitId, milestoneId, asOf] as const,
  breakdown: (campaignId: string, unitId: string, milestoneId: string, key: string, asOf = '') =>
    [...reportsKeys.all, 'breakdown', campaignId, unitId, milestoneId, key, asOf] as const,
  children: (unitId: string) => [...reportsKeys.all, 'children', unitId] as const,
};
