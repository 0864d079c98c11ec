import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { InspectionView, RecordFindingsRequest, ScheduleInspectionRequest, SubmitCorrectiveActionRequest, VerifyCorrectiveActionRequest } from '@thidua/contracts';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { JOBS, OutboxDispatcher } from '../workflow/outbox/outbox-dispatcher';
import { actorPath, assertRoleCovering } from './campaign-scope';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { InspectionEntity } from './inspection.entity';

function toView(i: InspectionEntity): InspectionView {
  return {
    id: i.id,
    campaignId: i.campaignId,
    supervisingUnitId: i.supervisingUnitId,
    unitId: i.unitId,
    topic: i.topic,
    scheduledFor: i.scheduledFor,
    status: i.status,
    minutes: i.minutes,
    attachmentIds: i.attachmentIds,
    findings: i.findings,
    correctiveDueAt: i.correctiveDueAt?.toISOString() ?? null,
    correctiveAction: i.correctiveAction,
    escalatedAt: i.escalatedAt?.toISOString() ?? null,
    closedAt: i.closedAt?.toISOString() ?? null,
  };
}

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

/**
 * Inspections: a supervising union inspects one unit or a sample below it; findings with minutes;
 * negative findings need a corrective action that the supervisor verifies; overdue ones escalate.
 */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditService,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async schedule(principal: Principal, campaignId: string, input: ScheduleInspectionRequest): Promise<InspectionView[]> {
    await this.campaigns.requireCampaign(campaignId);
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
    const batchId = randomUUID();
    const rows = await this.repo.transaction(async (m) => {
      const out: InspectionEntity[] = [];
      for (const u of targets) {
        const row = await this.repo.save(m, this.repo.create(m, InspectionEntity, { campaignId, supervisingUnitId: sup.id, unitId: u.id, batchId, topic: input.topic, scheduledFor: input.scheduledFor, status: 'scheduled', attachmentIds: [], findings: [] }));
        out.push(row);
      }
      await this.audit.recordMany(m, out.map((r) => ({ action: 'inspection.scheduled' as const, entityType: 'inspection', entityId: r.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { unitId: r.unitId, batchId, sampled: !input.unitIds } })));
      return out;
    });
    return rows.map(toView);
  }

  async recordFindings(principal: Principal, id: string, input: RecordFindingsRequest, now = new Date()): Promise<InspectionView> {
    return this.change(principal, id, 'supervisor', 'sup', (i) => {
      if (i.status !== 'scheduled') throw new AppError('TRANSITION_REFUSED', { params: { reason: `cuộc kiểm tra đang ở trạng thái ${i.status}` } });
      const hasNegative = input.findings.some((f) => f.severity === 'negative');
      Object.assign(i, {
        minutes: input.minutes,
        attachmentIds: input.attachmentIds,
        findings: input.findings,
        status: hasNegative ? 'awaiting_correction' : 'closed',
        correctiveDueAt: hasNegative ? new Date(now.getTime() + input.correctiveDueDays * 86400_000) : null,
        closedAt: hasNegative ? null : now,
      });
    });
  }

  async submitCorrection(principal: Principal, id: string, input: SubmitCorrectiveActionRequest): Promise<InspectionView> {
    return this.change(principal, id, 'officer', 'unit', (i) => {
      if (i.status !== 'awaiting_correction' && i.status !== 'escalated') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'không có yêu cầu khắc phục' } });
      Object.assign(i, { correctiveAction: input.text, attachmentIds: [...i.attachmentIds, ...input.attachmentIds], status: 'correction_submitted' });
    });
  }

  async verify(principal: Principal, id: string, input: VerifyCorrectiveActionRequest, now = new Date()): Promise<InspectionView> {
    if (!input.accepted && !input.comment) throw new AppError('COMMENT_REQUIRED');
    return this.change(principal, id, 'supervisor', 'sup', (i) => {
      if (i.status !== 'correction_submitted') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'chưa có báo cáo khắc phục' } });
      Object.assign(i, input.accepted ? { status: 'closed', closedAt: now } : { status: 'awaiting_correction' });
    });
  }

  /**
   * Escalates corrective actions past their due date, one batch (run by InspectionEscalationScheduler;
   * each row once). Rows are claimed with FOR UPDATE SKIP LOCKED, so several processes share the
   * work; in the same transaction the row becomes `escalated`, the audit row is written and the
   * notifications go to the runtime's outbox (supervisors of the supervising unit: `deadline.escalated`;
   * officers of the inspected unit: `deadline.overdue`), delivered by the notifications module after
   * commit — or by the outbox relay after a crash. A rolled-back batch notifies no one.
   */
  async escalateOverdue(now = new Date(), limit = 500): Promise<number> {
    const { n, outbox } = await this.repo.transaction(async (m) => {
      const rows = await this.repo.overdueCorrections(m, now, limit);
      if (rows.length === 0) return { n: 0, outbox: [] };
      const names = await this.repo.unitNames([...new Set(rows.map((i) => i.unitId))], m);
      for (const i of rows) {
        i.status = 'escalated';
        i.escalatedAt = now;
        i.version += 1;
        await this.repo.save(m, i);
      }
      await this.audit.recordMany(m, rows.map((i) => ({ action: 'inspection.escalated' as const, entityType: 'inspection', entityId: i.id, details: { unitId: i.unitId, supervisingUnitId: i.supervisingUnitId, dueAt: i.correctiveDueAt?.toISOString() } })));
      const messages = rows.flatMap((i) => {
        const params = { title: `Khắc phục sau kiểm tra — ${names.get(i.unitId) ?? i.unitId}: ${i.topic}`, stage: 'corrective', dueAt: i.correctiveDueAt?.toISOString() ?? null, inspectionId: i.id, campaignId: i.campaignId };
        return [
          { topic: JOBS.notify, payload: { to: { unitId: i.supervisingUnitId, role: 'supervisor' }, template: 'deadline.escalated', params, itemId: null } },
          { topic: JOBS.notify, payload: { to: { unitId: i.unitId, role: 'officer' }, template: 'deadline.overdue', params, itemId: null } },
        ];
      });
      return { n: rows.length, outbox: await this.repo.addOutbox(m, messages) };
    });
    this.dispatcher.dispatchSoon(outbox);
    return n;
  }

  async list(_principal: Principal, campaignId: string): Promise<InspectionView[]> {
    return (await this.repo.inspections(campaignId)).map(toView);
  }

  private async change(principal: Principal, id: string, role: 'supervisor' | 'officer', at: 'sup' | 'unit', apply: (i: InspectionEntity) => void): Promise<InspectionView> {
    const current = await this.repo.inspection(id);
    if (!current) throw AppError.notFound('inspection');
    const unit = await this.campaigns.requireUnit(at === 'sup' ? current.supervisingUnitId : current.unitId);
    assertRoleCovering(principal, [role], unit.path, true);
    const saved = await this.repo.transaction(async (m) => {
      const i = (await this.repo.inspection(id, m, true))!;
      const from = i.status;
      apply(i);
      i.version += 1;
      const r = await this.repo.save(m, i);
      await this.audit.record(m, { action: 'inspection.updated', entityType: 'inspection', entityId: id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { from, to: r.status } });
      return r;
    });
    return toView(saved);
  }
}
