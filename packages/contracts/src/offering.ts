import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';

/* Early offering (issue 15, line 6): items whose upcoming stage the reader would be offered, and commitments. */

export interface StageNameView {
  vi: string;
  en?: string;
}

export interface CommitmentHolderView {
  userId: string;
  fullName: string;
}

/** One upcoming stage of an item the reader would be offered when it opens (GET /inbox/upcoming). */
export interface UpcomingItemView {
  itemId: string;
  workflow: string;
  title: string;
  unitId: string;
  unitName: string;
  /** The stage the item is at now, and its name. */
  currentStage: string;
  currentStageName: StageNameView | null;
  /** The upcoming stage (the key the commit request names) and its name (what the screen shows). */
  stage: string;
  stageName: StageNameView | null;
  /** Forward moves before the stage opens (1 = next). */
  distance: number;
  /** Who has committed to take it (the reader, or someone else), or null. */
  committedBy: CommitmentHolderView | null;
  isCommittedByMe: boolean;
  updatedAt: string;
}

export interface UpcomingListView {
  items: UpcomingItemView[];
}

/** A commitment to an upcoming stage of an item (POST /items/:id/commitments). */
export interface CommitmentView {
  itemId: string;
  stage: string;
  stageName: StageNameView | null;
  userId: string;
  createdAt: string;
}

/** POST /items/:id/commitments: commit to take `stage` when it opens (other members are ignored). */
export const commitToStageSchema = z.object({ stage: z.string().trim().min(1).max(100) });
export type CommitToStageRequest = z.infer<typeof commitToStageSchema>;

/** DELETE /items/:id/commitments: withdraw the caller's commitment (to `stage`, or to every stage of the item). */
export const withdrawCommitmentQuerySchema = z.object({ stage: z.string().trim().min(1).max(100).optional() }).strict();
export type WithdrawCommitmentQuery = z.infer<typeof withdrawCommitmentQuerySchema>;

const stageNameSchema = z.object({ vi: z.string(), en: z.string().optional() });

export const commitmentHolderViewSchema = named('CommitmentHolderView', z.object({ userId: z.string(), fullName: z.string() }));

export const upcomingItemViewSchema = named('UpcomingItemView', z.object({
  itemId: z.string(),
  workflow: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  currentStage: z.string(),
  currentStageName: stageNameSchema.nullable(),
  stage: z.string(),
  stageName: stageNameSchema.nullable(),
  distance: z.number(),
  committedBy: commitmentHolderViewSchema.nullable(),
  isCommittedByMe: z.boolean(),
  updatedAt: z.string(),
}));

export const upcomingListViewSchema = named('UpcomingListView', z.object({ items: z.array(upcomingItemViewSchema) }));

export const commitmentViewSchema = named('CommitmentView', z.object({
  itemId: z.string(),
  stage: z.string(),
  stageName: stageNameSchema.nullable(),
  userId: z.string(),
  createdAt: z.string(),
}));

export const withdrawnCommitmentsViewSchema = named('WithdrawnCommitmentsView', z.object({ itemId: z.string(), stages: z.array(z.string()) }));

export interface WithdrawnCommitmentsView {
  itemId: string;
  stages: string[];
}

export type _OfferingChecks = [
  Expect<Same<z.output<typeof upcomingItemViewSchema>, UpcomingItemView>>,
  Expect<Same<z.output<typeof upcomingListViewSchema>, UpcomingListView>>,
  Expect<Same<z.output<typeof commitmentViewSchema>, CommitmentView>>,
  Expect<Same<z.output<typeof withdrawnCommitmentsViewSchema>, WithdrawnCommitmentsView>>,
];
