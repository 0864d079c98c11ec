import { Injectable } from '@nestjs/common';
import { grantCoversPath, resolveUnit, stageWaitsForCoSign, type CompiledWorkflow, type JsonObject, type Role, type StepContext, type WorkItemEvent, type WorkItemSnapshot } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { toEngineActor, type ActingAs } from './actor';
import { OrgGateway, type Holding } from '../../org/index';
import { HelpRequestRepository } from '../help/help-request.repository';

export interface ContextInput {
  compiled: CompiledWorkflow;
  itemId: string;
  unitId: string;
  data: Record<string, unknown>;
  snapshot: WorkItemSnapshot | null;
  event: WorkItemEvent;
  acting: ActingAs;
  now: Date;
  /** A tree slice already loaded for a batch. */
  tree?: TreeSlice;
}

export type TreeSlice = Awaited<ReturnType<OrgGateway['treeViewFor']>>;

export type BuiltContext = StepContext & { pathOf(unitId: string): string | undefined };

function collectSelectorRefs(def: CompiledWorkflow['definition'], data: Record<string, unknown>): { codes: string[]; unitIds: string[]; personFields: string[] } {
  const codes = new Set<string>();
  const unitIds = new Set<string>();
  const personFields = new Set<string>();
  const visit = (sel: unknown): void => {
    if (!sel || typeof sel !== 'object') return;
    const s = sel as { kind?: string; unitCode?: string; field?: string };
    if (s.kind === 'fixed' && s.unitCode) codes.add(s.unitCode);
    if (s.kind === 'from_data' && s.field && typeof data[s.field] === 'string') {
      const v = data[s.field] as string;
      if (/^[0-9a-f-]{36}$/i.test(v)) unitIds.add(v);
      else codes.add(v);
    }
  };
  for (const stage of Object.values(def.stages)) {
    visit(stage.actor?.unit);
    if (stage.actor?.assignment?.mode === 'direct' && stage.actor.assignment.person.kind === 'from_data') personFields.add(stage.actor.assignment.person.field);
    visit(stage.vote?.voters.unit);
    visit(stage.vote?.closeBy?.unit);
    visit(stage.fanout?.root);
    visit(stage.documentNumber?.issuer);
    for (const t of stage.transitions ?? []) if (t.by && typeof t.by === 'object') visit(t.by.unit);
    for (const e of stage.deadline?.escalations ?? []) {
      if (e.to && 'unit' in e.to) visit(e.to.unit);
      if (e.to && 'chairOf' in e.to) visit(e.to.chairOf);
    }
  }
  return { codes: [...codes], unitIds: [...unitIds], personFields: [...personFields] };
}

/**
 * Builds what `step` needs, synchronously answerable: the actor's grants, the slice of the tree the
 * definition's selectors can reach (item unit, ancestors, fixed units, grant units), who still holds
 * which role (for continuity and handovers) and the eligible voters of a vote stage.
 */
@Injectable()
export class StepContextFactory {
  constructor(
    private readonly org: OrgGateway,
    private readonly help: HelpRequestRepository,
  ) {}

  /** The tree slice a definition's selectors can reach from these units, for this actor. */
  async treeFor(compiled: CompiledWorkflow, itemUnitIds: readonly string[], acting: ActingAs, m?: EntityManager, data: Record<string, unknown> = {}, extra: readonly string[] = []): Promise<TreeSlice> {
    const refs = collectSelectorRefs(compiled.definition, data);
    const unitIds = new Set<string>([...itemUnitIds, ...refs.unitIds, ...extra]);
    if (acting.kind === 'user') for (const r of acting.principal.roles) unitIds.add(r.unitId);
    return this.org.treeViewFor([...unitIds], refs.codes, m);
  }

  /**
   * Whether a slice read ahead (with the item: WorkItemRepository.byIdWithTree) holds every unit `build` would
   * read for this input: the item's unit, the assigned unit, the fan-out root, the actor's role units, units named
   * in the data and by code. A unit present comes with its ancestors (it was a base of the read, or an ancestor
   * of one), so presence is enough.
   */
  covers(input: Omit<ContextInput, 'tree'>, slice: TreeSlice): boolean {
    const refs = collectSelectorRefs(input.compiled.definition, input.data);
    const ids = [input.unitId, ...refs.unitIds];
    if (input.snapshot?.assignment) ids.push(input.snapshot.assignment.unitId);
    if (input.snapshot?.fanout) ids.push(input.snapshot.fanout.rootUnitId);
    if (input.acting.kind === 'user') for (const r of input.acting.principal.roles) ids.push(r.unitId);
    return ids.every((id) => slice.pathOf(id) !== undefined) && refs.codes.every((c) => slice.unit(c) !== undefined);
  }

  /** The chairs of the units the current stage's escalation steps name, and the named persons' ids (active accounts). */
  private async escalationReceivers(compiled: CompiledWorkflow, snapshot: WorkItemSnapshot, input: ContextInput, tree: TreeSlice, m?: EntityManager): Promise<{ chairs: Map<string, string>; persons: Map<string, string> }> {
    const steps = compiled.definition.stages[snapshot.stage]?.deadline?.escalations ?? [];
    const chairUnits = new Set<string>();
    const usernames = new Set<string>();
    for (const e of steps) {
      if (!e.to) continue;
      if ('chairOf' in e.to) {
        const unit = resolveUnit(e.to.chairOf, input.unitId, tree, input.data as JsonObject);
        if (unit) chairUnits.add(unit.id);
      }
      if ('person' in e.to) usernames.add(e.to.person.username);
    }
    const [chairs, persons] = await Promise.all([this.org.chairsOf([...chairUnits], m), this.org.activeUserIdsByUsername([...usernames], m)]);
    return { chairs, persons };
  }

