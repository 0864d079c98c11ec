import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';

/* Help and co-sign requests (issue 15, line 6): the holder of an item asks named colleagues to help or co-sign. */

export const HELP_REQUEST_KINDS = ['help', 'cosign'] as const;
export type HelpRequestKind = (typeof HELP_REQUEST_KINDS)[number];
/** `lapsed`: still open when the item left the stage entry it was asked at. */
export const HELP_REQUEST_STATUSES = ['open', 'replied', 'signed', 'declined', 'cancelled', 'lapsed'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

export interface HelpPersonView {
  userId: string;
  username: string;
  fullName: string;
}

export interface HelpRequestView {
  id: string;
  itemId: string;
  itemTitle: string;
  /** The stage the request was made at, and its name. */
  stage: string;
  stageName: { vi: string; en?: string } | null;
  kind: HelpRequestKind;
  status: HelpRequestStatus;
  message: string;
  from: HelpPersonView;
  to: HelpPersonView;
  /** The reply (help) or the reason of a decline or a cancellation. */
  answer: string | null;
  createdAt: string;
  answeredAt: string | null;
}

/** Where the co-signing of the current stage entry stands (null when the stage has no co-signing). */
export interface CoSignStatusView {
  required: boolean;
  needed: number;
  signed: number;
  open: number;
  waitsForAll: boolean;
  /** Whether the holder's forward decision waits now (COSIGN_PENDING). */
  waits: boolean;
}

/** GET /items/:id/help-requests: the requests of the item, and what the caller may do. */
export interface ItemHelpView {
  /** What the current stage allows asking for. */
  kinds: HelpRequestKind[];
  /** Whether the caller holds the work and may ask now. */
  canAsk: boolean;
  coSign: CoSignStatusView | null;
  requests: HelpRequestView[];
}

/** POST /items/:id/help-requests. People by user id or username; each must read the item (HELP_RECIPIENT_CANNOT_READ). */
export const createHelpRequestSchema = z
  .object({
    kind: z.enum(HELP_REQUEST_KINDS),
    userIds: z.array(z.uuid()).max(20).optional(),
    usernames: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    message: z.string().trim().min(1).max(2000),
    /** The item version the caller saw (409 ITEM_CHANGED when it moved). */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();
export type CreateHelpRequest = z.infer<typeof createHelpRequestSchema>;

/** POST /help-requests/:id/reply. */
export const replyHelpRequestSchema = z.object({ text: z.string().trim().min(1).max(2000) });
export type ReplyHelpRequest = z.infer<typeof replyHelpRequestSchema>;
/** POST /help-requests/:id/decline: a co-sign request declined with a reason. */
export const declineHelpRequestSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export type DeclineHelpRequest = z.infer<typeof declineHelpRequestSchema>;
/** POST /help-requests/:id/sign and /cancel: an optional note. */
export const signHelpRequestSchema = z.object({ note: z.string().trim().max(2000).optional() });
export type SignHelpRequest = z.infer<typeof signHelpRequestSchema>;
export const cancelHelpRequestSchema = z.object({ reason: z.string().trim().max(2000).optional() });
export type CancelHelpRequest = z.infer<typeof cancelHelpRequestSchema>;

/** GET /help-requests: requests addressed to me ("Được nhờ hỗ trợ"); open ones by default. */
export const helpInboxQuerySchema = z.object({ status: z.enum(['open', 'all']).default('open') });
export type HelpInboxQuery = z.infer<typeof helpInboxQuerySchema>;

export const helpPersonViewSchema = named('HelpPersonView', z.object({ userId: z.string(), username: z.string(), fullName: z.string() }));

export const helpRequestViewSchema = named('HelpRequestView', z.object({
  id: z.string(),
  itemId: z.string(),
  itemTitle: z.string(),
  stage: z.string(),
  stageName: z.object({ vi: z.string(), en: z.string().optional() }).nullable(),
  kind: z.enum(HELP_REQUEST_KINDS),
  status: z.enum(HELP_REQUEST_STATUSES),
  message: z.string(),
  from: helpPersonViewSchema,
  to: helpPersonViewSchema,
  answer: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
}));

export const coSignStatusViewSchema = named('CoSignStatusView', z.object({
  required: z.boolean(),
  needed: z.number(),
  signed: z.number(),
  open: z.number(),
  waitsForAll: z.boolean(),
  waits: z.boolean(),
}));

export const itemHelpViewSchema = named('ItemHelpView', z.object({
  kinds: z.array(z.enum(HELP_REQUEST_KINDS)),
  canAsk: z.boolean(),
  coSign: coSignStatusViewSchema.nullable(),
  requests: z.array(helpRequestViewSchema),
}));

export type _HelpRequestChecks = [
  Expect<Same<z.output<typeof helpPersonViewSchema>, HelpPersonView>>,
  Expect<Same<z.output<typeof helpRequestViewSchema>, HelpRequestView>>,
  Expect<Same<z.output<typeof coSignStatusViewSchema>, CoSignStatusView>>,
  Expect<Same<z.output<typeof itemHelpViewSchema>, ItemHelpView>>,
];
