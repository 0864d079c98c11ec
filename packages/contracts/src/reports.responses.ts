import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { INDICATOR_TYPES, ROLLUP_RULES } from './campaigns';
import { REPORT_SECTIONS, type ReportDraftView, type ReportTreeView, type RollupBreakdownView, type RollupFigureView, type RollupView } from './reports';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const reportTreeViewSchema = named('ReportTreeView', z.object({
  asOf: z.string(),
  source: z.union([z.literal('milestone_due'), z.literal('request')]),
  units: z.number()
}));

export const rollupFigureViewSchema = named('RollupFigureView', z.object({
  key: z.string(),
  name: z.string(),
  type: z.enum(INDICATOR_TYPES),
  rule: z.enum(ROLLUP_RULES),
  numerator: z.string(),
  denominator: z.string(),
  value: z.number().nullable(),
  display: z.string(),
  reporting: z.number(),
  expected: z.number(),
  missingWeight: z.number()
}));

export const rollupViewSchema = named('RollupView', z.object({
  campaignId: z.string(),
  milestoneId: z.string(),
  unit: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string()
  }),
  tree: reportTreeViewSchema,
  figures: z.array(rollupFigureViewSchema),
  computedInMs: z.number()
}));

export const rollupBreakdownViewSchema = named('RollupBreakdownView', z.object({
  key: z.string(),
  tree: reportTreeViewSchema,
  unit: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string()
  }),
  total: rollupFigureViewSchema,
  own: rollupFigureViewSchema.nullable(),
  children: z.array(z.object({
    unit: z.object({
      id: z.string(),
      code: z.string(),
      name: z.string()
    }),
    figure: rollupFigureViewSchema
  }))
}));

export const reportDraftViewSchema = named('ReportDraftView', z.object({
  campaignId: z.string(),
  milestoneId: z.string(),
  unitId: z.string(),
  sections: z.object(Object.fromEntries(REPORT_SECTIONS.map((k) => [k, z.string()])) as Record<(typeof REPORT_SECTIONS)[number], z.ZodString>),
  edited: z.array(z.enum(REPORT_SECTIONS)),
  version: z.number(),
  tree: reportTreeViewSchema,
  figures: z.array(rollupFigureViewSchema),
  models: z.array(z.object({
    name: z.string(),
    unitName: z.string(),
    field: z.string()
  }))
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type reportsResponseChecks = [
  Expect<Same<z.output<typeof reportTreeViewSchema>, ReportTreeView>>,
  Expect<Same<z.output<typeof rollupFigureViewSchema>, RollupFigureView>>,
  Expect<Same<z.output<typeof rollupViewSchema>, RollupView>>,
  Expect<Same<z.output<typeof rollupBreakdownViewSchema>, RollupBreakdownView>>,
  Expect<Same<z.output<typeof reportDraftViewSchema>, ReportDraftView>>,
];
