import type { Page, RollupBreakdownView, RollupView, UnitView } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';
import { downloadFile } from '../../api/file-transfer';

/** Indicator roll-ups of a campaign for a subtree, their drill-down, and the .docx / .xlsx exports. */

/** `asOf`: compute on the tree as it stood then (default: the milestone's due date). */
export function getRollup(campaignId: string, unitId: string, milestoneId: string, signal?: AbortSignal, asOf?: string): Promise<RollupView> {
  return data(api.GET('/campaigns/{campaignId}/units/{unitId}/rollup', { params: { path: { campaignId, unitId }, query: { milestoneId, ...(asOf ? { asOf } : {}) } }, signal }));
}

export function getBreakdown(campaignId: string, unitId: string, milestoneId: string, key: string, signal?: AbortSignal, asOf?: string): Promise<RollupBreakdownView> {
  return data(api.GET('/campaigns/{campaignId}/units/{unitId}/rollup/{key}', { params: { path: { campaignId, unitId, key }, query: { milestoneId, ...(asOf ? { asOf } : {}) } }, signal }));
}

export function getChildUnits(unitId: string, signal?: AbortSignal): Promise<Page<UnitView>> {
  return data(api.GET('/units/{id}/children', { params: { path: { id: unitId }, query: { limit: 200 } }, signal }));
}

export type ExportKind = 'docx' | 'xlsx';

/** The review report (.docx, official layout) or the indicator workbook (.xlsx) of a subtree. */
export function downloadExport(kind: ExportKind, campaignId: string, unitId: string, milestoneId: string, onProgress: (p: number) => void) {
  return kind === 'docx'
    ? downloadFile(`/campaigns/${campaignId}/report.docx`, { milestoneId, unitId }, 'bao-cao.docx', onProgress)
    : downloadFile(`/campaigns/${campaignId}/units/${unitId}/indicators.xlsx`, { milestoneId }, 'chi-tieu.xlsx', onProgress);
}
