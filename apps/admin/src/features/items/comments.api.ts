import type { CommentMentionView, CreateItemCommentRequest, ItemCommentView } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Comments of an item and whom they may mention (issue 19). */
export function listComments(id: string, signal?: AbortSignal): Promise<ItemCommentView[]> {
  return data(api.GET('/items/{id}/comments', { params: { path: { id } }, signal }));
}

export function createComment(id: string, body: CreateItemCommentRequest): Promise<ItemCommentView> {
  return data(api.POST('/items/{id}/comments', { params: { path: { id } }, body }));
}

export function mentionCandidates(id: string, q: string, signal?: AbortSignal): Promise<CommentMentionView[]> {
  return data(api.GET('/items/{id}/mention-candidates', { params: { path: { id }, query: { q } }, signal }));
}
