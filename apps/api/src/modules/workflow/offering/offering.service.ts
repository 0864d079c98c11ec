import { Injectable } from '@nestjs/common';
import type { Role, CommitmentView, CommitToStageRequest, UpcomingListView, WithdrawnCommitmentsView, WithdrawCommitmentQuery } from '@thidua/contracts';
import { commitmentRefusal } from '@thidua/workflow-core';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { Principal } from '../../../common/auth/principal';
import { actorPathFor, covers } from '../../../common/auth/scope';
import { AppError } from '../../../common/errors/app-error';
import { OrgGateway } from '../../org/index';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { InboxService } from '../inbox/inbox.service';
import { ItemVisibility } from '../items/item-visibility';
import { WorkItemRepository, type WorkItemRecord } from '../items/work-item.repository';
import { OfferingRepository } from './offering.repository';

/** How many upcoming stages the list answers (most imminent first). */
const UPCOMING_LIMIT = 100;

/**
 * Early offering (issue 15, line 6; workflow-core offering.ts): the people a not-yet-open stage will be offered to
 * see the item in their "upcoming" list and may commit to take it; the commitment becomes the allocation when the
 * stage opens (ItemRuntime reads it and the engine honours or skips it). Who may commit is decided by the scope rule
 * (`covers` for the stage's role at its unit, with the grant's workflows) and separation of duties by the engine's
 * rule; someone who could not be offered any upcoming stage and cannot see the item gets the same 404 as for a
 * random id.
 */
@Injectable()
export class OfferingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offering: OfferingRepository,
    private readonly items: WorkItemRepository,
    private readonly definitions: CompiledDefinitions,
    private readonly visibility: ItemVisibility,
    private readonly inbox: InboxService,
    private readonly org: OrgGateway,
    private readonly audit: AuditService,
  ) {}

  async upcoming(principal: Principal): Promise<UpcomingListView> {
    const rows = await this.offering.upcomingFor(principal.userId, this.inbox.scopesOf(principal), UPCOMING_LIMIT);
    const defs = new Map<string, Awaited<ReturnType<CompiledDefinitions['byId']>>['compiled']>();
    for (const id of new Set(rows.map((r) => r.definitionId))) defs.set(id, (await this.definitions.byId(id)).compiled);
    return {
      items: rows.map((r) => {
        const stages = defs.get(r.definitionId)?.definition.stages ?? {};
        return {
          itemId: r.itemId,
          workflow: r.workflowKey,
          title: r.title,
          unitId: r.unitId,
          unitName: r.unitName,
          currentStage: r.currentStage,
          currentStageName: stages[r.currentStage]?.name ?? null,
          stage: r.stage,
          stageName: stages[r.stage]?.name ?? null,
          distance: r.distance,
          committedBy: r.committedUserId ? { userId: r.committedUserId, fullName: r.committedName ?? '' } : null,
          isCommittedByMe: r.committedUserId === principal.userId,
          updatedAt: new Date(r.updatedAt).toISOString(),
        };
      }),
    };
  }

  /** The item, when the caller could be offered one of its upcoming stages or may see it; else 404 as for a random id. */
  private async reachable(principal: Principal, itemId: string): Promise<{ item: WorkItemRecord; upcoming: Array<{ stage: string; unitPath: string; role: Role }> }> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    const upcoming = await this.offering.upcomingOf(itemId);
    const offered = upcoming.some((u) => covers(principal, u.unitPath, 'act', { roles: [u.role], workflow: item.workflowKey }));
    if (!offered && !this.visibility.canSee(principal, item)) throw AppError.notFound('item');
    return { item, upcoming };
  }

  async commit(principal: Principal, itemId: string, body: CommitToStageRequest): Promise<CommitmentView> {
    const { item, upcoming } = await this.reachable(principal, itemId);
    const { compiled } = await this.definitions.byId(item.definitionId);
    const def = compiled.definition;
    const offer = upcoming.find((u) => u.stage === body.stage);
    if (!offer) throw new AppError('NOT_UPCOMING', { details: { stage: body.stage } });
    if (!covers(principal, offer.unitPath, 'act', { roles: [offer.role], workflow: item.workflowKey })) throw AppError.forbidden({ needs: [offer.role] });
    const refusal = commitmentRefusal(def, item.snapshot, body.stage, principal.userId);
    if (refusal === 'not_upcoming') throw new AppError('NOT_UPCOMING', { details: { stage: body.stage } });
    if (refusal === 'separation_of_duties') throw new AppError('SEPARATION_OF_DUTIES', { details: { stage: body.stage, action: 'commit' } });
    const made = await this.dataSource.transaction(async (m) => {
      // The item row is locked and read again: a step that moved it meanwhile leaves the stage no longer upcoming.
      await this.items.lock(m, item.id);
      const now = await this.items.byId(item.id, m);
      if (!now || now.version !== item.version) {
        if (!now || commitmentRefusal(def, now.snapshot, body.stage, principal.userId) !== null) throw new AppError('NOT_UPCOMING', { details: { stage: body.stage } });
      }
      const inserted = await this.offering.insertCommitment(m, item.id, body.stage, principal.userId);
      if (!inserted) return null;
      // A step of this item prepared meanwhile read no commitment: its save must lose rather than open the stage without it.
      await this.items.bumpVersion(m, item.id);
      await this.audit.record(m, {
        action: 'item.commitment_made',
        entityType: 'item',
        entityId: item.id,
        actorUserId: principal.userId,
        actorUnitPath: actorPathFor(principal, offer.unitPath),
        details: { stage: body.stage },
      });
      return inserted;
    });
    if (!made) {
      const held = await this.offering.commitmentFor(item.id, body.stage);
      // Committing again to one's own commitment answers it (a retried request).
      if (held?.userId === principal.userId) return { itemId: item.id, stage: body.stage, stageName: def.stages[body.stage]?.name ?? null, userId: principal.userId, createdAt: held.createdAt.toISOString() };
      const holder = held ? await this.org.userLabel(held.userId) : undefined;
      throw new AppError('COMMITMENT_TAKEN', {
        params: { holder: holder ? `${holder.fullName} (${holder.username})` : '?' },
        details: { stage: body.stage, holder: holder ? { id: holder.id, fullName: holder.fullName, username: holder.username } : null },
      });
    }
    return { itemId: item.id, stage: body.stage, stageName: def.stages[body.stage]?.name ?? null, userId: principal.userId, createdAt: new Date(made.createdAt).toISOString() };
  }

  async withdraw(principal: Principal, itemId: string, q: WithdrawCommitmentQuery): Promise<WithdrawnCommitmentsView> {
    const { item } = await this.reachable(principal, itemId);
    const stages = await this.dataSource.transaction(async (m) => {
      await this.items.lock(m, item.id);
      const gone = await this.offering.withdraw(m, item.id, principal.userId, q.stage);
      if (gone.length > 0) {
        await this.items.bumpVersion(m, item.id);
        await this.audit.record(m, {
          action: 'item.commitment_withdrawn',
          entityType: 'item',
          entityId: item.id,
          actorUserId: principal.userId,
          actorUnitPath: actorPathFor(principal, item.unitPath),
          details: { stages: gone },
        });
      }
      return gone;
    });
    if (stages.length === 0) throw AppError.notFound('commitment');
    return { itemId: item.id, stages };
  }
}
