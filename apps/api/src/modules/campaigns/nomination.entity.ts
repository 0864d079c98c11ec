import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NominationStatus, NomineeKind } from '@thidua/contracts';

export interface NominationStep {
  at: string;
  action: string;
  byUserId: string | null;
  comment: string | null;
  from: string;
  to: string;
}

/** A commendation proposal (đề nghị khen thưởng) and where it stands on its way up. */
@Entity({ name: 'nomination' })
@Index('idx_nomination_quota', ['campaignId', 'nominatingUnitId', 'awardForm'])
@Index('idx_nomination_at_unit', ['atUnitId', 'status'])
@Index('idx_nomination_item', ['itemId'])
export class NominationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'nominating_unit_id', type: 'uuid' })
  nominatingUnitId!: string;

  @Column({ name: 'nominee_kind', type: 'text' })
  nomineeKind!: NomineeKind;

  @Column({ name: 'nominee_name', type: 'text' })
  nomineeName!: string;

  @Column({ name: 'nominee_unit_id', type: 'uuid', nullable: true })
  nomineeUnitId!: string | null;

  @Column({ name: 'nominee_position', type: 'text', nullable: true })
  nomineePosition!: string | null;

  @Column({ name: 'award_form', type: 'text' })
  awardForm!: string;

  /** The rule set in force when it was nominated, and its legal basis (kept even after rules change). */
  @Column({ name: 'rule_set', type: 'text' })
  ruleSet!: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'achievement_summary', type: 'text' })
  achievementSummary!: string;

  @Column({ name: 'review_minutes', type: 'text' })
  reviewMinutes!: string;

  @Column({ name: 'attachment_ids', type: 'jsonb' })
  attachmentIds!: string[];

  @Column({ type: 'text' })
  status!: NominationStatus;

  @Column({ name: 'at_unit_id', type: 'uuid', nullable: true })
  atUnitId!: string | null;

  /** The nomination's `commendation` work item (null for forms no level above the unit decides, and rows made before the runtime). */
  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ name: 'decision_document_id', type: 'uuid', nullable: true })
  decisionDocumentId!: string | null;

  @Column({ type: 'jsonb' })
  history!: NominationStep[];

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
