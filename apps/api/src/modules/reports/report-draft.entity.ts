import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The edited prose sections of a unit's review report for one milestone. */
@Entity({ name: 'report_draft' })
export class ReportDraftEntity {
  @PrimaryColumn({ name: 'milestone_id', type: 'uuid' })
  milestoneId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'jsonb' })
  sections!: Record<string, string>;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'updated_by_user_id', type: 'uuid', nullable: true })
  updatedByUserId!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