  /** `ctx.holdsRole` extended with the role holdings of more people (an early commitment's holder). */
  async holdsRoleWith(ctx: BuiltContext, userIds: readonly string[], m?: EntityManager): Promise<NonNullable<StepContext['holdsRole']>> {
    const extra = new Set(userIds);
    const holdings = await this.org.holdingsOf([...extra].filter((p) => /^[0-9a-f-]{36}$/i.test(p)), m);
    const before = ctx.holdsRole;
    return (userId: string, role: Role, unitId: string): boolean => {
      if (!extra.has(userId)) return before ? before(userId, role, unitId) : true;
      const path = ctx.pathOf(unitId);
      return holdings.some((h: Holding) => h.userId === userId && h.role === role && (h.unitId === unitId || (path !== undefined && grantCoversPath(h, path, 'act'))));
    };
  }

  async build(input: ContextInput, m?: EntityManager): Promise<BuiltContext> {
    const { compiled, snapshot, event, acting } = input;
    const def = compiled.definition;
    const refs = collectSelectorRefs(def, input.data);
    const extra: string[] = [];
    if (snapshot?.assignment) extra.push(snapshot.assignment.unitId);
    if (snapshot?.fanout) extra.push(snapshot.fanout.rootUnitId);
    const tree = input.tree ?? (await this.treeFor(compiled, [input.unitId], acting, m, input.data, extra));

    const people = new Set<string>();
    if (snapshot) {
      for (const u of Object.values(snapshot.returnedBy)) people.add(u);
      for (const a of Object.values(snapshot.acted)) people.add(a.userId);
      if (snapshot.submitterId) people.add(snapshot.submitterId);
    }
    for (const f of refs.personFields) if (typeof input.data[f] === 'string') people.add(input.data[f] as string);
    if ('toUserId' in event && typeof event.toUserId === 'string') people.add(event.toUserId);
    // An escalation of the current stage naming a chair or a person: who they are, and whether they hold the role.
    const receivers = event.type === 'timer.fired' && event.kind === 'escalation' && snapshot ? await this.escalationReceivers(compiled, snapshot, input, tree, m) : undefined;
    for (const id of receivers?.chairs.values() ?? []) people.add(id);
    for (const id of receivers?.persons.values() ?? []) people.add(id);
    // Chained execution: whether the person acting may act at the next stage.
    const chains = Object.values(def.stages).some((st) => st.actor?.chained);
    if (chains && acting.kind === 'user') people.add(acting.principal.userId);
    // Who still holds a role matters only for continuity (returners), direct assignment, handovers, escalations and chains.
    const needsHoldings =
      Object.keys(snapshot?.returnedBy ?? {}).length > 0 ||
      'toUserId' in event ||
      chains ||
      (receivers !== undefined && receivers.chairs.size + receivers.persons.size > 0) ||
      Object.values(def.stages).some((st) => st.actor?.assignment?.mode === 'direct');
    const holdings = needsHoldings ? await this.org.holdingsOf([...people].filter((p) => /^[0-9a-f-]{36}$/i.test(p)), m) : [];
    const holdsRole = (userId: string, role: Role, unitId: string): boolean => {
      const path = tree.pathOf(unitId);
      return holdings.some((h: Holding) => h.userId === userId && h.role === role && (h.unitId === unitId || (path !== undefined && grantCoversPath(h, path, 'act'))));
    };

    let eligibleVoterIds: string[] | undefined;
    const currentStage = snapshot?.stage ?? def.initialStage;
    const voteStageId = [currentStage, ...(def.stages[currentStage]?.transitions ?? []).map((t) => t.target ?? '')].find((s) => def.stages[s]?.kind === 'vote');
    const voteStage = voteStageId ? def.stages[voteStageId] : undefined;
    if (voteStage?.vote) {
      const voterUnit = snapshot && snapshot.stage === voteStageId && snapshot.assignment ? snapshot.assignment.unitId : undefined;
      const unitId = voterUnit ?? resolveUnit(voteStage.vote.voters.unit, input.unitId, tree, input.data as JsonObject)?.id;
      if (unitId) eligibleVoterIds = await this.org.usersHoldingRole(voteStage.vote.voters.role, unitId, {}, m);
    }

    // A stage whose decision waits for co-signatures: the counts of its current entry (one indexed statement).
    const coSign = snapshot && stageWaitsForCoSign(def, snapshot.stage) ? await this.help.coSignState(input.itemId, snapshot.seq, m) : undefined;

    return {
      actor: toEngineActor(acting),
      now: input.now.toISOString(),
      item: { id: input.itemId, unitId: input.unitId, data: input.data as JsonObject, submitterId: snapshot?.submitterId ?? null },
      tree,
      holdsRole,
      ...(receivers ? { chairOf: (unitId: string) => receivers.chairs.get(unitId), userIdOf: (username: string) => receivers.persons.get(username) } : {}),
      ...(eligibleVoterIds ? { eligibleVoterIds } : {}),
      ...(coSign ? { coSign } : {}),
      pathOf: (id: string) => tree.pathOf(id),
    };
  }
}
