import { z } from 'zod';
import { named } from './openapi-registry';
import { ROLES } from './auth';

/* Early offering and help/co-sign requests (issue 15, line 6). */

export const commitRequestSchema = z.object({ stage: z.string().min(1).max(100) }).strict();
export type CommitRequest = z.infer<typeof commitRequestSchema>;

export const COMMITMENT_STATUSES = ['active', 'withdrawn', 'allocated', 'lapsed'] as const;

export const commitmentViewSchema = named('CommitmentView', z.object({
  stage: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  status: z.enum(COMMITMENT_STATUSES),
  createdAt: z.string(),
}));
export type CommitmentView = z.infer<typeof commitmentViewSchema>;

/** What is coming for an item: each early-offered next stage, whether I may commit, and the commitments so far. */
export const itemOfferingViewSchema = named('ItemOfferingView', z.object({
  upcoming: z.array(z.object({
    stage: z.string(),
    role: z.enum(ROLES),
    unitId: z.string(),
    /** I hold the role there and no rule bars me. */
    canCommit: z.boolean(),
    committedByMe: z.boolean(),
  })),
  commitments: z.array(commitmentViewSchema),
}));
export type ItemOfferingView = z.infer<typeof itemOfferingViewSchema>;

export const upcomingItemViewSchema = named('UpcomingItemView', z.object({
  id: z.string(),
  title: z.string(),
  workflowKey: z.string(),
  stage: z.string(),
  upcomingStage: z.string(),
  committedByMe: z.boolean(),
  updatedAt: z.string(),
}));
export type UpcomingItemView = z.infer<typeof upcomingItemViewSchema>;
export const upcomingItemListSchema = named('UpcomingItemList', z.object({ items: z.array(upcomingItemViewSchema) }));
export type UpcomingItemList = z.infer<typeof upcomingItemListSchema>;

export const HELP_KINDS = ['help', 'cosign'] as const;
export const HELP_ANSWERS = ['done', 'cosigned', 'declined'] as const;
export const HELP_STATUSES = ['open', 'done', 'cosigned', 'declined', 'lapsed'] as const;

export const helpRequestCreateSchema = z.object({
  kind: z.enum(HELP_KINDS),
  userIds: z.array(z.string().uuid()).min(1).max(20),
  message: z.string().trim().min(1).max(4000),
}).strict();
export type HelpRequestCreate = z.infer<typeof helpRequestCreateSchema>;

export const helpAnswerSchema = z.object({
  answer: z.enum(HELP_ANSWERS),
  reason: z.string().trim().max(4000).optional(),
}).strict();
export type HelpAnswerRequest = z.infer<typeof helpAnswerSchema>;

export const helpRequestViewSchema = named('HelpRequestView', z.object({
  id: z.string(),
  itemId: z.string(),
  itemTitle: z.string().optional(),
  stage: z.string(),
  kind: z.enum(HELP_KINDS),
  fromUserId: z.string(),
  fromName: z.string().nullable(),
  toUserId: z.string(),
  toName: z.string().nullable(),
  message: z.string(),
  /** `lapsed`: the item left the stage entry the request was made at before it was answered. */
  status: z.enum(HELP_STATUSES),
  reason: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
}));
export type HelpRequestView = z.infer<typeof helpRequestViewSchema>;
export const helpRequestListSchema = named('HelpRequestList', z.object({ items: z.array(helpRequestViewSchema), pendingCosigns: z.number(), waits: z.boolean() }));
export type HelpRequestList = z.infer<typeof helpRequestListSchema>;
