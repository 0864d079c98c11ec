import { Injectable } from '@nestjs/common';
import type { InspectionStatus, InspectionView, RecordFindingsRequest, ScheduleInspectionRequest, SubmitCorrectiveActionRequest, VerifyCorrectiveActionRequest } from '@thidua/contracts';
import type { CompiledWorkflow, WorkItemEvent } from '@thidua/workflow-core';
import type { Principal } from '../../common/auth/principal';
import { AppError, isAppError } from '../../common/errors/app-error';
import { ItemRuntime, ItemsService, type WorkItemRecord, OutboxDispatcher, type OutboxMessage } from '../workflow/index';
import { assertRoleCovering } from '../../common/auth/role-scope';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';

export const INSPECTION_WORKFLOW = 'inspection';
/** Stage tags of the `inspection` definition the campaign binds to (never stage ids). */
export const INSPECTION_TAGS = { scheduled: 'inspection.scheduled', findings: 'inspection.findings', corrective: 'inspection.corrective', verify: 'inspection.verify' } as const;

type Events = Awaited<ReturnType<ItemsService['historyOf']>>;

/** A reproducible sample: Fisher–Yates with a small LCG seeded by the caller. */
export function sampleUnits<T>(units: readonly T[], size: number, seed: number): T[] {
  const a = [...units];
  let s = (seed >>> 0) || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.min(size, a.length));
}

const hasTag = (compiled: CompiledWorkflow, stage: string, tag: string): boolean => (compiled.definition.stages[stage]?.tags ?? []).includes(tag);

