import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';

/* Comments on an item, with @mentions (issue 19, line 5). */

/** A person named in a comment (one who reads the item). */
export interface CommentMentionView {
  userId: string;
  username: string;
  fullName: string;
}

export interface ItemCommentView {
  id: string;
  itemId: string;
  authorId: string;
  authorUsername: string;
  authorName: string;
  body: string;
  mentions: CommentMentionView[];
  createdAt: string;
}

/**
 * POST /items/:id/comments. Mentions are the `@username` handles in the text and the people picked from the
 * autocomplete (`mentionUserIds`); every one must read the item, or the comment is refused (MENTION_NOT_ALLOWED).
 */
export const createItemCommentSchema = z
  .object({
    body: z.string().trim().min(1).max(5000),
    mentionUserIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict();
export type CreateItemCommentRequest = z.infer<typeof createItemCommentSchema>;

/** GET /items/:id/mention-candidates: people who read the item, by name or username. */
export const mentionCandidatesQuerySchema = z.object({ q: z.string().trim().max(100).default('') });
export type MentionCandidatesQuery = z.infer<typeof mentionCandidatesQuerySchema>;

/** `@handle` tokens of a comment: a username is letters, digits, `.`, `_` or `-`. */
export function mentionHandles(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(/(^|[^\w.@-])@([A-Za-z0-9._-]{2,100})/g)) out.add((m[2] ?? '').replace(/[.-]+$/, '').toLowerCase());
  return [...out].filter((h) => h.length >= 2);
}

export const commentMentionViewSchema = named('CommentMentionView', z.object({ userId: z.string(), username: z.string(), fullName: z.string() }));

export const itemCommentViewSchema = named('ItemCommentView', z.object({
  id: z.string(),
  itemId: z.string(),
  authorId: z.string(),
  authorUsername: z.string(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(commentMentionViewSchema),
  createdAt: z.string(),
}));

export type _CommentChecks = [
  Expect<Same<z.output<typeof commentMentionViewSchema>, CommentMentionView>>,
  Expect<Same<z.output<typeof itemCommentViewSchema>, ItemCommentView>>,
];
