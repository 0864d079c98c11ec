import { Injectable } from '@nestjs/common';
import { mentionHandles, type CommentMentionView, type CreateItemCommentRequest, type ItemCommentView } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { Principal } from '../../../common/auth/principal';
import { actorPathFor } from '../../../common/auth/scope';
import { AppError } from '../../../common/errors/app-error';
import { PrincipalAccess } from '../../org/index';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { ItemVisibility } from '../items/item-visibility';
import { WorkItemRepository, type WorkItemRecord } from '../items/work-item.repository';
import { JOBS, OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxRepository } from '../outbox/outbox.repository';
import { CommentRepository, type CommentRow, type PersonRow } from './comment.repository';

/** The notification a mentioned person gets (its own template, rendered by notifications' `mention-templates.ts`). */
export const MENTION_TEMPLATE = 'item.mentioned';
const MAX_COMMENTS = 500;
const CANDIDATE_POOL = 60;
const CANDIDATES = 10;

function view(r: CommentRow): ItemCommentView {
  return {
    id: r.id,
    itemId: r.itemId,
    authorId: r.authorId,
    authorUsername: r.authorUsername,
    authorName: r.authorName,
    body: r.body,
    mentions: r.mentions,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/**
 * Comments on an item (issue 19): whoever reads the item in full may read and write them; a comment may mention
 * people who read the item too (`@username` in the text, or picked from the candidates), each told once by an
 * in-app notification (and e-mail) through the outbox, written in the comment's transaction with its audit row.
 * A mention of anyone else is refused (422 MENTION_NOT_ALLOWED) before anything is written: nobody learns of an
 * item they cannot read.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly definitions: CompiledDefinitions,
    private readonly visibility: ItemVisibility,
    private readonly comments: CommentRepository,
    private readonly principals: PrincipalAccess,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly audit: AuditService,
  ) {}

  private async readable(principal: Principal, itemId: string): Promise<{ item: WorkItemRecord; viewerSeesAll: boolean }> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    const { compiled } = await this.definitions.byId(item.definitionId);
    const viewerSeesAll = compiled.definition.viewerVisibility === 'all';
    this.visibility.assertCanRead(principal, item, { viewerSeesAll });
    return { item, viewerSeesAll };
  }

  /** Whether this person reads the item in full (their own principal, delegations included). */
  private async reads(person: PersonRow, item: WorkItemRecord, viewerSeesAll: boolean): Promise<boolean> {
    if (person.status !== 'active') return false;
    const p = await this.principals.findPrincipal(person.id);
    return !!p && this.visibility.readLevel(p, item, { viewerSeesAll }) === 'all';
  }

  async list(principal: Principal, itemId: string): Promise<ItemCommentView[]> {
    await this.readable(principal, itemId);
    return (await this.comments.forItem(itemId, MAX_COMMENTS)).map(view);
  }

  /** People who read the item, by name or username (for the mention autocomplete); the caller left out. */
  async candidates(principal: Principal, itemId: string, q: string): Promise<CommentMentionView[]> {
    const { item, viewerSeesAll } = await this.readable(principal, itemId);
    const out: CommentMentionView[] = [];
    for (const person of await this.comments.search(q, CANDIDATE_POOL)) {
      if (person.id === principal.userId) continue;
      if (await this.reads(person, item, viewerSeesAll)) out.push({ userId: person.id, username: person.username, fullName: person.fullName });
      if (out.length >= CANDIDATES) break;
    }
    return out;
  }

  async create(principal: Principal, itemId: string, input: CreateItemCommentRequest): Promise<ItemCommentView> {
    const { item, viewerSeesAll } = await this.readable(principal, itemId);
    const handles = mentionHandles(input.body);
    const ids = [...new Set(input.mentionUserIds ?? [])];
    const people = await this.comments.people(ids, handles);
    const refused: string[] = [];
    // Handles that name nobody, ids of nobody, and people who do not read the item: refused alike (no probing).
    for (const h of handles) if (!people.some((p) => p.username.toLowerCase() === h)) refused.push(`@${h}`);
    for (const id of ids) if (!people.some((p) => p.id === id)) refused.push(id);
    const mentioned: PersonRow[] = [];
    for (const person of people) {
      if (person.id === principal.userId) continue;
      if (await this.reads(person, item, viewerSeesAll)) mentioned.push(person);
      else refused.push(`@${person.username}`);
    }
    if (refused.length > 0) throw new AppError('MENTION_NOT_ALLOWED', { params: { handles: refused.filter((r) => r.startsWith('@')).join(', ') || '—' }, details: { refused: refused.filter((r) => r.startsWith('@')) } });
    const author = (await this.comments.people([principal.userId], []))[0];
    const excerpt = input.body.length > 140 ? `${input.body.slice(0, 139)}…` : input.body;
    const { id, outbox } = await this.dataSource.transaction(async (m) => {
      const newId = await this.comments.insert(m, { itemId, authorId: principal.userId, body: input.body, mentionUserIds: mentioned.map((p) => p.id) });
      await this.audit.record(m, {
        action: 'item.commented',
        entityType: 'item',
        entityId: itemId,
        actorUserId: principal.userId,
        actorUnitPath: actorPathFor(principal, item.unitPath),
        details: { commentId: newId, mentionedUserIds: mentioned.map((p) => p.id) },
      });
      const messages = await this.outbox.add(
        m,
        mentioned.map((p) => ({
          topic: JOBS.notify,
          payload: { to: { userId: p.id }, template: MENTION_TEMPLATE, params: { title: item.title, author: author?.fullName ?? '', excerpt, commentId: newId }, itemId },
        })),
      );
      return { id: newId, outbox: messages };
    });
    this.dispatcher.dispatchSoon(outbox);
    return view((await this.comments.byId(id))!);
  }
}
