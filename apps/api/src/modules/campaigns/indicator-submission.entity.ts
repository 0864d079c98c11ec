import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IndicatorValues, SubmissionStatus } from '@thidua/contracts';

/** One unit's indicator values for one milestone; only `accepted` ones enter roll-ups. */
@Entity({ name: 'indicator_submission' })
@Index('uq_indicator_submission', ['campaignId', 'milestoneId', 'unitId'], { unique: true })
@Index('idx_indicator_submission_status', ['milestoneId', 'status'])
@Check('chk_indicator_submission_status', `"status" IN ('submitted','accepted','returned')`)
export class IndicatorSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'milestone_id', type: 'uuid' })
  milestoneId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'jsonb' })
  values!: IndicatorValues;

  /** The same values as exact scaled integers, as the roll-up reads them. */
  @Column({ type: 'jsonb' })
  scaled!: Record<string, number>;

  @Column({ name: 'self_assessment', type: 'text', nullable: true })
  selfAssessment!: string | null;

  @Column({ type: 'text' })
  status!: SubmissionStatus;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment!: string | null;

  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  @Column({ name: 'reviewed_by_user_id', type: 'uuid', nullable: true })
  reviewedByUserId!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