/**
 * Inspections (docs/campaigns.md, "Inspections on the runtime"): each inspected unit's inspection IS an
 * `inspection` work item (unit = the inspected unit, `supervisingUnitId` in its data), so its findings, the
 * corrective action's deadline, reminder and escalation are the runtime's (durable timers; no scheduler of this
 * module). These endpoints are thin adapters: each is the item's engine event, taken by the runtime as the caller;
 * the view (status, minutes, findings, due date, escalation) is derived from the item and its history.
 */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly runtime: ItemRuntime,
    private readonly items: ItemsService,
    private readonly cascadeRepo: CampaignCascadeRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async schedule(principal: Principal, campaignId: string, input: ScheduleInspectionRequest, now = new Date()): Promise<InspectionView[]> {
    await this.campaigns.readableCampaign(principal, campaignId);
    const sup = await this.campaigns.requireUnit(input.supervisingUnitId);
    assertRoleCovering(principal, ['supervisor'], sup.path, true);
    const below = (await this.repo.subtree(sup.path)).filter((u) => u.id !== sup.id);
    let targets;
    if (input.unitIds) {
      const byId = new Map(below.map((u) => [u.id, u]));
      const missing = input.unitIds.filter((id) => !byId.has(id));
      if (missing.length) throw AppError.forbidden({ reason: 'units_not_below_supervisor', unitIds: missing });
      targets = input.unitIds.map((id) => byId.get(id)!);
    } else {
      targets = sampleUnits(below.filter((u) => u.kind === 'grassroots_union'), input.sampleSize!, input.seed ?? Date.now());
    }
    const { compiled } = await this.items.publishedDefinition(INSPECTION_WORKFLOW);
    const rows = await Promise.all(targets.map((u) => this.cascadeRepo.unitRow(u.id)));
    const outbox: OutboxMessage[] = [];
    const ids = await this.repo.transaction(async (m) => {
      const specs = rows.map((unit, i) => ({
        unit: unit!,
        title: `Kiểm tra: ${input.topic} — ${targets[i].name}`.slice(0, 500),
        data: { supervisingUnitId: sup.id, scheduledDate: input.scheduledFor, scope: input.topic },
        campaignId,
        parentItemId: null,
      }));
      const created = await this.items.createMany(m, { kind: 'user', principal }, compiled, specs, now);
      outbox.push(...created.outbox);
      // Scheduling is the first stage's work: the items go on to the findings, assigned to the scheduler.
      const locked = await this.items.lockRecords(m, created.rows.map((r) => r.id));
      for (const item of locked) outbox.push(...(await this.stepIn(m, principal, item, { type: 'submit' }, {}, now)));
      return created.rows.map((r) => r.id);
    });
    this.dispatcher.dispatchSoon(outbox);
    return this.views(await this.items.records(ids));
  }

  /** The minutes and findings; with a negative finding the unit has a corrective action due in `correctiveDueDays`. */
  async recordFindings(principal: Principal, id: string, input: RecordFindingsRequest, now = new Date()): Promise<InspectionView> {
    const item = await this.requireItem(principal, id, INSPECTION_TAGS.findings);
    const negative = input.findings.some((f) => f.severity === 'negative');
    const data = {
      minutesRef: input.minutes,
      negativeFindings: negative,
      findings: input.findings.map((f) => f.text).join('\n'),
      findingList: input.findings.map((f) => ({ text: f.text, severity: f.severity })),
      ...(negative ? { correctiveDueDays: input.correctiveDueDays } : {}),
      ...(input.attachmentIds.length ? { minutesAttachmentIds: input.attachmentIds } : {}),
    };
    await this.runtime.act({ kind: 'user', principal }, item.id, { type: 'approve' }, { dataPatch: data, now });
    return this.view(id);
  }

  async submitCorrection(principal: Principal, id: string, input: SubmitCorrectiveActionRequest, now = new Date()): Promise<InspectionView> {
    const item = await this.requireItem(principal, id, INSPECTION_TAGS.corrective);
    await this.runtime.act({ kind: 'user', principal }, item.id, { type: 'submit' }, { dataPatch: { correctiveActions: input.text, ...(input.attachmentIds.length ? { correctiveAttachmentIds: input.attachmentIds } : {}) }, now });
    return this.view(id);
  }

  async verify(principal: Principal, id: string, input: VerifyCorrectiveActionRequest, now = new Date()): Promise<InspectionView> {
    const item = await this.requireItem(principal, id, INSPECTION_TAGS.verify);
    await this.runtime.act({ kind: 'user', principal }, item.id, input.accepted ? { type: 'approve', comment: input.comment } : { type: 'return', comment: input.comment }, { now });
    return this.view(id);
  }

  async list(principal: Principal, campaignId: string): Promise<InspectionView[]> {
    await this.campaigns.readableCampaign(principal, campaignId);
    const items = await this.items.ofCampaign(campaignId, INSPECTION_WORKFLOW);
    // An inspection is its item: listed to those who may read the item (the inspected unit, the supervisors above).
    const visible = await this.items.visibleIds(principal, items);
    return this.views(items.filter((i) => visible.has(i.id)));
  }

  /** Every inspection of a campaign (no scope check: for read models such as the review report, which check their own). */
  async ofCampaign(campaignId: string): Promise<InspectionView[]> {
    return this.views(await this.items.ofCampaign(campaignId, INSPECTION_WORKFLOW));
  }

  async view(id: string): Promise<InspectionView> {
    const [item] = await this.items.records([id]);
    if (!item || item.workflowKey !== INSPECTION_WORKFLOW) throw AppError.notFound('inspection');
    return (await this.views([item]))[0];
  }

  /** The item, which must be at a stage tagged `tag` (else the engine's "not at this step" refusal, as a 422). */
  private async requireItem(principal: Principal, id: string, tag: string): Promise<WorkItemRecord> {
    const [item] = await this.items.records([id]);
    // Access first: an inspection the caller may not read answers exactly as one that does not exist.
    if (!item || item.workflowKey !== INSPECTION_WORKFLOW || !(await this.items.visibleIds(principal, [item])).has(item.id)) throw AppError.notFound('inspection');
    const { compiled } = await this.items.definitionOf(item);
    if (item.status === 'final') throw new AppError('ITEM_FINAL');
    if (!hasTag(compiled, item.stage, tag)) throw new AppError('TRANSITION_REFUSED', { params: { reason: `cuộc kiểm tra đang ở bước ${compiled.definition.stages[item.stage]?.name.vi ?? item.stage}` } });
    return item;
  }

  private async stepIn(m: Parameters<ItemRuntime['save']>[0], principal: Principal, item: WorkItemRecord, event: WorkItemEvent, dataPatch: Record<string, unknown>, now: Date): Promise<OutboxMessage[]> {
    const p = await this.runtime.prepare({ kind: 'user', principal }, item, event, { dataPatch, now }, m);
    try {
      return (await this.runtime.save(m, { kind: 'user', principal }, p, event)).outbox;
    } catch (e) {
      if (!isAppError(e) && e instanceof Error && e.constructor.name === 'LostRace') throw await this.runtime.itemChanged(item.id, principal, 'lost_race');
      throw e;
    }
  }

  /** Inspections as the campaign shows them, derived from the items (stage tags, data, history). */
  private async views(items: readonly WorkItemRecord[]): Promise<InspectionView[]> {
    const history = new Map<string, Events>();
    for (const e of await this.items.historyOf(items.map((i) => i.id))) history.set(e.itemId, [...(history.get(e.itemId) ?? []), e]);
    const out: InspectionView[] = [];
    for (const item of items) {
      const { compiled } = await this.items.definitionOf(item);
      const h = history.get(item.id) ?? [];
      const d = item.data as Record<string, unknown>;
      const at = (tag: string) => item.status !== 'final' && hasTag(compiled, item.stage, tag);
      // Escalated: an escalation timer fired since the item last entered its corrective stage.
      const entered = h.map((e, i) => ({ e, i })).filter(({ e }) => e.toStage === item.stage && e.fromStage !== item.stage).pop()?.i ?? -1;
      const escalation = at(INSPECTION_TAGS.corrective) ? h.slice(entered + 1).find((e) => e.event === 'timer.fired' && (e.details as { kind?: string }).kind === 'escalation') : undefined;
      let status: InspectionStatus = 'scheduled';
      if (item.status === 'final') status = 'closed';
      else if (at(INSPECTION_TAGS.corrective)) status = escalation ? 'escalated' : 'awaiting_correction';
      else if (at(INSPECTION_TAGS.verify)) status = 'correction_submitted';
      const list = Array.isArray(d.findingList) ? (d.findingList as Array<{ text: string; severity: 'positive' | 'negative' }>) : [];
      out.push({
        id: item.id,
        campaignId: item.campaignId ?? '',
        supervisingUnitId: String(d.supervisingUnitId ?? ''),
        unitId: item.unitId,
        topic: String(d.scope ?? ''),
        scheduledFor: String(d.scheduledDate ?? ''),
        status,
        minutes: typeof d.minutesRef === 'string' ? d.minutesRef : null,
        attachmentIds: [...(Array.isArray(d.minutesAttachmentIds) ? (d.minutesAttachmentIds as string[]) : []), ...(Array.isArray(d.correctiveAttachmentIds) ? (d.correctiveAttachmentIds as string[]) : [])],
        findings: list,
        correctiveDueAt: at(INSPECTION_TAGS.corrective) ? (item.dueAt?.toISOString() ?? null) : null,
        correctiveAction: typeof d.correctiveActions === 'string' ? d.correctiveActions : null,
        escalatedAt: escalation ? new Date(escalation.occurredAt).toISOString() : null,
        closedAt: item.status === 'final' ? item.updatedAt.toISOString() : null,
      });
    }
    return out;
  }
}
