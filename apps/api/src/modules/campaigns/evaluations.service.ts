import { Injectable } from '@nestjs/common';
import type { IndicatorSubmissionView, ReviewSubmissionRequest, SubmitIndicatorValuesRequest } from '@thidua/contracts';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { checkIndicatorValues } from '../reports/rollup/indicator-values';
import { actorPath, assertRoleCovering, holdsRoleCovering } from './campaign-scope';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService, assertReadable } from './campaigns.service';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';

function toView(s: IndicatorSubmissionEntity): IndicatorSubmissionView {
  return {
    id: s.id,
    campaignId: s.campaignId,
    milestoneId: s.milestoneId,
    unitId: s.unitId,
    values: s.values,
    selfAssessment: s.selfAssessment,
    status: s.status,
    reviewComment: s.reviewComment,
    submittedAt: s.submittedAt.toISOString(),
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
    version: s.version,
  };
}

/**
 * Evaluations at a milestone: a unit submits its indicator values (checked by type and range), a
 * supervisor above it accepts or returns them; only accepted values enter roll-ups.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditService,
  ) {}

  async submit(principal: Principal, campaignId: string, milestoneId: string, input: SubmitIndicatorValuesRequest, now = new Date()): Promise<IndicatorSubmissionView> {
    const c = await this.campaigns.requireCampaign(campaignId);
    const ms = await this.repo.milestone(milestoneId);
    if (!ms || ms.campaignId !== campaignId) throw AppError.notFound('milestone');
    if (ms.status !== 'open') throw new AppError('COLLECTION_CLOSED');
    const unit = await this.campaigns.requireUnit(input.unitId);
    assertRoleCovering(principal, ['officer'], unit.path, true);
    const checked = checkIndicatorValues(c.indicators, input.values);
    if (checked.problems.length) throw AppError.validation(checked.problems.map((p) => ({ path: `body.values.${p.key}`, reason: p.reason === 'unknown_indicator' ? 'unrecognized_keys' : p.reason === 'too_many_decimals' ? 'invalid_format' : p.reason, message: p.message })));
    const saved = await this.repo.transaction(async (m) => {
      const existing = await this.repo.submission(campaignId, milestoneId, unit.id, m, true);
      if (existing?.status === 'accepted') throw new AppError('CONFLICT', { details: { reason: 'already_accepted' } });
      const row = existing ?? this.repo.create(m, IndicatorSubmissionEntity, { campaignId, milestoneId, unitId: unit.id, version: 0 });
      Object.assign(row, { values: input.values, scaled: checked.scaled, selfAssessment: input.selfAssessment ?? null, status: 'submitted', submittedByUserId: principal.userId, submittedAt: now, version: row.version + 1 });
      const s = await this.repo.save(m, row);
      await this.audit.record(m, { action: 'indicator.submitted', entityType: 'indicator_submission', entityId: s.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { unitId: unit.id, milestoneId, values: input.values } });
      return s;
    });
    return toView(saved);
  }

  async review(principal: Principal, submissionId: string, input: ReviewSubmissionRequest, now = new Date()): Promise<IndicatorSubmissionView> {
    const s = await this.repo.submissionById(submissionId);
    if (!s) throw AppError.notFound('submission');
    const unit = await this.campaigns.requireUnit(s.unitId);
    // A supervisor ABOVE the unit (not the unit itself) reviews; the tree as it is now decides who.
    const parentPath = unit.path.slice(0, unit.path.slice(0, -1).lastIndexOf('/') + 1);
    if (!holdsRoleCovering(principal, ['supervisor'], parentPath)) throw AppError.forbidden({ needs: ['supervisor'], above: unit.path });
    if (input.decision === 'return' && !input.comment) throw new AppError('COMMENT_REQUIRED');
    const saved = await this.repo.transaction(async (m) => {
      const row = (await this.repo.submissionById(submissionId, m, true))!;
      if (row.status !== 'submitted') throw new AppError('TRANSITION_REFUSED', { params: { reason: `báo cáo đang ở trạng thái ${row.status}` } });
      Object.assign(row, { status: input.decision === 'accept' ? 'accepted' : 'returned', reviewComment: input.comment ?? null, reviewedByUserId: principal.userId, reviewedAt: now, version: row.version + 1 });
      const r = await this.repo.save(m, row);
      await this.audit.record(m, { action: 'indicator.reviewed', entityType: 'indicator_submission', entityId: r.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { decision: input.decision, comment: input.comment ?? null } });
      return r;
    });
    return toView(saved);
  }

  async list(principal: Principal, campaignId: string, milestoneId: string, unitId: string): Promise<IndicatorSubmissionView[]> {
    await this.campaigns.requireCampaign(campaignId);
    const unit = await this.campaigns.requireUnit(unitId);
    assertReadable(principal, unit.path);
    return (await this.repo.submissionsUnder(milestoneId, unit.path)).map(toView);
  }
}
