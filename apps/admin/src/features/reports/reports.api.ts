import type { Page, RollupBreakdownView, RollupView, UnitView } from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';
import { downloadFile } from '../../api/file-transfer';

/** Indicator roll-ups of a campaign for a subtree, their drill-down, and the .docx / .xlsx exports. */

/** `asOf`: compute on the tree as it stood then (default: the milestone's due date). */
export function getRollup(campaignId: string, unitId: string, milestoneId: string, signal?: AbortSignal, asOf?: string): Promise<RollupView> {
  return apiRequest<RollupView>(`/campaigns/${campaignId}/units/${unitId}/rollup`, { query: { milestoneId, ...(asOf ? { asOf } : {}) }, signal });
}

export function getBreakdown(campaignId: string, unitId: string, milestoneId: string, key: string, signal?: AbortSignal, asOf?: string): Promise<RollupBreakdownView> {
  return apiRequest<RollupBreakdownView>(`/campaigns/${campaignId}/units/${unitId}/rollup/${encodeURIComponent(key)}`, { query: { milestoneId, ...(asOf ? { asOf } : {}) }, signal });
}

export function getChildUnits(unitId: string, signal?: AbortSignal): Promise<Page<UnitView>> {
  return apiRequest<Page<UnitView>>(`/units/${unitId}/children`, { query: { limit: 200 }, signal });
}

export type ExportKind = 'docx' | 'xlsx';

/** The review report (.docx, official layout) or the indicator workbook (.xlsx) of a subtree. */
export function downloadExport(kind: ExportKind, campaignId: string, unitId: string, milestoneId: string, onProgress: (p: number) => void) {
  return kind === 'docx'
    ? downloadFile(`/campaigns/${campaignId}/report.docx`, { milestoneId, unitId }, 'bao-cao.docx', onProgress)
    : downloadFile(`/campaigns/${campaignId}/units/${unitId}/indicators.xlsx`, { milestoneId }, 'chi-tieu.xlsx', onProgress);
}
