import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InspectionStatus } from '@thidua/contracts';

/** An inspection (kiểm tra) of one unit by a supervising union, with findings and corrective action. */
@Entity({ name: 'inspection' })
@Index('idx_inspection_campaign', ['campaignId', 'supervisingUnitId'])
@Index('idx_inspection_due', ['status', 'correctiveDueAt'])
export class InspectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'supervising_unit_id', type: 'uuid' })
  supervisingUnitId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** Inspections scheduled together (a sample) share a batch id. */
  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'scheduled_for', type: 'date' })
  scheduledFor!: string;

  @Column({ type: 'text' })
  status!: InspectionStatus;

  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Column({ name: 'attachment_ids', type: 'jsonb' })
  attachmentIds!: string[];

  @Column({ type: 'jsonb' })
  findings!: Array<{ text: string; severity: 'positive' | 'negative' }>;

  @Column({ name: 'corrective_due_at', type: 'timestamptz', nullable: true })
  correctiveDueAt!: Date | null;

  @Column({ name: 'corrective_action', type: 'text', nullable: true })
  correctiveAction!: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
