import { Injectable } from '@nestjs/common';
import type { WorkItemView } from '@thidua/contracts';
import type { CompiledWorkflow } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { OrgGateway } from '../../org';
import { needsVotedStages, toItemView, voteView, type VoteViewer } from './item-view';
import { WorkItemEventRepository } from './work-item-event.repository';
import type { WorkItemRecord } from './work-item.repository';

/**
 * An item as one caller sees it: `toItemView` plus what the vote part needs about the caller, read only when the
 * item holds a vote (whether the caller voted in a closed vote; the eligible count of an open vote whose voters the
 * snapshot has not fixed yet).
 */
@Injectable()
export class ItemViews {
  constructor(
    private readonly events: WorkItemEventRepository,
    private readonly org: OrgGateway,
  ) {}

  async viewer(item: WorkItemRecord, compiled: CompiledWorkflow | undefined, userId: string | null, m?: EntityManager): Promise<VoteViewer | undefined> {
    if (!compiled || userId === null) return undefined;
    const out: VoteViewer = { userId };
    const stage = compiled.definition.stages[item.stage];
    const open = item.status !== 'final' && stage?.kind === 'vote' && stage.vote !== undefined && item.snapshot.vote !== null;
    if (open && stage.vote && item.snapshot.vote?.eligible === null && item.assignedUnitId) {
      out.eligibleNow = (await this.org.usersHoldingRole(stage.vote.voters.role, item.assignedUnitId, {}, m)).length;
    }
    if (!open && needsVotedStages(item) && voteView(item, compiled) !== null) out.votedStages = await this.events.votedStages(item.id, userId, m);
    return out;
  }

  async present(item: WorkItemRecord, compiled: CompiledWorkflow | undefined, userId: string | null, m?: EntityManager): Promise<WorkItemView> {
    return toItemView(item, compiled, new Date(), await this.viewer(item, compiled, userId, m));
  }
}
