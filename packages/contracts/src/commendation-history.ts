import { z } from 'zod';
import { pageQuerySchema, type Page } from './common';
import { pageSchema } from './common.responses';
import { named, type Expect, type Same } from './openapi-registry';

/*
 * A person's and a unit's commendation history (issue 19, line 5): the nominations that reached a decision (a
 * decision document), read from the commendation data itself — nothing is copied.
 */

/** GET /commendations/history: exactly one of `userId` (a person) or `unitId` (a unit, as a collective). */
export const commendationHistoryQuerySchema = pageQuerySchema
  .extend({ userId: z.uuid().optional(), unitId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .refine((q) => (q.userId ? 1 : 0) + (q.unitId ? 1 : 0) === 1, { path: ['userId'], message: 'give exactly one of userId or unitId' });
export type CommendationHistoryQuery = z.infer<typeof commendationHistoryQuerySchema>;

export interface CommendationHistoryEntry {
  nominationId: string;
  /** The nomination's work item (the link to its page). */
  itemId: string;
  nomineeName: string;
  nomineeKind: 'individual' | 'collective';
  awardFormCode: string;
  /** The form's name (catalogue in force at the decision date); the code when the catalogue does not know it. */
  awardFormName: string;
  /** The decision's number and symbol (e.g. 12/QĐ-CĐCS), null while not numbered. */
  decisionSymbol: string | null;
  /** The decision's date (yyyy-mm-dd), null while not signed. */
  decisionDate: string | null;
  decisionDocumentId: string;
  campaignId: string;
  campaignTitle: string;
}

export type CommendationHistoryPage = Page<CommendationHistoryEntry>;

export const commendationHistoryEntrySchema = named('CommendationHistoryEntry', z.object({
  nominationId: z.string(),
  itemId: z.string(),
  nomineeName: z.string(),
  nomineeKind: z.enum(['individual', 'collective']),
  awardFormCode: z.string(),
  awardFormName: z.string(),
  decisionSymbol: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decisionDocumentId: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
}));

export const commendationHistoryPageSchema = pageSchema('CommendationHistoryPage', commendationHistoryEntrySchema);

export type _CommendationHistoryChecks = [
  Expect<Same<z.output<typeof commendationHistoryEntrySchema>, CommendationHistoryEntry>>,
  Expect<Same<z.output<typeof commendationHistoryPageSchema>, CommendationHistoryPage>>,
];
