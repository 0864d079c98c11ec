import { z } from 'zod';
import type { IndicatorType, RollupRule } from './campaigns';
import { instantSchema } from './org';

/** Indicator roll-ups and the review report (báo cáo sơ kết / tổng kết). */

/** One figure of a subtree, exact: value = numerator / denominator (× 100 for shares), rounded only in `display`. */
export interface RollupFigureView {
  key: string;
  name: string;
  type: IndicatorType;
  rule: RollupRule;
  /** Exact decimal strings. */
  numerator: string;
  denominator: string;
  /** Rounded to 4 decimals; null when nothing was reported. */
  value: number | null;
  /** Vietnamese display, e.g. `98,25%`, `13`. */
  display: string;
  /** Units whose accepted values count in this figure, and units expected to report. */
  reporting: number;
  expected: number;
  /** Reporting units without a weight (members or weight field), left out of a weighted mean. */
  missingWeight: number;
}

/**
 * Which tree a report was computed on: the units and parent links in force at `asOf` (by default the
 * milestone's due date, 00:00 UTC; or the `asOf` of the request).
 */
export interface ReportTreeView {
  asOf: string;
  source: 'milestone_due' | 'request';
  /** Units of the subtree at that date (the root included). */
  units: number;
}

export interface RollupView {
  campaignId: string;
  milestoneId: string;
  unit: { id: string; code: string; name: string };
  tree: ReportTreeView;
  figures: RollupFigureView[];
  computedInMs: number;
}

/** Drill-down: the unit's own contribution and each child subtree's figure. */
export interface RollupBreakdownView {
  key: string;
  tree: ReportTreeView;
  unit: { id: string; code: string; name: string };
  total: RollupFigureView;
  own: RollupFigureView | null;
  children: Array<{ unit: { id: string; code: string; name: string }; figure: RollupFigureView }>;
}

export const rollupQuerySchema = z
  .object({
    milestoneId: z.uuid(),
    /** The tree to compute on: as it stood at this date or instant (default: the milestone's due date). */
    asOf: instantSchema.optional(),
  })
  .strict();
export type RollupQuery = z.infer<typeof rollupQuerySchema>;

/** The prose sections of a review report; each may be edited before export. */
export const REPORT_SECTIONS = [
  'advantages',
  'difficulties',
  'leadership',
  'propaganda',
  'results',
  'good_practices',
  /** III.3: impact, with "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh". */
  'impact',
  'inspection',
  'commendation',
  'overall',
  'shortcomings',
  'directions',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const saveReportDraftSchema = z.object({
  milestoneId: z.uuid(),
  unitId: z.uuid(),
  sections: z.partialRecord(z.enum(REPORT_SECTIONS), z.string().max(50000)),
  expectedVersion: z.number().int().min(0).optional(),
});
export type SaveReportDraftRequest = z.infer<typeof saveReportDraftSchema>;

export const reportQuerySchema = z.object({ milestoneId: z.uuid(), unitId: z.uuid(), asOf: instantSchema.optional() }).strict();
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface ReportDraftView {
  campaignId: string;
  milestoneId: string;
  unitId: string;
  /** Stored prose, or the pre-filled text where nothing was stored. */
  sections: Record<ReportSection, string>;
  edited: ReportSection[];
  version: number;
  tree: ReportTreeView;
  figures: RollupFigureView[];
  models: Array<{ name: string; unitName: string; field: string }>;
}
