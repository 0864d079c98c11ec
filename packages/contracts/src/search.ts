import { z } from 'zod';
import { ITEM_STATUSES, type ItemStatus } from './workflow';
import { NOTIFICATION_KINDS } from './notifications';
import { named, type Expect, type Same } from './openapi-registry';

/* The admin's one search box (issue 19, line 5): items, units and people, accent- and case-insensitive. */

export const SEARCH_KINDS = ['items', 'units', 'people'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * GET /search?q=&kinds=&limit=. `q`: the words to find (each must occur, folded: "ha noi" finds "Hà Nội");
 * `kinds`: a comma-separated subset of items, units, people (default all); `limit`: results per kind.
 */
export const searchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(100),
    kinds: z
      .string()
      .default(SEARCH_KINDS.join(','))
      .transform((s) => s.split(',').map((k) => k.trim()).filter((k) => k.length > 0))
      .pipe(z.array(z.enum(SEARCH_KINDS)).min(1).max(SEARCH_KINDS.length)),
    limit: z.coerce.number().int().min(1).max(20).default(5),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export interface SearchItemHit {
  id: string;
  title: string;
  workflow: string;
  status: ItemStatus;
  unitName: string | null;
}
export interface SearchUnitHit {
  id: string;
  code: string;
  name: string;
  kind: string;
}
export interface SearchPersonHit {
  id: string;
  username: string;
  fullName: string;
  homeUnitName: string | null;
}
/** One group per kind asked for (an empty list for a kind not asked for); `more*` when the kind had more than `limit`. */
export interface SearchResponse {
  items: SearchItemHit[];
  units: SearchUnitHit[];
  people: SearchPersonHit[];
  moreItems: boolean;
  moreUnits: boolean;
  morePeople: boolean;
}

export const searchItemHitSchema = named('SearchItemHit', z.object({ id: z.string(), title: z.string(), workflow: z.string(), status: z.enum(ITEM_STATUSES), unitName: z.string().nullable() }));
export const searchUnitHitSchema = named('SearchUnitHit', z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }));
export const searchPersonHitSchema = named('SearchPersonHit', z.object({ id: z.string(), username: z.string(), fullName: z.string(), homeUnitName: z.string().nullable() }));
export const searchResponseSchema = named('SearchResponse', z.object({
  items: z.array(searchItemHitSchema),
  units: z.array(searchUnitHitSchema),
  people: z.array(searchPersonHitSchema),
  moreItems: z.boolean(),
  moreUnits: z.boolean(),
  morePeople: z.boolean(),
}));

/* Saved filters: a user's named filter sets of a list page, stored server-side (issue 19, line 5). */

const id = z.string().trim().min(1).max(100);
/** The filter keys each page accepts (its URL parameters), with their values' shapes: anything else is refused. */
export const SAVED_FILTER_PAGES = {
  inbox: z
    .object({
      workflow: id.optional(),
      stage: id.optional(),
      unitId: z.uuid().optional(),
      campaignId: z.uuid().optional(),
      overdue: z.literal('true').optional(),
      status: z.literal('suspended').optional(),
      sort: z.enum(['due_at', 'updated_at']).optional(),
    })
    .strict(),
  notifications: z
    .object({
      unreadOnly: z.literal('true').optional(),
      kind: z.enum(NOTIFICATION_KINDS).optional(),
      workflow: id.optional(),
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    })
    .strict(),
} as const;
export const SAVED_FILTER_PAGE_NAMES = Object.keys(SAVED_FILTER_PAGES) as Array<keyof typeof SAVED_FILTER_PAGES>;
export type SavedFilterPage = keyof typeof SAVED_FILTER_PAGES;
export const savedFilterPageSchema = z.enum(['inbox', 'notifications']);
export type _SavedFilterPagesListed = Expect<Same<z.infer<typeof savedFilterPageSchema>, SavedFilterPage>>;

const savedFilterName = z.string().trim().min(1).max(80);

/** POST /saved-filters: one of the pages with its own keys only. */
export const createSavedFilterSchema = z.discriminatedUnion('page', [
  z.object({ page: z.literal('inbox'), name: savedFilterName, filters: SAVED_FILTER_PAGES.inbox }).strict(),
  z.object({ page: z.literal('notifications'), name: savedFilterName, filters: SAVED_FILTER_PAGES.notifications }).strict(),
]);
export type CreateSavedFilterRequest = z.infer<typeof createSavedFilterSchema>;

/** PATCH /saved-filters/:id: a new name, or new filters (checked against the filter's own page). */
export const updateSavedFilterSchema = z
  .object({ name: savedFilterName.optional(), filters: z.record(z.string(), z.string()).optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.filters !== undefined, { message: 'name or filters' });
export type UpdateSavedFilterRequest = z.infer<typeof updateSavedFilterSchema>;

export const listSavedFiltersQuerySchema = z.object({ page: savedFilterPageSchema }).strict();
export type ListSavedFiltersQuery = z.infer<typeof listSavedFiltersQuerySchema>;

export interface SavedFilterView {
  id: string;
  page: SavedFilterPage;
  name: string;
  filters: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
export const savedFilterViewSchema = named('SavedFilterView', z.object({
  id: z.string(),
  page: savedFilterPageSchema,
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
}));

export type _SearchChecks = [
  Expect<Same<z.output<typeof searchResponseSchema>, SearchResponse>>,
  Expect<Same<z.output<typeof savedFilterViewSchema>, SavedFilterView>>,
];
