import { Injectable } from '@nestjs/common';
import type { WorkItemView } from '@thidua/contracts';
import type { CompiledWorkflow } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { covers } from '../../../common/auth/scope';
import type { Principal } from '../../../common/auth/principal';
import { OrgGateway } from '../../org/index';
import { needsVotedStages, toItemView, type VoteViewer } from './item-view';
import { WorkItemEventRepository } from './work-item-event.repository';
import type { WorkItemRecord } from './work-item.repository';

/** Who reads an item's view: the caller's id and grants (the vote part is limited by THE scope rule). */
export type ItemReader = Pick<Principal, 'userId' | 'roles'>;

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

  async viewer(item: WorkItemRecord, compiled: CompiledWorkflow | undefined, reader: ItemReader | null, m?: EntityManager): Promise<VoteViewer | undefined> {
    if (!compiled || reader === null) return undefined;
    const userId = reader.userId;
    const out: VoteViewer = { userId, reads: false };
    const stages = compiled.definition.stages;
    const stage = stages[item.stage];
    const open = item.status !== 'final' && stage?.kind === 'vote' && stage.vote !== undefined && item.snapshot.vote !== null;
    const results = item.snapshot.voteResults ?? {};
    const voteStage = open ? item.stage : ([...(item.snapshot.trail ?? [])].reverse().find((s) => results[s]) ?? Object.keys(results).pop());
    const spec = voteStage ? stages[voteStage]?.vote : undefined;
    if (!voteStage || !spec) return out;
    // Ballots are read only by the deciding unit's eligible voters and secretary (the vote's closer), at that unit
    // exactly, and by supervisors/admins over it (docs/access-control.md, "Ballots").
    const unitId = open ? item.assignedUnitId : (results[voteStage]?.unitId ?? null);
    const unit = unitId ? await this.org.unit(unitId, m) : undefined;
    if (!unit) return out;
    const holds = (roles: NonNullable<Parameters<typeof covers>[3]>['roles'], exact: boolean) => covers(reader, unit.path, 'act', { roles, workflow: item.workflowKey, ownUnitOnly: exact });
    const eligibleList = open ? (item.snapshot.vote?.eligible ?? null) : null;
    const isVoter = holds([spec.voters.role], true) && (eligibleList === null || eligibleList.includes(userId));
    const isCloser = holds([spec.closeBy?.role ?? 'council_secretary'], true);
    const isSupervisor = holds(['supervisor', 'admin'], false);
    out.reads = isVoter || isCloser || isSupervisor;
    if (!out.reads) return out;
    if (open && stage.vote && item.snapshot.vote?.eligible === null && item.assignedUnitId) {
      out.eligibleNow = (await this.org.usersHoldingRole(stage.vote.voters.role, item.assignedUnitId, {}, m)).length;
    }
    if (!open && needsVotedStages(item)) out.votedStages = await this.events.votedStages(item.id, userId, m);
    return out;
  }

  async present(item: WorkItemRecord, compiled: CompiledWorkflow | undefined, reader: ItemReader | null, m?: EntityManager): Promise<WorkItemView> {
    return toItemView(item, compiled, new Date(), await this.viewer(item, compiled, reader, m));
  }

  /** Whether the reader may read the item's vote records (the `vote.cast` rows of its history). */
  async readsVote(item: WorkItemRecord, compiled: CompiledWorkflow, reader: ItemReader): Promise<boolean> {
    return (await this.viewer(item, compiled, reader))?.reads ?? false;
  }
}
